package org.kvmorch.hypervisor.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.kvmorch.hypervisor.DomainState;
import org.kvmorch.hypervisor.JobPhase;
import org.kvmorch.hypervisor.MigrationEvent;
import org.kvmorch.hypervisor.MigrationFlag;
import org.kvmorch.hypervisor.MigrationRequest;

class PostcopyTest {

    /**
     * Post-copy from the start with no writes: every one of the 262,144 pages of 1 GiB crosses
     * exactly once (a little of the bulk pass before the switch, the rest after it).
     */
    @Test
    void everyPageCrossesExactlyOnce() {
        SimRunResult r = SimulatedMigrationRun.run(
                SimRunParameters.of(1024, 125, SimFixtures.sequential(0, 1024)).withDeviceStateKib(0),
                (stats, job) -> {
                    if (!stats.phase().isTerminal() && !stats.inPostcopy()) {
                        job.startPostCopy();
                    }
                });
        assertThat(r.result()).isEqualTo(SimRunResult.Result.COMPLETED);
        assertThat(r.pagesSent()).isEqualTo(262_144);
        assertThat(r.precopyRounds()).isZero();
        assertThat(r.totalMib()).isEqualTo(1024.0);
    }

    /**
     * A hot set written at 50 MiB/s, switch after pass 1. The pages pending at the switch are
     * exactly the pages sent after it (faulted or pushed), each once; faults are a subset.
     * The switchover moves 256 KiB of device state at 125 MiB/s (2 ms) plus a 0.5 ms round trip.
     */
    @Test
    void pagesPendingAtTheSwitchAreSentOnceAfterIt() {
        SimulatedDatacenter dc = SimFixtures.twoHosts(125)
                .vm(SimFixtures.vm("vm", 1024, WorkloadSpec.hotset(50 * Units.MIB, 256 * Units.MIB))
                        .withDeviceStateBytes(256 * Units.KIB))
                .build();
        SimMigrationJob job = SimFixtures.start(dc, "vm", SimFixtures.live(300), StopRule.QEMU);
        List<MigrationEvent> events = new ArrayList<>();
        job.addListener(events::add);
        while (!job.phase().isTerminal()) {
            var stats = job.awaitProgress(Duration.ofSeconds(1));
            if (stats.phase() == JobPhase.PRECOPY && stats.memoryIteration() >= 2) {
                job.startPostCopy();
            }
            if (job.phase() == JobPhase.POSTCOPY && stats.postcopyStartedAtMillis() >= 0
                    && job.stats().downtimeKnown() && job.stats().downtimeMillis() < 100) {
                assertThat(dc.host("dst").domain("vm").orElseThrow().status())
                        .isIn(DomainReasons.RUNNING_POSTCOPY, DomainReasons.PAUSED_MIGRATION);
                assertThat(dc.host("src").domain("vm").orElseThrow().status()).isEqualTo(DomainReasons.PAUSED_POSTCOPY);
            }
        }
        assertThat(job.phase()).isEqualTo(JobPhase.COMPLETED);
        long pending = job.pagesPendingAtPostcopySwitch();
        assertThat(pending).isGreaterThan(10_000); // most of the 65,536-page hot set
        assertThat(job.postcopyPages()).isEqualTo(pending);
        long sentBefore = job.passes().stream().filter(p -> p.kind() == PassRecord.Kind.LIVE)
                .mapToLong(PassRecord::pagesSent).sum();
        assertThat(job.pagesSent()).isEqualTo(sentBefore + pending);
        assertThat(events).filteredOn(e -> e instanceof MigrationEvent.PhaseChanged pc
                && pc.phase() == JobPhase.POSTCOPY).hasSize(1);
        assertThat(events).last().isInstanceOf(MigrationEvent.Finished.class);
        long faults = job.stats().memoryPostcopyRequests();
        assertThat(faults).isPositive().isLessThanOrEqualTo(job.postcopyPages());
        assertThat(job.stats().downtimeMillis()).isBetween(2L, 3L);
        assertThat(dc.host("dst").domain("vm").orElseThrow().status()).isEqualTo(DomainReasons.MIGRATED);
        assertThat(dc.host("src").domain("vm")).isEmpty(); // UNDEFINE_SOURCE
    }

    @Test
    void switchNeedsThePostcopyFlag() {
        SimulatedDatacenter dc = SimFixtures.twoHosts(125).vm(SimFixtures.vm("vm", 256, SimFixtures.sequential(10, 256)))
                .build();
        MigrationRequest noPostcopy = MigrationRequest.live().withFlags(java.util.Set.of(MigrationFlag.PEER2PEER));
        SimMigrationJob job = SimFixtures.start(dc, "vm", noPostcopy, StopRule.QEMU);
        assertThatThrownBy(job::startPostCopy).isInstanceOf(IllegalStateException.class).hasMessageContaining("POSTCOPY");
    }

    @Test
    void abortInPostcopyPausesInsteadOfDestroying() {
        SimulatedDatacenter dc = SimFixtures.twoHosts(50)
                .vm(SimFixtures.vm("vm", 1024, WorkloadSpec.hotset(20 * Units.MIB, 512 * Units.MIB))).build();
        SimMigrationJob job = SimFixtures.start(dc, "vm", SimFixtures.live(300), StopRule.QEMU);
        job.startPostCopy();
        job.awaitProgress(Duration.ofSeconds(2));
        job.awaitProgress(Duration.ofSeconds(2));
        assertThat(job.phase()).isEqualTo(JobPhase.POSTCOPY);
        job.abort();
        assertThat(job.phase()).isEqualTo(JobPhase.POSTCOPY_PAUSED);
        assertThat(dc.host("dst").domain("vm").orElseThrow().status().state()).isEqualTo(DomainState.RUNNING);
        job.resumePostCopy();
        SimFixtures.finish(job);
        assertThat(job.phase()).isEqualTo(JobPhase.COMPLETED);
    }
}
