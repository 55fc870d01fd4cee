package org.kvmorch.prediction;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.kvmorch.planning.MigrationCost;
import org.kvmorch.planning.MigrationCostModel;

class SimulatedCostModelTest {

    private static final double MIB = 1 << 20;

    @Test
    void idleVmCostsAboutOnePassOfItsMemory() {
        SimulatedCostModel model = new SimulatedCostModel(new Predictor(), () -> "precopy");
        // 1 GiB, nothing dirtied, 100 MiB/s: one pass, about 10 s (zero pages cost only headers).
        MigrationCost c = model.predict(1024 * MIB, 0, 0, 100 * MIB);
        assertThat(c.converges()).isTrue();
        assertThat(c.seconds()).isBetween(0.0, 11.0);
    }

    @Test
    void precopyThatCannotConvergeIsPredictedSo() {
        SimulatedCostModel model = new SimulatedCostModel(new Predictor(), () -> "precopy");
        // 200 MiB/s dirtied over 512 MiB on a 50 MiB/s link: λ = 4, pre-copy never finishes.
        MigrationCost c = model.predict(1024 * MIB, 200 * MIB, 512 * MIB, 50 * MIB);
        assertThat(c.converges()).isFalse();
    }

    @Test
    void nearlyEqualInputsShareOneSimulatorRun() {
        SimulatedCostModel model = new SimulatedCostModel(new Predictor(), () -> "auto");
        MigrationCost a = model.predict(2048 * MIB, 30 * MIB, 256 * MIB, 100 * MIB);
        MigrationCost b = model.predict(2048 * MIB + 4096, 30.2 * MIB, 256 * MIB + 1, 100.1 * MIB);
        assertThat(b).as("memoized: the same run's result").isSameAs(a);
        MigrationCost other = model.predict(4096 * MIB, 30 * MIB, 256 * MIB, 100 * MIB);
        assertThat(other).isNotSameAs(a);
        assertThat(other.bytes()).isGreaterThan(a.bytes());
    }

    @Test
    void aVmsOwnPolicyIsWhatItsCostAssumes() {
        SimulatedCostModel model = new SimulatedCostModel(new Predictor(), () -> "precopy");
        // The guest of precopyThatCannotConvergeIsPredictedSo: the fleet's pre-copy never finishes; post-copy does.
        MigrationCostModel.Guest guest = new MigrationCostModel.Guest(1024 * MIB, 200 * MIB, 512 * MIB, 0);
        MigrationCost fleetDefault = model.predict(guest, 50 * MIB, null);
        MigrationCost own = model.predict(guest, 50 * MIB, "postcopy");
        assertThat(fleetDefault.converges()).isFalse();
        assertThat(own.converges()).isTrue();
        assertThat(own.bytes()).isLessThan(fleetDefault.bytes());
    }

    @Test
    void aStoredPolicyTheStandInCannotRunIsCostedUnderTheFleetsDefault() {
        SimulatedCostModel model = new SimulatedCostModel(new Predictor(), () -> "auto");
        MigrationCostModel.Guest guest = new MigrationCostModel.Guest(2048 * MIB, 30 * MIB, 256 * MIB, 0);
        MigrationCost fleet = model.predict(guest, 100 * MIB, null);
        // pa-hybrid needs a storage path the stand-in hosts lack; "teleport" was never a policy.
        assertThat(model.predict(guest, 100 * MIB, "pa-hybrid")).isEqualTo(fleet);
        assertThat(model.predict(guest, 100 * MIB, "teleport")).isEqualTo(fleet);
    }

    @Test
    void anUnmeasuredWorkingSetStaysUnmeasured() {
        // 0 = not measured: the stand-in writes over all memory, not over a rounded-up 64 MiB.
        SimulatedCostModel model = new SimulatedCostModel(new Predictor(), () -> "precopy");
        MigrationCost unknown = model.predict(1024 * MIB, 40 * MIB, 0, 50 * MIB);
        MigrationCost small = model.predict(1024 * MIB, 40 * MIB, 64 * MIB, 50 * MIB);
        assertThat(unknown.bytes()).isGreaterThan(small.bytes());
    }
}
