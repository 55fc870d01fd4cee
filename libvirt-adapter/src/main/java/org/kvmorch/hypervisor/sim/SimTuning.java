package org.kvmorch.hypervisor.sim;

import java.time.Duration;
import java.util.Objects;

/**
 * Model constants of the simulated QEMU, with the reason for each default.
 *
 * @param stopRule default stop rule of migrations ({@link StopRule#QEMU})
 * @param maxSlice longest virtual step (100 ms, QEMU's bandwidth window); events inside a step
 *     still happen at their exact time
 * @param setupTime from the migrate call to the first bitmap sync (10 ms: destination prepared,
 *     dirty logging started)
 * @param pageHeaderBytes bytes on the wire per normal page besides its 4096 (QEMU writes an
 *     8-byte header; default 0 so that a constant workload matches Clark's model, whose round
 *     count is sensitive to a 0.2 % overhead near λ = 1; set 8 for wire-exact byte counts)
 * @param zeroPageBytes bytes per zero page (9, as observed on QEMU 7.2: header + one byte)
 * @param zeroPageScanNanos CPU time to find a page is zero (200 ns: about 20 GB/s of scanning), so
 *     a mostly-zero guest's bulk pass is fast but not free
 * @param channelBytesPerSecond what one migration stream (or multifd channel) can push, CPU-bound
 *     (2 GiB/s); PARALLEL multiplies it by the connection count
 * @param tlsChannelBytesPerSecond the same with TLS (400 MiB/s: encryption is the bottleneck)
 * @param xbzrleCacheBytes xbzrle cache (64 MiB, QEMU's default)
 * @param xbzrleEncodedRatio size of an xbzrle-encoded re-sent page relative to 4 KiB for cache
 *     hits (0.3: an assumption; real ratios depend on how much of a page changed)
 */
public record SimTuning(
        StopRule stopRule,
        Duration maxSlice,
        Duration setupTime,
        int pageHeaderBytes,
        int zeroPageBytes,
        long zeroPageScanNanos,
        long channelBytesPerSecond,
        long tlsChannelBytesPerSecond,
        long xbzrleCacheBytes,
        double xbzrleEncodedRatio) {

    public SimTuning {
        Objects.requireNonNull(stopRule, "stopRule");
        Objects.requireNonNull(maxSlice, "maxSlice");
        Objects.requireNonNull(setupTime, "setupTime");
        if (maxSlice.isNegative() || maxSlice.isZero() || maxSlice.toMillis() > 100) {
            throw new IllegalArgumentException("maxSlice must lie in (0, 100 ms]");
        }
        if (setupTime.isNegative() || pageHeaderBytes < 0 || zeroPageBytes < 1 || zeroPageScanNanos < 0
                || channelBytesPerSecond <= 0 || tlsChannelBytesPerSecond <= 0 || xbzrleCacheBytes < 0
                || !(xbzrleEncodedRatio > 0 && xbzrleEncodedRatio <= 1)) {
            throw new IllegalArgumentException("invalid simulator tuning");
        }
    }

    public static SimTuning defaults() {
        return new SimTuning(StopRule.QEMU, Duration.ofMillis(100), Duration.ofMillis(10), 0, 9, 200,
                2 * Units.GIB, 400 * Units.MIB, 64 * Units.MIB, 0.3);
    }

    public SimTuning withStopRule(StopRule rule) {
        return new SimTuning(rule, maxSlice, setupTime, pageHeaderBytes, zeroPageBytes, zeroPageScanNanos,
                channelBytesPerSecond, tlsChannelBytesPerSecond, xbzrleCacheBytes, xbzrleEncodedRatio);
    }

    public SimTuning withSetupTime(Duration time) {
        return new SimTuning(stopRule, maxSlice, time, pageHeaderBytes, zeroPageBytes, zeroPageScanNanos,
                channelBytesPerSecond, tlsChannelBytesPerSecond, xbzrleCacheBytes, xbzrleEncodedRatio);
    }

    public SimTuning withPageHeaderBytes(int bytes) {
        return new SimTuning(stopRule, maxSlice, setupTime, bytes, zeroPageBytes, zeroPageScanNanos,
                channelBytesPerSecond, tlsChannelBytesPerSecond, xbzrleCacheBytes, xbzrleEncodedRatio);
    }

    int normalPageBytes() {
        return Units.PAGE_SIZE + pageHeaderBytes;
    }
}
