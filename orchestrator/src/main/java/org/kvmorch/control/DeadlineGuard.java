package org.kvmorch.control;

/**
 * The VM's deadline, as the fixed policies honour it: past the deadline a pre-copy job is aborted
 * (the VM stays on the source). Never aborts in post-copy, where the VM already runs on the
 * destination.
 */
final class DeadlineGuard {

    private DeadlineGuard() {
    }

    static Decision check(MigrationContext ctx, Observation obs) {
        if (obs.inPostcopy() || ctx.deadline().isEmpty()) {
            return Decision.none();
        }
        long limit = ctx.deadline().get().toMillis();
        if (obs.elapsedMillis() >= limit) {
            return Decision.of(new Action.Abort(), "deadline of " + limit + " ms passed before convergence");
        }
        return Decision.none();
    }
}
