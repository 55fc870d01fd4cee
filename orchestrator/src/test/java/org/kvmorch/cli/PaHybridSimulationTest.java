package org.kvmorch.cli;

import org.kvmorch.prediction.PolicyRun;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.kvmorch.control.Policies;
import org.kvmorch.hypervisor.sim.SimRunParameters;
import org.kvmorch.hypervisor.sim.SimRunResult;
import org.kvmorch.hypervisor.sim.WorkloadKind;
import org.kvmorch.hypervisor.sim.WorkloadSpec;

/**
 * Table 5 scaled down to 2 GiB (memcached 3:7, 50 MiB/s link, 10 GbE storage path), through the
 * service's control loop: pa-hybrid and auto (which takes the second path too) beat hybrid-1 on
 * time and on migration-link data. The full-size run is {@code bench policies}.
 */
class PaHybridSimulationTest {

    private static final SimRunParameters SCALED = SimRunParameters.of(2048, 50, WorkloadSpec.of(WorkloadKind.MEMCACHED))
            .withStoragePath(1192, false);

    @Test
    void paHybridBeatsHybridOneOnTimeAndLinkData() {
        SimRunResult hybrid1 = PolicyRun.run(SCALED, Policies.require("hybrid-1")).result();
        for (String policy : new String[] {"pa-hybrid", "auto"}) {
            PolicyRun.Outcome o = PolicyRun.run(SCALED, Policies.require(policy));
            SimRunResult r = o.result();
            assertThat(r.result()).as(policy).isEqualTo(SimRunResult.Result.COMPLETED);
            assertThat(r.totalTimeMs()).as(policy + " time").isLessThan(hybrid1.totalTimeMs());
            assertThat(r.totalMib()).as(policy + " link data").isLessThan(hybrid1.totalMib());
            assertThat(r.storageMib()).as(policy + " storage path carried the bulk").isGreaterThan(0.9 * r.floorMib());
            assertThat(r.downtimeMs()).as(policy + " downtime").isLessThanOrEqualTo(300);
            assertThat(o.floorRatio()).as(policy + " data over the floor").isLessThan(1.15);
        }
    }

    @Test
    void withoutAStoragePathAutoStaysOnTheLink() {
        PolicyRun.Outcome o = PolicyRun.run(SCALED.withStoragePath(0, false), Policies.require("auto"));
        assertThat(o.result().storageMib()).isZero();
        assertThat(o.result().result()).isEqualTo(SimRunResult.Result.COMPLETED);
    }
}
