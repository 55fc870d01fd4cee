package org.kvmorch.prediction;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PredictorTest {

    private static final long MIB = 1024 * 1024;
    private final Predictor predictor = new Predictor();

    @Test
    void aBandwidthCapSlowsPrecopyButNotTheFinalCopy() {
        // 1 GiB guest writing 20 MiB/s over 256 MiB; a 10 GbE link capped to 50 MiB/s for the migration.
        Prediction capped = predictor.predict(new Predictor.Input(1024 * MIB, 20 * MIB, 256 * MIB, 1250 * MIB, 300,
                50 * MIB), "precopy");
        Prediction slowLink = predictor.predict(new Predictor.Input(1024 * MIB, 20 * MIB, 256 * MIB, 50 * MIB, 300),
                "precopy");

        assertThat(capped.result()).isEqualTo("COMPLETED");
        assertThat(slowLink.result()).isEqualTo("COMPLETED");
        // Pre-copy runs at the cap either way: about the same total time.
        assertThat((double) capped.totalTimeMs()).isCloseTo(slowLink.totalTimeMs(), org.assertj.core.data.Percentage
                .withPercentage(10));
        // QEMU lifts the cap for the stop-and-copy: the last pass crosses the whole link.
        assertThat(capped.downtimeMs()).isLessThan(slowLink.downtimeMs() / 5);
    }

    @Test
    void autoIsPredictedOnWhatTheServiceKnowsOfTheGuest() {
        // 4 GiB guest writing 150 MiB/s, 100 MiB/s link. With the working set measured (1 GiB) auto's
        // bulk-pass guard ends the bulk pass early; unmeasured (real libvirt hosts), the guard is quiet in
        // the real run, so it must be in the prediction too, although the model stands in a working set.
        Prediction known = predictor.predict(new Predictor.Input(4096 * MIB, 150 * MIB, 1024 * MIB, 100 * MIB, 300),
                "auto");
        Prediction unknown = predictor.predict(new Predictor.Input(4096 * MIB, 150 * MIB, 0, 100 * MIB, 300), "auto");
        assertThat(known.precopyRounds()).isZero();
        assertThat(known.floorRatio()).isLessThanOrEqualTo(1.15);
        assertThat(unknown.precopyRounds()).isPositive();
    }
}
