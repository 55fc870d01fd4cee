package org.kvmorch.control;

import org.kvmorch.hypervisor.MigrationRequest;

/** Post-copy at once: switch as soon as the job runs, so every page crosses exactly once. */
final class PostcopyPolicy implements MigrationPolicy {

    @Override
    public String name() {
        return "postcopy";
    }

    @Override
    public MigrationRequest initialRequest(MigrationContext ctx) {
        requirePostcopy(ctx, name());
        return Requests.live(ctx);
    }

    @Override
    public Controller newController(MigrationContext ctx) {
        return new Controller() {
            private boolean switched;

            @Override
            public Decision decide(Observation obs) {
                if (switched || obs.inPostcopy()) {
                    return Decision.none();
                }
                switched = true;
                return Decision.of(new Action.StartPostCopy(), "post-copy policy switches at once");
            }
        };
    }

    static void requirePostcopy(MigrationContext ctx, String policy) {
        if (!ctx.postcopyAllowed()) {
            throw new IllegalArgumentException("policy " + policy + " needs post-copy, which this VM does not allow");
        }
    }
}
