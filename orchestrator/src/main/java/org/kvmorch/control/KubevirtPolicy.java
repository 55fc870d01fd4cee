package org.kvmorch.control;

import org.kvmorch.hypervisor.MigrationRequest;

/**
 * KubeVirt's migration monitor: gives up when the remaining data has not shrunk for 150 s
 * (progressTimeout) or after 150 s per GiB (completionTimeoutPerGiB). Past the completion timeout
 * it switches to post-copy when allowed (allowPostCopy), else aborts; no progress always aborts.
 */
final class KubevirtPolicy implements MigrationPolicy {

    static final long PROGRESS_TIMEOUT_MS = 150_000;
    static final long COMPLETION_TIMEOUT_MS_PER_GIB = 150_000;

    @Override
    public String name() {
        return "kubevirt";
    }

    @Override
    public MigrationRequest initialRequest(MigrationContext ctx) {
        return Requests.live(ctx);
    }

    @Override
    public Controller newController(MigrationContext ctx) {
        long completionTimeout = (long) Math.ceil(COMPLETION_TIMEOUT_MS_PER_GIB * ctx.memoryGib());
        return new Controller() {
            private long lowestRemaining = Long.MAX_VALUE;
            private long progressAt;
            private boolean acted;

            @Override
            public Decision decide(Observation obs) {
                if (obs.inPostcopy() || acted) {
                    return Decision.none();
                }
                long elapsed = obs.elapsedMillis();
                long remaining = obs.stats().dataRemainingBytes();
                if (remaining < lowestRemaining) {
                    lowestRemaining = remaining;
                    progressAt = elapsed;
                }
                if (elapsed - progressAt > PROGRESS_TIMEOUT_MS) {
                    acted = true;
                    return Decision.of(new Action.Abort(), "kubevirt: no progress for " + PROGRESS_TIMEOUT_MS + " ms");
                }
                if (elapsed > completionTimeout) {
                    acted = true;
                    Action action = ctx.postcopyAllowed() ? new Action.StartPostCopy() : new Action.Abort();
                    return Decision.of(action, "kubevirt: completion timeout " + completionTimeout + " ms");
                }
                return Decision.none();
            }
        };
    }
}
