package org.kvmorch.hypervisor.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.kvmorch.hypervisor.DomainState;
import org.kvmorch.hypervisor.JobPhase;
import org.kvmorch.hypervisor.MigrationEvent;

/** QEMU's own stop rule: sync when the rest of the pass falls below bandwidth × downtime limit. */
class QemuStopRuleTest {

    /**
     * 1 GiB, 125 MiB/s, nothing dirtied. Threshold = 125 MiB/s × 0.3 s = 37.5 MiB. QEMU syncs when
     * less than 37.5 MiB of the bulk pass is left, finds nothing new, and stops: the stop-and-copy
     * sends just under 37.5 MiB (just under 300 ms), after one live pass. Syncs: setup, that one,
     * completion = 3 (reference.md: "converges after the bulk pass alone ends with 3").
     */
    @Test
    void convergingAfterTheBulkPassEndsWithThreeSyncs() {
        SimRunResult r = SimulatedMigrationRun.run(
                SimRunParameters.of(1024, 125, SimFixtures.sequential(0, 1024)).withDeviceStateKib(0),
                MigrationController.none());
        assertThat(r.memoryIteration()).isEqualTo(3);
        assertThat(r.precopyRounds()).isEqualTo(1);
        assertThat(r.downtimeMs()).isBetween(295L, 300L);
        assertThat(r.totalMib()).isCloseTo(1024, within(0.01));
    }

    /**
     * 1 GiB, 125 MiB/s, D = 25 MiB/s, by hand (MiB, s):
     * sync 2 when 37.5 are left of pass 1: t = (1024 − 37.5)/125 = 7.892, dirtied 197.3, pending 234.8;
     * sync 3 after sending 234.8 − 37.5 (1.578 s): dirtied 39.5, pending 77.0;
     * sync 4 after 0.316 s: dirtied 7.9, pending 45.4; sync 5 after 0.063 s: dirtied 1.6, pending 39.1;
     * sync 6 no sooner than 50 ms later (one iterate chunk): 6.25 sent, 1.25 dirtied, pending 34.1 below
     * 37.5: stop. Downtime 34.1/125 = 273 ms; total 1024 + 247.5 = 1271.5; syncs 6 + completion = 7.
     * The round-end rule on the same guest stops after 3 rounds with 66 ms (OracleTest).
     */
    @Test
    void syncsMidRoundAndStopsJustUnderTheLimit() {
        SimRunResult r = SimulatedMigrationRun.run(
                SimRunParameters.of(1024, 125, SimFixtures.sequential(25, 1024)).withDeviceStateKib(0),
                MigrationController.none());
        assertThat(r.result()).isEqualTo(SimRunResult.Result.COMPLETED);
        assertThat(r.memoryIteration()).isEqualTo(7);
        assertThat(r.precopyRounds()).isEqualTo(5);
        assertThat(r.downtimeMs()).isCloseTo(273, within(3L));
        assertThat(r.totalMib()).isCloseTo(1271.5, within(1.0));
        assertThat(r.passes().get(1).dirtyPagesAtSync() * 4096.0 / Units.MIB).isCloseTo(39.5, within(0.2));
    }

    /**
     * λ = 60/50 = 1.2 on 32 GiB: the sequential writer covers all memory within a pass, so every
     * round re-sends 32 GiB. There is no iteration cap; with a 2,000 s limit the run is aborted as
     * NOT_CONVERGED and the guest keeps running on the source.
     */
    @Test
    void lambdaAboveOneNeverConvergesAndIsAbortedAtTheTimeLimit() {
        SimRunResult r = SimulatedMigrationRun.run(SimRunParameters.of(32768, 50, SimFixtures.sequential(60, 32768))
                .withStopRule(StopRule.ROUND_END).withDeviceStateKib(0).withTimeLimitSeconds(2000),
                MigrationController.none());
        assertThat(r.result()).isEqualTo(SimRunResult.Result.NOT_CONVERGED);
        assertThat(r.totalTimeMs()).isBetween(2_000_000L, 2_001_000L);
        assertThat(r.downtimeMs()).isEqualTo(-1);
        // Pass 1 takes 655.4 s; every later pass again sends all 32 GiB.
        assertThat(r.passes().get(1).pagesSent()).isEqualTo(32768L * 256);
    }

    @Test
    void guestKeepsRunningOnTheSourceWhenAborted() {
        SimulatedDatacenter dc = SimFixtures.twoHosts(50).vm(SimFixtures.vm("vm", 512, SimFixtures.sequential(80, 512)))
                .build();
        SimMigrationJob job = SimFixtures.start(dc, "vm", SimFixtures.live(300), StopRule.QEMU);
        List<MigrationEvent> events = new ArrayList<>();
        job.addListener(events::add);
        job.awaitProgress(java.time.Duration.ofSeconds(30));
        job.abort();
        assertThat(job.phase()).isEqualTo(JobPhase.CANCELLED);
        assertThat(dc.host("src").domain("vm").orElseThrow().status().state()).isEqualTo(DomainState.RUNNING);
        assertThat(dc.host("dst").domain("vm")).isEmpty();
        assertThat(events).last().isInstanceOf(MigrationEvent.Finished.class);
        assertThat(events).filteredOn(e -> e instanceof MigrationEvent.Iteration).isNotEmpty();
    }
}
