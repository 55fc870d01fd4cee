package org.kvmorch.control;

import org.kvmorch.hypervisor.MigrationMode;
import org.kvmorch.hypervisor.MigrationRequest;

/** Stop-and-copy: the guest is shut down, moved, and started on the destination. */
final class ColdPolicy implements MigrationPolicy {

    @Override
    public String name() {
        return "cold";
    }

    @Override
    public MigrationRequest initialRequest(MigrationContext ctx) {
        return Requests.live(ctx).withMode(MigrationMode.COLD);
    }

    @Override
    public Controller newController(MigrationContext ctx) {
        return obs -> Decision.none();
    }
}
