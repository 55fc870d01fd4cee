package org.kvmorch.planning;

/** One move of a plan, with the detector's reason and the predicted cost. */
public record PlannedMigration(String vm, String source, String destination, MigrationReason reason, String why,
        MigrationCost predictedCost) {
}
