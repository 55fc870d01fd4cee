package org.kvmorch.hypervisor.sim;

import java.util.SplittableRandom;

/**
 * Uniformly random writes (and as many reads) over a hot set at a fixed write rate. Unlike the
 * sequential writer, re-writes of a page already dirty in the round are free for the migration,
 * so the distinct pages dirtied in a round of length T are wss·(1 − e^(−rate·T/wss)): the
 * "writable working set" refinement of the geometric model. The hot set plus an eighth of memory
 * (guest kernel, page cache) holds data at start; the rest is zero pages.
 */
final class HotSetWorkload implements Workload {

    private final long pages;
    private final long wssPages;
    private final double bytesPerSecond;
    private final RandomStream writes;
    private final RandomStream reads;

    HotSetWorkload(long pages, long wssPages, double bytesPerSecond, SplittableRandom random) {
        this.pages = pages;
        this.wssPages = Math.max(1, Math.min(wssPages, pages));
        this.bytesPerSecond = bytesPerSecond;
        this.writes = new RandomStream(0, this.wssPages, random.split());
        this.reads = new RandomStream(0, this.wssPages, random.split());
    }

    @Override
    public String name() {
        return "hotset";
    }

    @Override
    public long initialDataPages() {
        return Math.min(pages, wssPages + pages / 8);
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
        return wssPages * Units.PAGE_SIZE;
    }

    @Override
    public double cpuDemandCores() {
        return 1.0;
    }

    @Override
    public int threads() {
        return 2;
    }
}
