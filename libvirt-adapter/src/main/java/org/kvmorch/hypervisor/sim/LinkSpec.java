package org.kvmorch.hypervisor.sim;

import java.time.Duration;
import java.util.Objects;

/**
 * A host's network path: full-duplex capacity per direction and one-way latency. Concurrent
 * migrations through the same path share it fairly (max-min).
 */
public record LinkSpec(long bandwidthBytesPerSecond, Duration latency) {

    public LinkSpec {
        if (bandwidthBytesPerSecond <= 0) {
            throw new IllegalArgumentException("bandwidthBytesPerSecond must be > 0");
        }
        Objects.requireNonNull(latency, "latency");
        if (latency.isNegative()) {
            throw new IllegalArgumentException("latency must be >= 0");
        }
    }

    /** A LAN path with 0.25 ms one-way latency. */
    public static LinkSpec ofMibPerSecond(double mibPerSecond) {
        return new LinkSpec(Math.round(mibPerSecond * Units.MIB), Duration.ofMillis(0).plusNanos(250_000));
    }

    public LinkSpec withLatency(Duration newLatency) {
        return new LinkSpec(bandwidthBytesPerSecond, newLatency);
    }
}
