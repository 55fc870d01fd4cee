package org.kvmorch.hypervisor.sim;

import java.util.SplittableRandom;

/**
 * An idle guest: timers, logs and daemons rewrite a few pages (256 KiB/s over a 64 MiB region).
 * Only the kernel and init (a tenth of memory) hold data; the rest are zero pages, found in the
 * bulk pass and sent as headers. Its pre-copy converges right after the bulk pass.
 */
final class IdleWorkload implements Workload {

    static final double DEFAULT_WRITE_BYTES_PER_SECOND = 256.0 * Units.KIB;
    static final long DEFAULT_HOT_BYTES = 64 * Units.MIB;

    private final long pages;
    private final long hotPages;
    private final double bytesPerSecond;
    private final RandomStream writes;
    private final RandomStream reads;

    IdleWorkload(long pages, long hotPages, double bytesPerSecond, SplittableRandom random) {
        this.pages = pages;
        this.hotPages = Math.max(1, Math.min(hotPages, Math.max(1, pages / 10)));
        this.bytesPerSecond = bytesPerSecond;
        this.writes = new RandomStream(0, this.hotPages, random.split());
        this.reads = new RandomStream(0, this.hotPages, random.split());
    }

    @Override
    public String name() {
        return "idle";
    }

    @Override
    public void markInitialData(PageBitmap nonZero) {
        nonZero.setRange(0, Math.max(1, pages / 10));
    }

    @Override
    public void run(double atSeconds, double progressSeconds, AccessSink sink) {
        double n = bytesPerSecond * progressSeconds / Units.PAGE_SIZE;
        writes.advance(n, sink, true);
        if (sink.tracksReads()) {
            reads.advance(n, sink, false);
        }
    }

    @Override
    public double writeBytesPerSecond(double atSeconds) {
        return bytesPerSecond;
    }

    @Override
    public long workingSetBytes() {
        return hotPages * Units.PAGE_SIZE;
    }

    @Override
    public double cpuDemandCores() {
        return 0.05;
    }

    @Override
    public int threads() {
        return 1;
    }
}
