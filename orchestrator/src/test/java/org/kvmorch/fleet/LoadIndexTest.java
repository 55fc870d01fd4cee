package org.kvmorch.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LoadIndexTest {

    @Test
    void idleHostHasIndexOne() {
        assertThat(LoadIndex.of(0, 0, 0, 0)).isEqualTo(1.0);
    }

    @Test
    void everyResourceAtHalfGivesSixteen() {
        // 1 / (0.5^4) = 16, seed 003's own example.
        assertThat(LoadIndex.of(0.5, 0.5, 0.5, 0.5)).isCloseTo(16.0, within(1e-9));
    }

    @Test
    void cpuAtEightyPercentAloneGivesFive() {
        // 1 / (0.2 * 1 * 1 * 1) = 5
        assertThat(LoadIndex.of(0.8, 0, 0, 0)).isCloseTo(5.0, within(1e-9));
    }

    @Test
    void saturatedResourceGivesLargeFiniteIndex() {
        // clamped to 0.999: 1 / 0.001 = 1000 for one saturated resource
        double index = LoadIndex.of(1.0, 0, 0, 0);
        assertThat(index).isFinite().isCloseTo(1000.0, within(1e-6));
        assertThat(LoadIndex.of(1.0, 1.0, 1.0, 1.0)).isFinite().isCloseTo(1e12, within(1.0));
    }

    @Test
    void nanIsRejected() {
        assertThatThrownBy(() -> LoadIndex.of(Double.NaN, 0, 0, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
