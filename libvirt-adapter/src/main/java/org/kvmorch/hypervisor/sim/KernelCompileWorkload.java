package org.kvmorch.hypervisor.sim;

import java.util.SplittableRandom;

/**
 * A parallel kernel build (seed 002: 4 vCPU, 2 GB, 4 make jobs). Two write streams:
 * <ul>
 * <li>compiler heaps: random writes over a small hot set (default 32 MiB, four cc1 processes of
 * about 8 MiB each) at 120 MiB/s, so the set is rewritten within a fraction of a second;</li>
 * <li>object files entering the page cache: a sequential writer at 5 MiB/s over the upper half of
 * memory (fresh pages, often zero before the build touches them).</li>
 * </ul>
 * Why these numbers: seed 002 Table 3 reports 38.7 MB left for stop-and-copy after 30 pre-copy
 * rounds on its 32 MB/s channel, i.e. rounds had settled near 1.2 s. With this model a round of T
 * seconds dirties 32 MiB·(1 − e^(−3.75·T)) + 5 MiB·T, which equals 32 MB/s·T near T = 1.2 s. The
 * source tree and the guest OS fill the lower half of memory at start; reads stream over it at
 * 20 MiB/s (headers and sources being read).
 */
final class KernelCompileWorkload implements Workload {

    static final double DEFAULT_HOT_WRITE_BYTES_PER_SECOND = 120.0 * Units.MIB;
    static final long DEFAULT_HOT_BYTES = 32 * Units.MIB;
    private static final double STREAM_WRITE_BYTES_PER_SECOND = 5.0 * Units.MIB;
    private static final double READ_BYTES_PER_SECOND = 20.0 * Units.MIB;

    private final long pages;
    private final long hotPages;
    private final double hotBytesPerSecond;
    private final RandomStream heapWrites;
    private final SequentialStream objectWrites;
    private final SequentialStream sourceReads;

    KernelCompileWorkload(long pages, long hotPages, double hotBytesPerSecond, SplittableRandom random) {
        this.pages = pages;
        long half = Math.max(1, pages / 2);
        this.hotPages = Math.max(1, Math.min(hotPages, half));
        this.hotBytesPerSecond = hotBytesPerSecond;
        // The heaps sit just below the half-way mark, inside the data that exists at start.
        this.heapWrites = new RandomStream(half - this.hotPages, this.hotPages, random.split());
        this.objectWrites = new SequentialStream(half, Math.max(1, pages - half), 0);
        this.sourceReads = new SequentialStream(0, half, 0);
    }

    @Override
    public String name() {
        return "kernel-compile";
    }

    @Override
    public long initialDataPages() {
        return Math.max(1, pages / 2);
    }

    @Override
    public void run(double atSeconds, double progressSeconds, AccessSink sink) {
        heapWrites.advance(hotBytesPerSecond * progressSeconds / Units.PAGE_SIZE, sink, true);
        objectWrites.advance(STREAM_WRITE_BYTES_PER_SECOND * progressSeconds / Units.PAGE_SIZE, sink, true);
        if (sink.tracksReads()) {
            sourceReads.advance(READ_BYTES_PER_SECOND * progressSeconds / Units.PAGE_SIZE, sink, false);
        }
    }

    @Override
    public double writeBytesPerSecond(double atSeconds) {
        return hotBytesPerSecond + STREAM_WRITE_BYTES_PER_SECOND;
    }

    @Override
    public long workingSetBytes() {
        return hotPages * Units.PAGE_SIZE;
    }

    @Override
    public double cpuDemandCores() {
        return 4.0;
    }

    @Override
    public int threads() {
        return 4;
    }
}
