package org.kvmorch.hypervisor.sim;

import java.util.SplittableRandom;

/**
 * An idle guest: timers, logs and daemons rewrite a few pages (256 KiB/s over a 64 MiB region).
 * Only the kernel and init (a tenth of memory) hold data; the rest are zero pages, found in the
 * bulk pass and sent as headers. Its pre-copy converges right after the bulk pass. The page
 * traffic itself is a small hot set's (random writes and reads), so it is delegated to one.
 */
final class IdleWorkload implements Workload {

    static final double DEFAULT_WRITE_BYTES_PER_SECOND = 256.0 * Units.KIB;
    static final long DEFAULT_HOT_BYTES = 64 * Units.MIB;

    private final long pages;
    private final HotSetWorkload traffic;

    IdleWorkload(long pages, long hotPages, double bytesPerSecond, SplittableRandom random) {
        this.pages = pages;
        this.traffic = new HotSetWorkload(pages, Math.max(1, Math.min(hotPages, Math.max(1, pages / 10))),
                bytesPerSecond, random);
    }

    @Override
    public String name() {
        return "idle";
    }

    @Override
    public long initialDataPages() {
        return Math.max(1, pages / 10);
    }

    @Override
    public void run(double atSeconds, double progressSeconds, AccessSink sink) {
        traffic.run(atSeconds, progressSeconds, sink);
    }

    @Override
    public double writeBytesPerSecond(double atSeconds) {
        return traffic.writeBytesPerSecond(atSeconds);
    }

    @Override
    public long workingSetBytes() {
        return traffic.workingSetBytes();
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
