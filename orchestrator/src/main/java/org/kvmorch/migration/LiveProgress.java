package org.kvmorch.migration;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.kvmorch.hypervisor.JobStats;

/** The latest statistics of each running migration, for progress and ETA; in memory only. */
public final class LiveProgress {

    private final Map<Long, JobStats> latest = new ConcurrentHashMap<>();

    void update(long migrationId, JobStats stats) {
        latest.put(migrationId, stats);
    }

    void remove(long migrationId) {
        latest.remove(migrationId);
    }

    public Optional<JobStats> of(long migrationId) {
        return Optional.ofNullable(latest.get(migrationId));
    }

    /** Share of memory already sent, 0–100; for post-copy, of what was left at the switch. */
    public static int percent(JobStats s) {
        long total = s.dataProcessedBytes() + s.dataRemainingBytes();
        return total == 0 ? 0 : (int) Math.min(100, 100 * s.dataProcessedBytes() / total);
    }

    /** Seconds until the remaining data is sent at the current rate; empty when the rate is unknown. */
    public static Optional<Long> etaSeconds(JobStats s) {
        if (s.memoryBytesPerSecond() <= 0) {
            return Optional.empty();
        }
        return Optional.of((long) Math.ceil(s.dataRemainingBytes() / (double) s.memoryBytesPerSecond()));
    }
}
