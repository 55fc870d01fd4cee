package org.kvmorch.fleet;

import java.time.Duration;
import java.time.Instant;
import org.kvmorch.policy.FleetPolicy;

/**
 * Seed 003's rule: a host is overloaded when its load index has stayed above the threshold for
 * the duration T. The host row keeps only when the current streak above the threshold began.
 */
public record OverloadTracker(double threshold, Duration duration) {

    /** The rule with the threshold and duration T of the policy in force. */
    public static OverloadTracker of(FleetPolicy policy) {
        return new OverloadTracker(policy.loadThreshold(), policy.overloadDuration());
    }

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
