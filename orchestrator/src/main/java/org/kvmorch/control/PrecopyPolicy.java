package org.kvmorch.control;

import org.kvmorch.hypervisor.MigrationRequest;

/** QEMU's own pre-copy: iterate until the rest fits the downtime limit; no intervention. */
final class PrecopyPolicy implements MigrationPolicy {

    @Override
    public String name() {
        return "precopy";
    }

    @Override
    public MigrationRequest initialRequest(MigrationContext ctx) {
        return Requests.live(ctx);
    }

    @Override
    public Controller newController(MigrationContext ctx) {
        return obs -> DeadlineGuard.check(ctx, obs);
    }
}
