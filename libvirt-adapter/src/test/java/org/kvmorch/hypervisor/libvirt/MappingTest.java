package org.kvmorch.hypervisor.libvirt;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.kvmorch.hypervisor.DomainState;
import org.kvmorch.hypervisor.DomainStatus;
import org.kvmorch.hypervisor.JobPhase;
import org.kvmorch.hypervisor.JobStats;
import org.kvmorch.hypervisor.MigrationFlag;
import org.kvmorch.hypervisor.MigrationMode;
import org.kvmorch.hypervisor.MigrationRequest;

/** The adapter's boundary parsing, without libvirt: typed parameters, flags, states, phases. */
class MappingTest {

    private static Map<String, Object> runningJob() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("time_elapsed", 5200L);
        m.put("data_total", 270_000_000L);
        m.put("data_processed", 140_000_000L);
        m.put("data_remaining", 9_000_000L);
        m.put("memory_total", 268_435_456L);
        m.put("memory_processed", 139_000_000L);
        m.put("memory_remaining", 8_900_000L);
        m.put("memory_bps", 260_000_000L);
        m.put("memory_dirty_rate", 5120L);
        m.put("memory_iteration", 3L);
        m.put("memory_constant", 30_000L);
        m.put("memory_normal", 33_000L);
        m.put("memory_normal_bytes", 135_168_000L);
        m.put("memory_page_size", 4096L);
        m.put("memory_postcopy_requests", 0L);
        m.put("auto_converge_throttle", 40L);
        m.put("setup_time", 12L);
        m.put("downtime", 300L);
        return m;
    }

    @Test
    void jobStatisticsMapByLibvirtNamesWithUnits() {
        JobStats s = JobStatsMapper.map(TypedParams.of(runningJob()), JobPhase.PRECOPY, -1);
        assertThat(s.timeElapsedMillis()).isEqualTo(5200);
        assertThat(s.dataProcessedBytes()).isEqualTo(140_000_000L);
        assertThat(s.memoryTotalBytes()).isEqualTo(268_435_456L);
        assertThat(s.memoryDirtyRatePagesPerSecond()).isEqualTo(5120);
        assertThat(s.memoryIteration()).isEqualTo(3);
        assertThat(s.memoryConstantPages()).isEqualTo(30_000);
        assertThat(s.memoryNormalBytes()).isEqualTo(135_168_000L);
        assertThat(s.autoConvergeThrottlePercent()).isEqualTo(40);
        assertThat(s.setupTimeMillis()).isEqualTo(12);
        assertThat(s.inPostcopy()).isFalse();
    }

    @Test
    void downtimeIsUnknownUntilTheGuestStops() {
        JobStats precopy = JobStatsMapper.sanitize(JobStatsMapper.map(TypedParams.of(runningJob()), JobPhase.PRECOPY, -1));
        assertThat(precopy.downtimeMillis()).as("expected downtime is not downtime").isEqualTo(-1);
        JobStats cancelled = JobStatsMapper.sanitize(JobStatsMapper.withPhase(precopy, JobPhase.CANCELLED, -1));
        assertThat(cancelled.downtimeKnown()).isFalse();
        Map<String, Object> m = runningJob();
        m.remove("downtime");
        assertThat(JobStatsMapper.map(TypedParams.of(m), JobPhase.STOP_AND_COPY, -1).downtimeMillis()).isEqualTo(-1);
        JobStats post = JobStatsMapper.sanitize(JobStatsMapper.map(TypedParams.of(runningJob()), JobPhase.POSTCOPY, 4000));
        assertThat(post.downtimeMillis()).isEqualTo(300);
        assertThat(post.postcopyStartedAtMillis()).isEqualTo(4000);
    }

    @Test
    void finalStatisticsKeepTheLastPolledThrottleWhenTheEventLacksIt() {
        JobStats polled = JobStatsMapper.map(TypedParams.of(runningJob()), JobPhase.PRECOPY, -1);
        Map<String, Object> event = runningJob();
        event.remove("auto_converge_throttle");
        event.put("downtime", 45L);
        JobStats done = JobStatsMapper.completed(TypedParams.of(event), polled, -1);
        assertThat(done.phase()).isEqualTo(JobPhase.COMPLETED);
        assertThat(done.downtimeMillis()).isEqualTo(45);
        assertThat(done.autoConvergeThrottlePercent()).isEqualTo(40);
    }

    @Test
    void typedParametersRoundTripThroughNativeMemory() {
        TypedParams.NativeArray array = new TypedParams.NativeArray(List.of(
                TypedParams.Param.string("migrate_uri", "tcp://10.77.0.2"),
                TypedParams.Param.ulong("bandwidth", 32),
                TypedParams.Param.integer("auto_converge.initial", 20)));
        TypedParams back = TypedParams.read(array.pointer(), array.count);
        assertThat(back.string("migrate_uri")).contains("tcp://10.77.0.2");
        assertThat(back.getLong("bandwidth", -1)).isEqualTo(32);
        assertThat(back.getLong("auto_converge.initial", -1)).isEqualTo(20);
    }

    @Test
    void indexedCountersAreSummed() {
        TypedParams p = TypedParams.of(Map.of("net.count", 2L, "net.0.rx.bytes", 100L, "net.1.rx.bytes", 50L,
                "net.0.tx.bytes", 7L, "block.0.rd.bytes", 4096L));
        assertThat(p.sumIndexed("net", "rx.bytes")).isEqualTo(150);
        assertThat(p.sumIndexed("block", "rd.bytes")).isEqualTo(4096);
        assertThat(p.sumIndexed("block", "wr.bytes")).isZero();
    }

    @Test
    void theResidentSetIsReadInKibibytesWhenLibvirtGivesIt() {
        assertThat(UtilizationSampler.residentBytes(TypedParams.of(Map.of("balloon.rss", 524_288L))))
                .hasValue(512L << 20);
        assertThat(UtilizationSampler.residentBytes(TypedParams.of(Map.of("balloon.current", 524_288L)))).isEmpty();
    }

    @Test
    void requestFlagsAndParametersMapToMigrateToUri3() {
        MigrationRequest base = MigrationRequest.live();
        MigrationRequest r = new MigrationRequest(MigrationMode.LIVE, EnumSet.of(MigrationFlag.PEER2PEER,
                MigrationFlag.PERSIST_DEST, MigrationFlag.UNDEFINE_SOURCE, MigrationFlag.ABORT_ON_ERROR,
                MigrationFlag.POSTCOPY, MigrationFlag.AUTO_CONVERGE, MigrationFlag.PARALLEL),
                base.maxDowntime(), 3 * 1024 * 1024 + 1, 30, 15, 4, Optional.empty());
        MigrationParams p = MigrationParams.of(r, Optional.of("tcp://10.77.0.2"));
        // virDomainMigrateFlags: LIVE 1, PEER2PEER 2, PERSIST_DEST 8, UNDEFINE_SOURCE 16, ABORT_ON_ERROR 4096,
        // AUTO_CONVERGE 8192, POSTCOPY 32768, PARALLEL 131072
        assertThat(p.flags()).isEqualTo(1 | 2 | 8 | 16 | 4096 | 8192 | 32768 | 131072);
        Map<String, Object> params = new LinkedHashMap<>();
        p.params().forEach(x -> params.put(x.name(), x.value()));
        assertThat(params).containsEntry("migrate_uri", "tcp://10.77.0.2")
                .containsEntry("bandwidth", 4L) // rounded up: a limit never becomes "unlimited"
                .containsEntry("auto_converge.initial", 30L)
                .containsEntry("auto_converge.increment", 15L)
                .containsEntry("parallel.connections", 4L);
        assertThat(p.forResume().flags() & (1 << 19)).as("VIR_MIGRATE_POSTCOPY_RESUME").isNotZero();
        assertThat(MigrationParams.bit(MigrationFlag.TLS)).isEqualTo(65536);
        assertThat(MigrationParams.bit(MigrationFlag.COMPRESSED)).isEqualTo(2048);
    }

    @Test
    void theSimulatorOnlyStoragePathIsRejected() {
        MigrationRequest r = MigrationRequest.live().withFlags(EnumSet.of(MigrationFlag.PEER2PEER,
                MigrationFlag.BULK_OVER_STORAGE_PATH));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> MigrationParams.of(r, Optional.empty()))
                .isInstanceOf(org.kvmorch.hypervisor.MigrationRejectedException.class);
    }

    @Test
    void theRequestsMigrationUriWinsOverTheHostsAndUnlimitedBandwidthIsNoParameter() {
        MigrationRequest r = new MigrationRequest(MigrationMode.LIVE, MigrationRequest.live().flags(),
                Duration.ofMillis(300), 0, 20, 10, 1, Optional.of("tcp://192.0.2.9"));
        MigrationParams p = MigrationParams.of(r, Optional.of("tcp://10.77.0.2"));
        assertThat(p.params()).extracting(TypedParams.Param::name).containsExactly("migrate_uri");
        assertThat(p.params().get(0).value()).isEqualTo("tcp://192.0.2.9");
    }

    @Test
    void statesAndReasonsReadAsVirshSpellsThem() {
        assertThat(DomainStates.of(1, 1)).isEqualTo(new DomainStatus(DomainState.RUNNING, "booted"));
        assertThat(DomainStates.of(1, 2)).isEqualTo(new DomainStatus(DomainState.RUNNING, "migrated"));
        assertThat(DomainStates.of(1, 11)).isEqualTo(new DomainStatus(DomainState.RUNNING, "postcopy-failed"));
        assertThat(DomainStates.of(3, 2)).isEqualTo(new DomainStatus(DomainState.PAUSED, "migration"));
        assertThat(DomainStates.of(3, 12)).isEqualTo(new DomainStatus(DomainState.PAUSED, "postcopy"));
        assertThat(DomainStates.of(3, 13)).isEqualTo(new DomainStatus(DomainState.PAUSED, "postcopy-failed"));
        assertThat(DomainStates.of(5, 4)).isEqualTo(new DomainStatus(DomainState.SHUTOFF, "migrated"));
        assertThat(DomainStates.of(3, 99).reason()).isEqualTo("reason-99");
    }

    @Test
    void phasesFollowTheSourceDomainState() {
        TypedParams bulk = TypedParams.of(Map.of("memory_processed", 1000L, "memory_iteration", 1L));
        TypedParams setup = TypedParams.of(Map.of("memory_processed", 0L));
        assertThat(PhaseRules.running(DomainStatus.running(), setup)).isEqualTo(JobPhase.SETUP);
        assertThat(PhaseRules.running(DomainStatus.running(), bulk)).isEqualTo(JobPhase.PRECOPY);
        assertThat(PhaseRules.running(DomainStates.of(3, 2), bulk)).isEqualTo(JobPhase.STOP_AND_COPY);
        assertThat(PhaseRules.running(DomainStates.of(3, 12), bulk)).isEqualTo(JobPhase.POSTCOPY);
        assertThat(PhaseRules.running(DomainStates.of(3, 13), bulk)).isEqualTo(JobPhase.POSTCOPY_PAUSED);
    }

    @Test
    void aFailedCallInPostcopyPausesNeverFails() {
        assertThat(PhaseRules.afterFailure(DomainStates.of(3, 13), 1, false)).isEqualTo(JobPhase.POSTCOPY_PAUSED);
        assertThat(PhaseRules.afterFailure(DomainStates.of(3, 13), Virt.ERR_OPERATION_ABORTED, true))
                .isEqualTo(JobPhase.POSTCOPY_PAUSED);
        assertThat(PhaseRules.afterFailure(DomainStatus.running(), Virt.ERR_OPERATION_ABORTED, false))
                .isEqualTo(JobPhase.CANCELLED);
        assertThat(PhaseRules.afterFailure(DomainStatus.running(), 1, false)).isEqualTo(JobPhase.FAILED);
        assertThat(PhaseRules.afterFailure(null, 1, false)).isEqualTo(JobPhase.FAILED);
    }
}
