package org.kvmorch.hypervisor.sim;

/**
 * lmbench memory tests as seed 002 ran them: 4 threads doing 2:3 read/write over a 4 GB area of
 * a 6 GB VM, so the area is two thirds of memory. Each thread streams sequentially over its
 * quarter of the area. Writes total 28 MiB/s by default and reads two thirds of that (2:3).
 * Why 28 MiB/s: seed 002 Table 3 leaves 126.8 MB for stop-and-copy after 30 rounds on a 32 MB/s
 * channel; a sequential writer gives V_30 = 6 GB·λ^30, and λ = 28/32 gives about 112 MB, while
 * the paper also uses lmbench as the load "that converges" (λ below 1). The area plus an eighth of
 * memory holds data at start.
 */
final class LmbenchWorkload implements Workload {

    static final double DEFAULT_WRITE_BYTES_PER_SECOND = 28.0 * Units.MIB;
    private static final int THREADS = 4;

    private final long pages;
    private final long areaPages;
    private final double writeBytesPerSecond;
    private final SequentialStream[] writers = new SequentialStream[THREADS];
    private final SequentialStream[] readers = new SequentialStream[THREADS];

    LmbenchWorkload(long pages, long areaPages, double writeBytesPerSecond) {
        this.pages = pages;
        this.areaPages = Math.max(THREADS, Math.min(areaPages, pages));
        this.writeBytesPerSecond = writeBytesPerSecond;
        long share = this.areaPages / THREADS;
        for (int t = 0; t < THREADS; t++) {
            writers[t] = new SequentialStream(t * share, share, 0);
            readers[t] = new SequentialStream(t * share, share, share / 2);
        }
    }

    static long defaultAreaPages(long pages) {
        return pages * 2 / 3;
    }

    @Override
    public String name() {
        return "lmbench";
    }

    @Override
    public long initialDataPages() {
        return Math.min(pages, areaPages + pages / 8);
    }

    @Override
    public void run(double atSeconds, double progressSeconds, AccessSink sink) {
        double writesPerThread = writeBytesPerSecond * progressSeconds / Units.PAGE_SIZE / THREADS;
        for (SequentialStream w : writers) {
            w.advance(writesPerThread, sink, true);
        }
        if (sink.tracksReads()) {
            for (SequentialStream r : readers) {
                r.advance(writesPerThread * 2 / 3, sink, false);
            }
        }
    }

    @Override
    public double writeBytesPerSecond(double atSeconds) {
        return writeBytesPerSecond;
    }

    @Override
    public long workingSetBytes() {
        return areaPages * Units.PAGE_SIZE;
    }

    @Override
    public double cpuDemandCores() {
        return THREADS;
    }

    @Override
    public int threads() {
        return THREADS;
    }
}
