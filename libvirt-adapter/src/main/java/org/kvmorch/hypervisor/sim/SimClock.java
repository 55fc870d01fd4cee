package org.kvmorch.hypervisor.sim;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The datacenter's virtual time, in nanoseconds since the datacenter was built. Only the
 * datacenter moves it forward (in steps, or paced by wall time); everything else reads it. No code
 * in the simulator reads the wall clock.
 */
public final class SimClock {

    private final Instant epoch;
    private volatile long nanos;

    SimClock(Instant epoch) {
        this.epoch = epoch;
    }

    public long nanos() {
        return nanos;
    }

    public long millis() {
        return nanos / 1_000_000L;
    }

    public Duration elapsed() {
        return Duration.ofNanos(nanos);
    }

    public Instant instant() {
        return epoch.plusNanos(nanos);
    }

    void advanceTo(long newNanos) {
        if (newNanos < nanos) {
            throw new IllegalStateException("virtual time cannot go back: " + newNanos + " < " + nanos);
        }
        nanos = newNanos;
    }

    /** A {@link Clock} view for code that takes an injected clock (control loops, recorders). */
    public Clock asClock() {
        return new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                throw new UnsupportedOperationException("the virtual clock is UTC only");
            }

            @Override
            public Instant instant() {
                return SimClock.this.instant();
            }
        };
    }
}
