package org.kvmorch.control;

import org.kvmorch.hypervisor.MigrationRequest;

/**
 * Fixed hybrid: k pre-copy passes, then post-copy. hybrid-1 and hybrid-2 are seed 002's baselines
 * (1-hybrid, 2-hybrid); k counts passes including the bulk pass.
 */
final class HybridPolicy implements MigrationPolicy {

    private final int passes;

    HybridPolicy(int passes) {
        if (passes < 1) {
            throw new IllegalArgumentException("hybrid needs at least one pre-copy pass, was " + passes);
        }
        this.passes = passes;
    }

    @Override
    public String name() {
        return "hybrid-" + passes;
    }

    @Override
    public MigrationRequest initialRequest(MigrationContext ctx) {
        PostcopyPolicy.requirePostcopy(ctx, name());
        return Requests.live(ctx);
    }

    @Override
    public Controller newController(MigrationContext ctx) {
        return new Controller() {
            private boolean switched;

            @Override
            public Decision decide(Observation obs) {
                if (switched || obs.inPostcopy() || obs.passes().completedPasses() < passes) {
                    return Decision.none();
                }
                switched = true;
                return Decision.of(new Action.StartPostCopy(), passes + " pre-copy passes done");
            }
        };
    }
}
