package org.kvmorch.control;

/**
 * One completed pre-copy pass as the control loop saw it: pass 1 is the bulk pass over all
 * memory; later passes send what was dirtied since the previous bitmap sync.
 */
public record PassRecord(int pass, long pages, long bytes, long endedAtMillis, long durationMillis,
                         long dirtyRatePagesPerSecond, int throttlePercent) {
}
