package org.kvmorch.migration;

import org.kvmorch.hypervisor.JobStats;

/**
 * The outcome metrics of seed 000 (t1 preparation, t2 downtime, t3 renewal, Npage) and seed 002
 * (total time and data, downtime, post-copy duration and data), from a job's final statistics.
 * t1 runs from the start until the guest stops on the source; t3 from its resumption on the
 * destination to the end (the post-copy phase; about zero for pre-copy).
 */
record MigrationMetrics(long totalTimeMs, long totalBytes, long downtimeMs, long t1PreparationMs,
                        long t2DowntimeMs, long t3ResumeMs, long pagesSent, long postcopyMs, long postcopyBytes,
                        long postcopyFaults) {

    static MigrationMetrics of(JobStats end, long bytesAtPostcopySwitch) {
        long total = end.timeElapsedMillis();
        long downtime = Math.max(0, end.downtimeMillis());
        long pages = end.memoryNormalPages() + end.memoryConstantPages();
        if (end.inPostcopy()) {
            long t1 = end.postcopyStartedAtMillis();
            long t3 = Math.max(0, total - t1 - downtime);
            return new MigrationMetrics(total, end.dataProcessedBytes(), downtime, t1, downtime, t3, pages, t3,
                    Math.max(0, end.dataProcessedBytes() - bytesAtPostcopySwitch), end.memoryPostcopyRequests());
        }
        long t1 = Math.max(0, total - downtime);
        return new MigrationMetrics(total, end.dataProcessedBytes(), downtime, t1, downtime, 0, pages, 0, 0, 0);
    }
}
