package org.kvmorch.control;

import org.kvmorch.hypervisor.MigrationFlag;
import org.kvmorch.hypervisor.MigrationRequest;

/** Pre-copy with QEMU's auto-converge: the guest's vCPUs are throttled until pre-copy converges. */
final class AutoConvergePolicy implements MigrationPolicy {

    @Override
    public String name() {
        return "autoconverge";
    }

    @Override
    public MigrationRequest initialRequest(MigrationContext ctx) {
        return Requests.live(ctx, ctx.maxDowntime(), MigrationFlag.AUTO_CONVERGE);
    }

    @Override
    public Controller newController(MigrationContext ctx) {
        return obs -> DeadlineGuard.check(ctx, obs);
    }
}
