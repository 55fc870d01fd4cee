package org.kvmorch.hypervisor.sim;

/** Byte and time units used across the simulator. */
final class Units {

    static final long KIB = 1024L;
    static final long MIB = 1024L * 1024L;
    static final long GIB = 1024L * MIB;
    static final int PAGE_SIZE = 4096;
    static final int PAGE_SHIFT = 12;
    static final long NANOS_PER_SECOND = 1_000_000_000L;
    static final long NANOS_PER_MILLI = 1_000_000L;

    private Units() {
    }

    static long pagesOf(long bytes) {
        return (bytes + PAGE_SIZE - 1) >>> PAGE_SHIFT;
    }

    static double seconds(long nanos) {
        return nanos / (double) NANOS_PER_SECOND;
    }

    static long nanos(double seconds) {
        return Math.round(seconds * NANOS_PER_SECOND);
    }
}
