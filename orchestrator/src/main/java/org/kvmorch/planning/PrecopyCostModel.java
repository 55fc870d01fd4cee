package org.kvmorch.planning;

/**
 * Clark's geometric pre-copy model with QEMU's stop rule (reference.md "Analytical pre-copy
 * oracle"): round 0 sends all memory, round i what was dirtied while round i-1 was sent, capped by
 * the writable working set when one is known; stop when the remainder fits in the downtime limit.
 * It models pre-copy only, whatever the VM's policy.
 */
public record PrecopyCostModel(double downtimeLimitSeconds, int maxRounds) implements MigrationCostModel {

    public PrecopyCostModel {
        if (!(downtimeLimitSeconds > 0)) {
            throw new IllegalArgumentException("downtimeLimitSeconds must be > 0");
        }
        if (maxRounds < 1) {
            throw new IllegalArgumentException("maxRounds must be >= 1");
        }
    }

    /** QEMU's 300 ms default, 30 rounds before we call it non-converging. */
    public static PrecopyCostModel defaults() {
        return new PrecopyCostModel(0.3, 30);
    }

    @Override
    public MigrationCost predict(Guest guest, double bandwidth, String policy) {
        double memory = guest.memoryBytes();
        double dirtyRate = guest.dirtyRateBytesPerSecond();
        double workingSet = guest.workingSetBytes();
        if (!(bandwidth > 0)) {
            throw new IllegalArgumentException("bandwidth must be > 0");
        }
        double cap = workingSet > 0 ? Math.min(workingSet, memory) : memory;
        double total = memory;
        double round = memory;
        for (int i = 1; i <= maxRounds; i++) {
            round = Math.min(cap, dirtyRate * round / bandwidth);
            total += round;
            if (round / bandwidth <= downtimeLimitSeconds) {
                return new MigrationCost(total / bandwidth, total, round / bandwidth, true);
            }
        }
        return new MigrationCost(total / bandwidth, total, round / bandwidth, false);
    }
}
