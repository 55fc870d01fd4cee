package org.kvmorch.hypervisor.sim;

import java.util.SplittableRandom;

/**
 * Touches uniformly random pages of a region, one at a time (re-touching a page counts toward the
 * rate, as it does for a real guest). Its own random stream keeps runs deterministic for a seed.
 */
final class RandomStream {

    private final long base;
    private final long size;
    private final SplittableRandom random;
    private double carry;

    RandomStream(long base, long size, SplittableRandom random) {
        if (size <= 0) {
            throw new IllegalArgumentException("region must hold at least one page");
        }
        this.base = base;
        this.size = size;
        this.random = random;
    }

    void advance(double pages, AccessSink sink, boolean write) {
        double want = pages + carry;
        long n = (long) Math.floor(want);
        carry = want - n;
        if (write) {
            for (long i = 0; i < n; i++) {
                sink.write(base + random.nextLong(size));
            }
        } else {
            for (long i = 0; i < n; i++) {
                sink.read(base + random.nextLong(size));
            }
        }
    }
}
