package org.kvmorch.planning;

import java.util.Objects;

/** Named VM selection rules with their parameters; {@link #create()} builds the selector. */
public sealed interface SelectionParams {

    String name();

    VmSelector create();

    static SelectionParams defaults(String name) {
        return switch (name) {
            case "highest-cpu" -> new HighestCpu();
            case "min-migration-time" -> new MinMigrationTime();
            case "largest-memory" -> new LargestMemory();
            case "min-predicted-cost" -> new MinPredictedCost(PrecopyCostModel.defaults(), CostObjective.TIME);
            case "closest-to-average" -> new ClosestToAverage();
            default -> throw new IllegalArgumentException("unknown VM selection '" + name + "' (known: highest-cpu, "
                    + "min-migration-time, largest-memory, min-predicted-cost, closest-to-average)");
        };
    }

    record HighestCpu() implements SelectionParams {
        public String name() {
            return "highest-cpu";
        }

        public VmSelector create() {
            return new Selectors.HighestCpu();
        }
    }

    record MinMigrationTime() implements SelectionParams {
        public String name() {
            return "min-migration-time";
        }

        public VmSelector create() {
            return new Selectors.MinMigrationTime();
        }
    }

    record LargestMemory() implements SelectionParams {
        public String name() {
            return "largest-memory";
        }

        public VmSelector create() {
            return new Selectors.LargestMemory();
        }
    }

    record MinPredictedCost(MigrationCostModel model, CostObjective objective) implements SelectionParams {
        public MinPredictedCost {
            Objects.requireNonNull(model, "model");
            Objects.requireNonNull(objective, "objective");
        }

        public String name() {
            return "min-predicted-cost";
        }

        public VmSelector create() {
            return new Selectors.MinPredictedCost(model, objective);
        }
    }

    record ClosestToAverage() implements SelectionParams {
        public String name() {
            return "closest-to-average";
        }

        public VmSelector create() {
            return new Selectors.ClosestToAverage();
        }
    }
}
