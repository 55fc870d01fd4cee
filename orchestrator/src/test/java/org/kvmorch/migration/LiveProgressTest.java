package org.kvmorch.migration;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.kvmorch.hypervisor.JobPhase;
import org.kvmorch.hypervisor.JobStats;

/** The ETA operators see is on the service's clock, whatever time scale the job reports in. */
class LiveProgressTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void simulatedJobTimeIsScaledToWallTimeAndCountedFromTheSample() {
        MutableClock clock = new MutableClock(T0);
        LiveProgress progress = new LiveProgress(clock, 100);
        // 1,000 MiB left at 1 MiB/s of job time = 1,000 job seconds = 10 wall seconds at 100x.
        progress.update(7, stats(1000L << 20, 1L << 20));
        assertThat(progress.eta(7)).get().isEqualTo(new LiveProgress.Eta(10, T0.plusSeconds(10)));

        clock.now = T0.plusSeconds(4);
        assertThat(progress.eta(7)).get().extracting(LiveProgress.Eta::seconds).isEqualTo(6L);
        clock.now = T0.plusSeconds(30);
        assertThat(progress.eta(7)).get().extracting(LiveProgress.Eta::seconds).as("never negative").isEqualTo(0L);
    }

    @Test
    void realTimeJobsAreNotScaled_andNoRateMeansNoEta() {
        LiveProgress progress = new LiveProgress(new MutableClock(T0), 1);
        progress.update(1, stats(300L << 20, 10L << 20));
        assertThat(progress.eta(1)).get().isEqualTo(new LiveProgress.Eta(30, T0.plusSeconds(30)));
        progress.update(2, stats(300L << 20, 0));
        assertThat(progress.eta(2)).isEmpty();
        assertThat(progress.eta(3)).isEmpty();
    }

    private static JobStats stats(long remaining, long bytesPerSecond) {
        return new JobStats(JobPhase.PRECOPY, 60_000, 0, 0, remaining, 0, 0, remaining, bytesPerSecond, 0, 1, 0, 0, 0,
                4096, 0, 0, 10, -1, -1);
    }

    private static final class MutableClock extends Clock {
        Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
