package org.kvmorch.planning;

/**
 * Predicts what migrating a VM costs. The orchestrator can plug in the simulator's prediction; the
 * planner ships {@link PrecopyCostModel}.
 */
@FunctionalInterface
public interface MigrationCostModel {

    MigrationCost predict(double memoryBytes, double dirtyRateBytesPerSecond, double workingSetBytes,
            double bandwidthBytesPerSecond);
}
