package org.kvmorch.hypervisor.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.kvmorch.hypervisor.DomainState;
import org.kvmorch.hypervisor.JobPhase;
import org.kvmorch.hypervisor.MigrationFlag;
import org.kvmorch.hypervisor.MigrationMode;
import org.kvmorch.hypervisor.MigrationRejectedException;
import org.kvmorch.hypervisor.MigrationRequest;

class DatacenterTest {

    private static SimulatedDatacenter small() {
        LinkSpec link = LinkSpec.ofMibPerSecond(100);
        return SimulatedDatacenter.builder()
                .host(HostSpec.of("h1", 8, 16 * Units.GIB, link))
                .host(HostSpec.of("h2", 8, 6 * Units.GIB, link))
                .vm(VmSpec.of("web", "h1", 2, 4 * Units.GIB, WorkloadSpec.idle()).withCpuDemandCores(2))
                .vm(VmSpec.of("db", "h1", 4, 8 * Units.GIB, WorkloadSpec.of(WorkloadKind.MEMCACHED)))
                .build();
    }

    /** h1: 2 + 4 cores of 8 busy = 0.75; 12 of 16 GiB allocated = 0.75. h2 is empty. */
    @Test
    void hostUtilizationComesFromItsGuests() {
        SimulatedDatacenter dc = small();
        assertThat(dc.hostNames()).containsExactly("h1", "h2");
        assertThat(dc.host("h1").utilization().cpu()).isCloseTo(0.75, within(1e-9));
        assertThat(dc.host("h1").utilization().memory()).isCloseTo(0.75, within(1e-9));
        assertThat(dc.host("h2").utilization().cpu()).isZero();
        assertThat(dc.host("h1").domains()).hasSize(2);
        var db = dc.host("h1").domainUtilization("db");
        assertThat(db.dirtyRateBytesPerSecond().getAsLong()).isEqualTo(70 * Units.MIB); // 3:7 of 100 MiB/s
        assertThat(db.workingSetBytes().getAsLong()).isEqualTo(Units.GIB); // an eighth of 8 GiB
        assertThat(dc.host("h1").nodeInfo().networkBytesPerSecond()).isEqualTo(100 * Units.MIB);
    }

    @Test
    void rejectsWhatLibvirtWouldRefuse() {
        SimulatedDatacenter dc = small();
        MigrationRequest live = MigrationRequest.live();
        assertThatThrownBy(() -> dc.host("h1").migrate("db", dc.host("h2"), live))
                .isInstanceOf(MigrationRejectedException.class).hasMessageContaining("free");
        assertThatThrownBy(() -> dc.host("h2").migrate("web", dc.host("h1"), live))
                .isInstanceOf(MigrationRejectedException.class);
        assertThatThrownBy(() -> dc.host("nope")).isInstanceOf(IllegalArgumentException.class);
        dc.host("h1").migrate("web", dc.host("h2"), live);
        assertThatThrownBy(() -> dc.host("h1").migrate("web", dc.host("h2"), live))
                .isInstanceOf(MigrationRejectedException.class).hasMessageContaining("already");
    }

    @Test
    void domainStatesFollowTheMigration() {
        SimulatedDatacenter dc = small();
        MigrationRequest keepSource = MigrationRequest.live()
                .withFlags(Set.of(MigrationFlag.PEER2PEER, MigrationFlag.PERSIST_DEST));
        SimMigrationJob job = (SimMigrationJob) dc.host("h1").migrate("web", dc.host("h2"), keepSource);
        assertThat(dc.host("h1").activeJob("web")).containsSame(job);
        job.awaitProgress(Duration.ofSeconds(1));
        assertThat(dc.host("h1").domain("web").orElseThrow().status().state()).isEqualTo(DomainState.RUNNING);
        assertThat(dc.host("h2").domain("web").orElseThrow().status()).isEqualTo(DomainReasons.PAUSED_MIGRATION);
        assertThat(dc.host("h2").utilization().memory()).isCloseTo(4.0 / 6, within(1e-9));
        SimFixtures.finish(job);
        assertThat(job.phase()).isEqualTo(JobPhase.COMPLETED);
        assertThat(dc.host("h2").domain("web").orElseThrow().status()).isEqualTo(DomainReasons.MIGRATED);
        assertThat(dc.host("h1").domain("web").orElseThrow().status()).isEqualTo(DomainReasons.SHUTOFF_MIGRATED);
        assertThat(dc.host("h1").activeJob("web")).isEmpty();
        assertThat(dc.host("h1").utilization().cpu()).isCloseTo(0.5, within(1e-9));
    }

    /**
     * Cold: the guest stops at once and its memory crosses once (an idle 1 GiB guest: 102.4 MiB of
     * data pages + 2 MiB of zero-page headers); the downtime is the whole job after setup.
     */
    @Test
    void coldMigrationCopiesOnceWithTheGuestStopped() {
        SimRunResult r = SimulatedMigrationRun.run(SimRunParameters.of(1024, 125, WorkloadSpec.idle())
                .withDeviceStateKib(0).withMode(MigrationMode.COLD), MigrationController.none());
        assertThat(r.result()).isEqualTo(SimRunResult.Result.COMPLETED);
        assertThat(r.totalMib()).isCloseTo(r.floorMib(), within(1e-6));
        assertThat(r.downtimeMs()).isCloseTo(r.totalTimeMs() - 10, within(1L));
        assertThat(r.precopyRounds()).isZero();
    }

    /**
     * Seed 002's parallel bulk: 2 GiB hot-set guest, 50 MiB/s link, 1000 MiB/s storage path. The
     * snapshot (512 MiB of data + zero-page headers) crosses the storage path in about 0.6 s while
     * the link only carries pages dirtied since the start; the guest may stop only after it.
     */
    @Test
    void bulkPassOverTheStoragePathKeepsTheLinkForDirtyPages() {
        SimRunResult r = SimulatedMigrationRun.run(
                SimRunParameters.of(2048, 50, WorkloadSpec.hotset(20 * Units.MIB, 256 * Units.MIB))
                        .withStoragePath(1000, true),
                MigrationController.none());
        assertThat(r.result()).isEqualTo(SimRunResult.Result.COMPLETED);
        assertThat(r.storageMib()).isCloseTo(512 + 1536.0 * 9 / 4096, within(1.0));
        assertThat(r.totalMib()).isLessThan(300);
        assertThat(r.totalTimeMs()).isGreaterThan(590).isLessThan(30_000);
    }

    @Test
    void pacedModeMovesTimeByItself() throws InterruptedException {
        LinkSpec link = LinkSpec.ofMibPerSecond(1000);
        try (SimulatedDatacenter dc = SimulatedDatacenter.builder().paced(200)
                .host(HostSpec.of("a", 4, 4 * Units.GIB, link)).host(HostSpec.of("b", 4, 4 * Units.GIB, link))
                .vm(VmSpec.of("vm", "a", 1, 512 * Units.MIB, WorkloadSpec.idle())).build()) {
            SimMigrationJob job = (SimMigrationJob) dc.host("a").migrate("vm", dc.host("b"), MigrationRequest.live());
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (!job.phase().isTerminal() && System.nanoTime() < deadline) {
                job.awaitProgress(Duration.ofSeconds(1));
            }
            assertThat(job.phase()).isEqualTo(JobPhase.COMPLETED);
            assertThat(dc.clock().nanos()).isPositive();
            assertThatThrownBy(() -> dc.advance(Duration.ofSeconds(1))).isInstanceOf(IllegalStateException.class);
        }
    }
}
