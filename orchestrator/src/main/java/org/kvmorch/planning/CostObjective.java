package org.kvmorch.planning;

/** Which part of a predicted migration cost {@code min-predicted-cost} minimizes. */
public enum CostObjective {
    TIME, DATA, DOWNTIME;

    double of(MigrationCost c) {
        double v = switch (this) {
            case TIME -> c.seconds();
            case DATA -> c.bytes();
            case DOWNTIME -> c.downtimeSeconds();
        };
        // a non-converging pre-copy needs throttling or post-copy: rank it behind every converging one
        return c.converges() ? v : 1e12 + v;
    }
}
