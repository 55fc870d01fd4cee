package org.kvmorch.api;

import java.time.Instant;
import java.util.List;

/** A migration as operators see it: state, live progress, metrics, and (in detail) its passes. */
public record MigrationView(
        long id,
        String vm,
        String source,
        String destination,
        String policy,
        boolean tls,
        String state,
        String stateReason,
        String requestedBy,
        Instant createdAt,
        Instant startedAt,
        Instant finishedAt,
        Live live,
        Predicted prediction,
        Metrics metrics,
        String failureCause,
        List<Iteration> iterations) {

    /**
     * While running: the job's phase, pass, progress and ETA. {@code etaSeconds} (from now) and
     * {@code etaAt} are on the service's wall clock, whatever the hypervisor's time scale;
     * {@code elapsedMs} is the job's own time (virtual on the simulator, like the metrics).
     */
    public record Live(String phase, long iteration, int progressPercent, Long etaSeconds, Instant etaAt,
                       long elapsedMs, long dataProcessedBytes, long dataRemainingBytes, int throttlePercent) {
    }

    /** What the simulator predicted before the start, to set beside {@link Metrics}. */
    public record Predicted(Long totalTimeMs, Long totalBytes, Long downtimeMs) {
    }

    /** Seed 000 (t1, t2, t3, Npage) and seed 002 (total, data, downtime, post-copy) metrics. */
    public record Metrics(Long totalTimeMs, Long totalBytes, Long downtimeMs, Long t1PreparationMs,
                          Long t2DowntimeMs, Long t3ResumeMs, Long pagesSent, Integer precopyRounds,
                          Long postcopyMs, Long postcopyBytes, Long postcopyFaults) {
    }

    public record Iteration(int iteration, long elapsedMs, long pages, long bytes, Double lambda,
                            int throttlePercent, int downtimeLimitMs, long dirtyRatePagesPerSecond) {
    }
}
