package org.kvmorch.hypervisor.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.kvmorch.hypervisor.JobPhase;
import org.kvmorch.hypervisor.MigrationFlag;

/** Costs of the stream itself: TLS, multifd channels, xbzrle, and the storage path. */
class StreamCostTest {

    private static SimRunResult bulkOnly(Set<MigrationFlag> flags, int channels) {
        SimRunParameters p = SimRunParameters.of(4096, 1250, SimFixtures.sequential(0, 4096))
                .withStopRule(StopRule.ROUND_END).withDeviceStateKib(0).withExtraFlags(flags);
        p = new SimRunParameters(p.memoryMib(), p.bandwidthMibps(), p.workload(), p.downtimeMs(), p.stopRule(),
                p.deviceStateKib(), p.timeLimitSeconds(), p.seed(), 0, false, p.mode(), flags, channels, p.latency());
        return SimulatedMigrationRun.run(p, MigrationController.none());
    }

    /**
     * 4 GiB over 10 GbE (1250 MiB/s): one plain stream (2 GiB/s of CPU) is link-bound, 3.28 s; one
     * TLS stream is CPU-bound at 400 MiB/s, 10.24 s; four TLS channels (1600 MiB/s) are link-bound
     * again. Setup adds 10 ms.
     */
    @Test
    void tlsCapsAStreamAndParallelChannelsLiftTheCap() {
        assertThat(bulkOnly(Set.of(), 1).totalTimeMs()).isCloseTo(3287, within(5L));
        assertThat(bulkOnly(Set.of(MigrationFlag.TLS), 1).totalTimeMs()).isCloseTo(10250, within(5L));
        assertThat(bulkOnly(Set.of(MigrationFlag.TLS, MigrationFlag.PARALLEL), 4).totalTimeMs())
                .isCloseTo(3287, within(5L));
    }

    /** xbzrle: once a pass has filled the cache, re-sent hot pages go as 30 % deltas. */
    @Test
    void xbzrleShrinksResentPages() {
        SimRunParameters p = SimRunParameters.of(512, 100, WorkloadSpec.hotset(90 * Units.MIB, 32 * Units.MIB))
                .withDowntimeMs(20).withTimeLimitSeconds(20);
        SimRunResult plain = SimulatedMigrationRun.run(p, MigrationController.none());
        SimRunResult xbzrle = SimulatedMigrationRun.run(p.withExtraFlags(Set.of(MigrationFlag.COMPRESSED)),
                MigrationController.none());
        PassRecord third = xbzrle.passes().get(2);
        assertThat(third.bytes()).isLessThan(Math.round(third.pagesSent() * 4096 * 0.31));
        assertThat(plain.passes().get(2).bytes()).isEqualTo(plain.passes().get(2).pagesSent() * 4096);
    }

    /**
     * With the bulk pass on the storage path, a link cut after the switch to post-copy does not
     * pause the migration: the destination reads the rest from shared storage (seed 002's PbData).
     */
    @Test
    void postcopyFallsBackToTheStoragePathWhenTheLinkIsCut() {
        // 100 MiB/s over a 256 MiB hot set on a 50 MiB/s link: pre-copy alone would not converge.
        SimRunParameters p = SimRunParameters.of(2048, 50, WorkloadSpec.hotset(100 * Units.MIB, 256 * Units.MIB))
                .withStoragePath(1000, true);
        SimulatedDatacenter dc = SimulatedMigrationRun.datacenter(p);
        SimMigrationJob job = dc.host("src").migrate("vm", dc.host("dst"), SimulatedMigrationRun.request(p),
                SimMigrationOptions.defaults().withBulkOverStoragePath(true));
        dc.cutLink("src", Duration.ofSeconds(2), Duration.ofSeconds(1000));
        while (dc.clock().millis() < 1500 && !job.phase().isTerminal()) {
            job.awaitProgress(Duration.ofMillis(1500 - dc.clock().millis()));
        }
        assertThat(job.phase()).isEqualTo(JobPhase.PRECOPY);
        assertThat(job.storageBytes()).isPositive();
        job.startPostCopy();
        SimFixtures.finish(job);
        assertThat(job.phase()).isEqualTo(JobPhase.COMPLETED);
        assertThat(dc.clock().millis()).isBetween(2000L, 100_000L);
        assertThat(job.postcopyPages()).isEqualTo(job.pagesPendingAtPostcopySwitch());
    }
}
