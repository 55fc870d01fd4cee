package org.kvmorch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.kvmorch.control.Decision;
import org.kvmorch.control.MigrationContext;
import org.kvmorch.control.Policies;
import org.kvmorch.hypervisor.sim.SimRunParameters;
import org.kvmorch.hypervisor.sim.SimRunResult;
import org.kvmorch.hypervisor.sim.WorkloadKind;
import org.kvmorch.hypervisor.sim.WorkloadSpec;
import org.kvmorch.prediction.PolicyRun;

/**
 * auto's bulk-pass guard through the service's control loop on the simulator: a guest that re-dirties
 * its hot set faster than the link drains it costs hybrid-1 far more than 1.15× the floor, and auto
 * stays within it by switching inside the bulk pass; a guest with a small working set is left alone.
 */
class AutoBulkPassSimulationTest {

    private static final long MIB = 1L << 20;

    @Test
    void aHotSetTheLinkCannotOutrunIsSwitchedInsideTheBulkPass() {
        // 1 GiB guest, 256 MiB hot set written at 150 MiB/s, 100 MiB/s link.
        SimRunParameters p = SimRunParameters.of(1024, 100, new WorkloadSpec(WorkloadKind.HOTSET,
                OptionalLong.of(150 * MIB), OptionalLong.of(256 * MIB)));
        assertThat(PolicyRun.run(p, Policies.require("hybrid-1")).floorRatio()).isGreaterThan(1.15);

        PolicyRun.Outcome auto = PolicyRun.run(p, Policies.require("auto"));
        assertThat(auto.result().result()).isEqualTo(SimRunResult.Result.COMPLETED);
        assertThat(auto.floorRatio()).isLessThanOrEqualTo(1.15);
        assertThat(auto.result().precopyRounds()).isZero();
        assertThat(auto.decisions()).extracting(Decision::reason).anyMatch(r -> r.contains("bulk pass"));
    }

    @Test
    void knowingTheResidentSetLetsTheBulkPassRunLonger() {
        // Seed 002's scenario 2 (8 GiB memcached, 10:1 with write bursts, 50 MiB/s): the simulated host reports
        // the guest's resident set; told only the write rate and working set, auto switches far earlier.
        SimRunParameters p = SimRunParameters.of(8192, 50, WorkloadSpec.of(WorkloadKind.BURSTY));
        PolicyRun.Outcome known = PolicyRun.run(p, Policies.require("auto"));
        MigrationContext.GuestWrites seen = known.context().guestWrites();
        assertThat(seen.residentBytes()).isEqualTo(8192L * MIB * 26 / 32);
        PolicyRun.Outcome unknown = PolicyRun.run(p, Policies.require("auto"), 0,
                new MigrationContext.GuestWrites(seen.bytesPerSecond(), seen.workingSetBytes()));
        assertThat(known.floorRatio()).isLessThanOrEqualTo(1.15);
        assertThat(unknown.floorRatio()).isLessThanOrEqualTo(1.15);
        assertThat(known.result().postcopyMib()).isLessThan(unknown.result().postcopyMib() / 2);
    }

    @Test
    void aSmallWorkingSetKeepsPrecopy() {
        SimRunParameters p = SimRunParameters.of(2048, 125, WorkloadSpec.of(WorkloadKind.KERNEL_COMPILE));
        PolicyRun.Outcome auto = PolicyRun.run(p, Policies.require("auto"));
        assertThat(auto.result().result()).isEqualTo(SimRunResult.Result.COMPLETED);
        assertThat(auto.floorRatio()).isLessThanOrEqualTo(1.15);
        assertThat(auto.result().precopyRounds()).isPositive();
        assertThat(auto.decisions()).extracting(Decision::reason).noneMatch(r -> r.contains("bulk pass"));
    }
}
