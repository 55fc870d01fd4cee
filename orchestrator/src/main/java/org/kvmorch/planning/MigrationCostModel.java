package org.kvmorch.planning;

/**
 * Predicts what migrating a VM costs. The orchestrator can plug in the simulator's prediction; the
 * planner ships {@link PrecopyCostModel}.
 */
@FunctionalInterface
public interface MigrationCostModel {

    /** @param policy the migration policy the VM moves with (null: the fleet's default) */
    MigrationCost predict(double memoryBytes, double dirtyRateBytesPerSecond, double workingSetBytes,
            double bandwidthBytesPerSecond, String policy);

    /** Under the fleet's default policy. */
    default MigrationCost predict(double memoryBytes, double dirtyRateBytesPerSecond, double workingSetBytes,
            double bandwidthBytesPerSecond) {
        return predict(memoryBytes, dirtyRateBytesPerSecond, workingSetBytes, bandwidthBytesPerSecond, null);
    }
}
