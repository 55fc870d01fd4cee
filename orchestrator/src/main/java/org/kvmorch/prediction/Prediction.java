package org.kvmorch.prediction;

/** What the simulator predicts for one policy: outcome, total time, data, downtime, post-copy share. */
public record Prediction(String policy, String result, long totalTimeMs, long totalBytes, long downtimeMs,
                         long postcopyMs, long postcopyBytes, int precopyRounds, double floorRatio) {
}
