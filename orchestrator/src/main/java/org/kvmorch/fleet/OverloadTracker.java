package org.kvmorch.fleet;

import java.time.Duration;
import java.time.Instant;

/**
 * Seed 003's rule: a host is overloaded when its load index has stayed above the threshold for
 * the duration T. The host row keeps only when the current streak above the threshold began.
 */
public record OverloadTracker(double threshold, Duration duration) {

    /** When the streak above the threshold began, given the previous start and a new reading. */
    public Instant streakStart(Instant previousStart, double loadIndex, Instant readingTime) {
        if (loadIndex <= threshold) {
            return null;
        }
        return previousStart != null ? previousStart : readingTime;
    }

    public boolean isOverloaded(Instant streakStart, Instant now) {
        return streakStart != null && !now.isBefore(streakStart.plus(duration));
    }
}
