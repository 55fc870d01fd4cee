package org.kvmorch.hypervisor;

/**
 * virDomainGetJobStats, parsed once at the boundary. Field names follow libvirt's typed parameter
 * names (time_elapsed, data_total, memory_dirty_rate, ...) with units added. {@code downtimeMillis}
 * is -1 until the guest has stopped; counters are cumulative over the job.
 */
public record JobStats(
        JobPhase phase,
        long timeElapsedMillis,
        long dataTotalBytes,
        long dataProcessedBytes,
        long dataRemainingBytes,
        long memoryTotalBytes,
        long memoryProcessedBytes,
        long memoryRemainingBytes,
        long memoryBytesPerSecond,
        long memoryDirtyRatePagesPerSecond,
        long memoryIteration,
        long memoryConstantPages,
        long memoryNormalPages,
        long memoryNormalBytes,
        long memoryPageSizeBytes,
        long memoryPostcopyRequests,
        int autoConvergeThrottlePercent,
        long setupTimeMillis,
        long downtimeMillis,
        long postcopyStartedAtMillis) {

    /** True once the guest has been stopped for the switchover (pre-copy end or post-copy start). */
    public boolean downtimeKnown() {
        return downtimeMillis >= 0;
    }

    /** True once the job switched to post-copy ({@code postcopyStartedAtMillis} is -1 before). */
    public boolean inPostcopy() {
        return postcopyStartedAtMillis >= 0;
    }
}
