package org.kvmorch.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class PassHistoryTest {

    @Test
    void passEndsWhenMemoryIterationMovesOnAndCountsPagesSinceTheLastBoundary() {
        PassHistory h = new PassHistory();
        h.observe(Stats.precopy(400, 1, 300, 700));       // first sample mid-pass: pass 1 counts from 0
        h.observe(Stats.precopy(500, 1, 600, 400));       // still pass 1
        assertThat(h.observe(Stats.precopy(1000, 2, 1000, 300))).isTrue(); // pass 1 ended: 1000 pages
        h.observe(Stats.precopy(1200, 2, 1200, 100));
        assertThat(h.observe(Stats.precopy(1300, 3, 1250, 50))).isTrue();  // pass 2: 250 pages

        assertThat(h.passes()).extracting(PassRecord::pages).containsExactly(1000L, 250L);
        assertThat(h.passes().get(0).durationMillis()).isEqualTo(1000);
        assertThat(h.passes().get(1).durationMillis()).isEqualTo(300);
        assertThat(h.lambdas()).singleElement().satisfies(l -> assertThat(l).isCloseTo(0.25, within(1e-9)));
    }

    @Test
    void postcopySamplesDoNotMakePasses() {
        PassHistory h = new PassHistory();
        h.observe(Stats.precopy(0, 1, 0, 1000));
        assertThat(h.observe(Stats.postcopy(2000))).isFalse();
        assertThat(h.completedPasses()).isZero();
    }
}
