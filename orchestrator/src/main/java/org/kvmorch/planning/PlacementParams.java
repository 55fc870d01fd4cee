package org.kvmorch.planning;

/** Named placement strategies; both are best-fit decreasing over the source's cluster. */
public sealed interface PlacementParams {

    String name();

    static PlacementParams defaults(String name) {
        return switch (name) {
            case "bfd" -> new BestFitDecreasing(1.0);
            case "pabfd" -> new PowerAwareBestFitDecreasing(true);
            default -> throw new IllegalArgumentException("unknown placement '" + name + "' (known: bfd, pabfd)");
        };
    }

    /**
     * Tightest fit: the feasible host whose detector metric ends closest to its limit.
     *
     * @param destinationFill a destination must stay at or under this share of the detector's limit
     *        (1 = "not overloaded"; lower leaves headroom so the destination does not trip next round)
     */
    record BestFitDecreasing(double destinationFill) implements PlacementParams {
        public BestFitDecreasing {
            if (!(destinationFill > 0 && destinationFill <= 1)) {
                throw new IllegalArgumentException("destinationFill must be in (0,1], got " + destinationFill);
            }
        }

        public String name() {
            return "bfd";
        }
    }

    /**
     * Beloglazov's PABFD: the feasible host whose power draw rises least (SPECpower or linear model
     * per host; hosts without one count power as proportional to CPU).
     *
     * @param skipLoadCheckOnEmptyHosts CloudSim accepts an idle host without asking the detector
     */
    record PowerAwareBestFitDecreasing(boolean skipLoadCheckOnEmptyHosts) implements PlacementParams {
        public String name() {
            return "pabfd";
        }
    }
}
