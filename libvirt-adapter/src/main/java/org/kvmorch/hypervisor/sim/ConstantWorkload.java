package org.kvmorch.hypervisor.sim;

/**
 * A sequential writer over a working set at a fixed rate: the assumptions of Clark's geometric
 * pre-copy model, used to check the simulator against the analytical oracle. Every page holds data
 * (no zero pages), and with the working set equal to memory each round dirties exactly
 * rate × round-time distinct pages, as the model assumes.
 */
final class ConstantWorkload implements Workload {

    private final long pages;
    private final long wssPages;
    private final double bytesPerSecond;
    private final SequentialStream writer;

    ConstantWorkload(long pages, long wssPages, double bytesPerSecond) {
        this.pages = pages;
        this.wssPages = Math.max(1, Math.min(wssPages, pages));
        this.bytesPerSecond = bytesPerSecond;
        this.writer = new SequentialStream(0, this.wssPages, 0);
    }

    @Override
    public String name() {
        return "constant";
    }

    @Override
    public long initialDataPages() {
        return pages;
    }

    @Override
    public void run(double atSeconds, double progressSeconds, AccessSink sink) {
        writer.advance(bytesPerSecond * progressSeconds / Units.PAGE_SIZE, sink, true);
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
        return 1;
    }
}
