package org.kvmorch.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A host is overloaded only after its index stayed above the threshold for the whole duration T. */
class OverloadTrackerTest {

    private final OverloadTracker tracker = new OverloadTracker(4.0, Duration.ofSeconds(60));
    private final Instant t0 = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void streakStartsAtFirstReadingAboveThresholdAndSurvivesLaterOnes() {
        Instant start = tracker.streakStart(null, 5.0, t0);
        assertThat(start).isEqualTo(t0);
        assertThat(tracker.streakStart(start, 6.0, t0.plusSeconds(10))).isEqualTo(t0);
    }

    @Test
    void readingAtOrBelowThresholdEndsTheStreak() {
        assertThat(tracker.streakStart(t0, 4.0, t0.plusSeconds(10))).isNull();
        assertThat(tracker.streakStart(t0, 1.0, t0.plusSeconds(10))).isNull();
    }

    @Test
    void overloadedOnlyAfterDurationT() {
        assertThat(tracker.isOverloaded(t0, t0.plusSeconds(59))).isFalse();
        assertThat(tracker.isOverloaded(t0, t0.plusSeconds(60))).isTrue();
        assertThat(tracker.isOverloaded(null, t0.plusSeconds(600))).isFalse();
    }
}
