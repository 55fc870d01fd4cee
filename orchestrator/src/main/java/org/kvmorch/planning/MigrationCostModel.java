package org.kvmorch.planning;

/**
 * Predicts what migrating a VM costs. The orchestrator can plug in the simulator's prediction; the
 * planner ships {@link PrecopyCostModel}.
 */
@FunctionalInterface
public interface MigrationCostModel {

    /**
     * What the poller knows of a guest's memory (bytes, bytes per second; 0 = not measured).
     *
     * @param residentBytes the memory the host holds for it (see {@code DomainUtilization})
     */
    record Guest(double memoryBytes, double dirtyRateBytesPerSecond, double workingSetBytes, double residentBytes) {
    }

    /** @param policy the migration policy the VM moves with (null: the fleet's default) */
    MigrationCost predict(Guest guest, double bandwidthBytesPerSecond, String policy);

    /** Under the fleet's default policy, the resident set unknown. */
    default MigrationCost predict(double memoryBytes, double dirtyRateBytesPerSecond, double workingSetBytes,
            double bandwidthBytesPerSecond) {
        return predict(new Guest(memoryBytes, dirtyRateBytesPerSecond, workingSetBytes, 0), bandwidthBytesPerSecond,
                null);
    }
}
