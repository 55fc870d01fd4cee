package org.kvmorch.bench;

import org.kvmorch.control.Action;
import org.kvmorch.control.Controller;
import org.kvmorch.control.Decision;
import org.kvmorch.control.MigrationContext;
import org.kvmorch.control.MigrationPolicy;
import org.kvmorch.control.Policies;
import org.kvmorch.hypervisor.JobStats;
import org.kvmorch.hypervisor.MigrationRequest;

/**
 * A bench-only policy: switch to post-copy inside the bulk pass, once a given share of the guest's
 * pages has been processed (at the pass's end at the latest). It answers one question with a
 * measurement: can an earlier switch keep a write-heavy guest within 1.15× the physical floor
 * when hybrid-1 (switch right after the bulk pass) cannot? Not offered to the service.
 */
final class BulkFractionSwitch implements MigrationPolicy {

    private final double share;

    BulkFractionSwitch(double share) {
        this.share = share;
    }

    @Override
    public String name() {
        return String.format(java.util.Locale.ROOT, "bulk-switch-%.0f%%", share * 100);
    }

    @Override
    public MigrationRequest initialRequest(MigrationContext ctx) {
        return Policies.require("hybrid-1").initialRequest(ctx);
    }

    @Override
    public Controller newController(MigrationContext ctx) {
        return new Controller() {
            private boolean switched;

            @Override
            public Decision decide(org.kvmorch.control.Observation obs) {
                JobStats s = obs.stats();
                double processed = s.memoryTotalBytes() == 0 ? 0 : (double) (s.memoryNormalPages()
                        + s.memoryConstantPages()) * s.memoryPageSizeBytes() / s.memoryTotalBytes();
                if (switched || (processed < share && obs.passes().completedPasses() < 1)) {
                    return Decision.none();
                }
                switched = true;
                return Decision.of(new Action.StartPostCopy(), String.format(java.util.Locale.ROOT,
                        "%.0f %% of the pages processed", processed * 100));
            }
        };
    }
}
