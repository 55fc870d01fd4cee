package org.kvmorch.hypervisor.libvirt;

import org.kvmorch.hypervisor.JobPhase;
import org.kvmorch.hypervisor.JobStats;

/**
 * libvirt's migration job statistics (virDomainGetJobStats / JOB_COMPLETED typed parameters) as
 * {@link JobStats}. The phase is not in the parameters: the caller derives it from the job type and
 * the source domain's state (see {@link PhaseRules}). Missing counters read 0; downtime reads -1
 * until libvirt reports it.
 */
final class JobStatsMapper {

    private JobStatsMapper() {
    }

    static JobStats map(TypedParams p, JobPhase phase, long postcopyStartedAtMillis) {
        return new JobStats(
                phase,
                p.getLong("time_elapsed", 0),
                p.getLong("data_total", 0),
                p.getLong("data_processed", 0),
                p.getLong("data_remaining", 0),
                p.getLong("memory_total", 0),
                p.getLong("memory_processed", 0),
                p.getLong("memory_remaining", 0),
                p.getLong("memory_bps", 0),
                p.getLong("memory_dirty_rate", 0),
                p.getLong("memory_iteration", 0),
                p.getLong("memory_constant", 0),
                p.getLong("memory_normal", 0),
                p.getLong("memory_normal_bytes", 0),
                p.getLong("memory_page_size", 4096),
                p.getLong("memory_postcopy_requests", 0),
                (int) p.getLong("auto_converge_throttle", 0),
                p.getLong("setup_time", 0),
                p.getLong("downtime", -1),
                postcopyStartedAtMillis);
    }

    /** Statistics with every counter at zero, for a job that has not reported yet. */
    static JobStats empty(JobPhase phase, long elapsedMillis) {
        return new JobStats(phase, elapsedMillis, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 4096, 0, 0, 0, -1, -1);
    }

    /** The same statistics in another phase (and with later-known facts), e.g. the final ones. */
    static JobStats withPhase(JobStats s, JobPhase phase, long postcopyStartedAtMillis) {
        return new JobStats(phase, s.timeElapsedMillis(), s.dataTotalBytes(), s.dataProcessedBytes(),
                s.dataRemainingBytes(), s.memoryTotalBytes(), s.memoryProcessedBytes(), s.memoryRemainingBytes(),
                s.memoryBytesPerSecond(), s.memoryDirtyRatePagesPerSecond(), s.memoryIteration(),
                s.memoryConstantPages(), s.memoryNormalPages(), s.memoryNormalBytes(), s.memoryPageSizeBytes(),
                s.memoryPostcopyRequests(), s.autoConvergeThrottlePercent(), s.setupTimeMillis(), s.downtimeMillis(),
                postcopyStartedAtMillis);
    }

    /**
     * libvirt reports QEMU's expected downtime under "downtime" while the guest still runs; the
     * port promises -1 until the guest has actually stopped.
     */
    static JobStats sanitize(JobStats s) {
        boolean stopped = switch (s.phase()) {
            case STOP_AND_COPY, POSTCOPY, POSTCOPY_PAUSED, COMPLETED -> true;
            case SETUP, PRECOPY -> false;
            case FAILED, CANCELLED -> s.inPostcopy();
        };
        if (stopped || s.downtimeMillis() < 0) {
            return s;
        }
        return new JobStats(s.phase(), s.timeElapsedMillis(), s.dataTotalBytes(), s.dataProcessedBytes(),
                s.dataRemainingBytes(), s.memoryTotalBytes(), s.memoryProcessedBytes(), s.memoryRemainingBytes(),
                s.memoryBytesPerSecond(), s.memoryDirtyRatePagesPerSecond(), s.memoryIteration(),
                s.memoryConstantPages(), s.memoryNormalPages(), s.memoryNormalBytes(), s.memoryPageSizeBytes(),
                s.memoryPostcopyRequests(), s.autoConvergeThrottlePercent(), s.setupTimeMillis(), -1,
                s.postcopyStartedAtMillis());
    }

    /** Final statistics from JOB_COMPLETED; the throttle, absent there, is the last one polled. */
    static JobStats completed(TypedParams event, JobStats lastPolled, long postcopyStartedAtMillis) {
        JobStats s = map(event, JobPhase.COMPLETED, postcopyStartedAtMillis);
        if (event.has("auto_converge_throttle")) {
            return s;
        }
        return new JobStats(s.phase(), s.timeElapsedMillis(), s.dataTotalBytes(), s.dataProcessedBytes(),
                s.dataRemainingBytes(), s.memoryTotalBytes(), s.memoryProcessedBytes(), s.memoryRemainingBytes(),
                s.memoryBytesPerSecond(), s.memoryDirtyRatePagesPerSecond(), s.memoryIteration(),
                s.memoryConstantPages(), s.memoryNormalPages(), s.memoryNormalBytes(), s.memoryPageSizeBytes(),
                s.memoryPostcopyRequests(), lastPolled.autoConvergeThrottlePercent(), s.setupTimeMillis(),
                s.downtimeMillis(), postcopyStartedAtMillis);
    }
}
