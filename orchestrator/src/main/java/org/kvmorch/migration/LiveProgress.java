package org.kvmorch.migration;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.kvmorch.hypervisor.JobStats;

/**
 * The latest statistics of each running migration, for progress and ETA; in memory only. A job
 * reports in its own time — virtual on the simulator, which runs {@code jobSecondsPerWallSecond}
 * times faster than the wall clock — so the ETA is converted to the service's clock before an
 * operator sees it.
 */
public final class LiveProgress {

    /** When, on the service's clock, a running migration is expected to finish, and how far off that is. */
    public record Eta(long seconds, Instant at) {
    }

    private record Sample(JobStats stats, Instant receivedAt) {
    }

    private final Map<Long, Sample> latest = new ConcurrentHashMap<>();
    private final Clock clock;
    private final double jobSecondsPerWallSecond;

    public LiveProgress(Clock clock, double jobSecondsPerWallSecond) {
        if (!(jobSecondsPerWallSecond > 0)) {
            throw new IllegalArgumentException("jobSecondsPerWallSecond must be > 0");
        }
        this.clock = clock;
        this.jobSecondsPerWallSecond = jobSecondsPerWallSecond;
    }

    void update(long migrationId, JobStats stats) {
        latest.put(migrationId, new Sample(stats, clock.instant()));
    }

    void remove(long migrationId) {
        latest.remove(migrationId);
    }

    public Optional<JobStats> of(long migrationId) {
        return Optional.ofNullable(latest.get(migrationId)).map(Sample::stats);
    }

    /**
     * The wall-clock ETA: the job-time ETA of the latest sample scaled to wall time and counted
     * from when that sample arrived; empty while the rate is unknown (setup, a paused post-copy).
     */
    public Optional<Eta> eta(long migrationId) {
        Sample sample = latest.get(migrationId);
        if (sample == null) {
            return Optional.empty();
        }
        return jobSeconds(sample.stats()).map(jobSeconds -> {
            long wallMillis = (long) Math.ceil(jobSeconds * 1000 / jobSecondsPerWallSecond);
            Instant at = sample.receivedAt().plusMillis(wallMillis);
            long left = Math.max(0, (long) Math.ceil((at.toEpochMilli() - clock.millis()) / 1000.0));
            return new Eta(left, at);
        });
    }

    /** Share of memory already sent, 0–100; for post-copy, of what was left at the switch. */
    public static int percent(JobStats s) {
        long total = s.dataProcessedBytes() + s.dataRemainingBytes();
        return total == 0 ? 0 : (int) Math.min(100, 100 * s.dataProcessedBytes() / total);
    }

    /** Job-time seconds until the remaining data is sent at the current rate; empty when the rate is unknown. */
    static Optional<Double> jobSeconds(JobStats s) {
        if (s.memoryBytesPerSecond() <= 0) {
            return Optional.empty();
        }
        return Optional.of(s.dataRemainingBytes() / (double) s.memoryBytesPerSecond());
    }
}
