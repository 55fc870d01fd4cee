package org.kvmorch.hypervisor.sim;

/**
 * Touches the pages of a region in address order and wraps around, emitting whole ranges so a
 * bitmap takes them a word at a time. Fractions of a page carry over to the next call, so the
 * pages touched by time t do not depend on how time was sliced.
 */
final class SequentialStream {

    private final long base;
    private final long size;
    private long offset;
    private double carry;

    SequentialStream(long base, long size, long startOffset) {
        if (size <= 0) {
            throw new IllegalArgumentException("region must hold at least one page");
        }
        this.base = base;
        this.size = size;
        this.offset = Math.floorMod(startOffset, size);
    }

    void advance(double pages, AccessSink sink, boolean write) {
        double want = pages + carry;
        long n = (long) Math.floor(want);
        carry = want - n;
        while (n > 0) {
            long chunk = Math.min(n, size - offset);
            long from = base + offset;
            if (write) {
                sink.writeRange(from, from + chunk);
            } else {
                sink.readRange(from, from + chunk);
            }
            offset += chunk;
            if (offset == size) {
                offset = 0;
            }
            n -= chunk;
        }
    }
}
