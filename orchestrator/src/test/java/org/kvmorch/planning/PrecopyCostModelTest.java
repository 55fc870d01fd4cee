package org.kvmorch.planning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** reference.md's golden table for the analytical pre-copy oracle (MB and MB/s, 1 GiB = 1024 MB). */
class PrecopyCostModelTest {

    private final PrecopyCostModel model = PrecopyCostModel.defaults();

    @ParameterizedTest(name = "{0} MB at {1} MB/s, dirty {2} MB/s")
    @CsvSource({
        "1024, 125, 0, 1024, 8.2, 0",
        "1024, 125, 25, 1278, 10.2, 66",
        "1024, 125, 62.5, 2016, 16.1, 256",
        "1024, 125, 100, 4976, 39.8, 288",
        "4096, 128, 64, 8160, 63.8, 250",
        "8192, 1250, 500, 13514, 10.8, 168"})
    void goldenValues(double memory, double bandwidth, double dirty, double totalMb, double seconds, double downtimeMs) {
        MigrationCost c = model.predict(memory, dirty, 0, bandwidth);
        assertThat(c.converges()).isTrue();
        assertThat(c.bytes()).isCloseTo(totalMb, offset(1.0));
        assertThat(c.seconds()).isCloseTo(seconds, offset(0.06));
        assertThat(c.downtimeSeconds() * 1000).isCloseTo(downtimeMs, offset(1.0));
    }

    @Test
    void dirtyingFasterThanTheLinkNeverConverges() {
        assertThat(model.predict(32768, 60, 0, 50).converges()).isFalse();
    }

    @Test
    void aSmallWorkingSetCapsEachRound() {
        MigrationCost capped = model.predict(32768, 45, 1024, 50);
        MigrationCost uncapped = model.predict(32768, 45, 0, 50);
        assertThat(capped.bytes()).isLessThan(uncapped.bytes());
    }
}
