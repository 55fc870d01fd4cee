package org.kvmorch.hypervisor.sim;

/**
 * One stretch of a migration between two bitmap syncs (a "round"), kept for benchmarks and
 * analysis. {@code dirtyPagesAtSync} is what the sync that ended it added to the migration bitmap
 * (pages written during it that were not already pending). Bytes are migration-link bytes; pages
 * sent over the storage path are in {@code storagePages}.
 *
 * @param index 1-based; pass 1 is the bulk pass
 */
public record PassRecord(
        int index,
        Kind kind,
        long startNanos,
        long durationNanos,
        long pagesSent,
        long normalPages,
        long zeroPages,
        long bytes,
        long storagePages,
        long dirtyPagesAtSync,
        int throttlePercent) {

    public enum Kind {
        /** Pre-copy while the guest runs. */
        LIVE,
        /** The final copy with the guest stopped (pre-copy end, or the whole of a cold migration). */
        STOP_AND_COPY,
        /** After the switch to post-copy: faults plus background push. */
        POSTCOPY
    }

    public double durationMillis() {
        return durationNanos / 1e6;
    }
}
