package org.kvmorch.planning;

/** The named VM selection rules. Ties go to the lower VM number, so plans are reproducible. */
final class Selectors {

    private Selectors() {
    }

    /** Seed 003's default: the busiest VM relieves the host fastest. */
    static final class HighestCpu implements VmSelector {
        public String name() {
            return "highest-cpu";
        }

        public int pick(FleetSnapshot s, int[] c, int n, SelectionContext ctx) {
            int best = 0;
            for (int i = 1; i < n; i++) {
                if (s.vmCpu[c[i]] > s.vmCpu[c[best]]) {
                    best = i;
                }
            }
            return best;
        }
    }

    /** Beloglazov's MMT: RAM over the available bandwidth, the same link for all, so least RAM. */
    static final class MinMigrationTime implements VmSelector {
        public String name() {
            return "min-migration-time";
        }

        public int pick(FleetSnapshot s, int[] c, int n, SelectionContext ctx) {
            int best = 0;
            for (int i = 1; i < n; i++) {
                if (s.vmMem[c[i]] < s.vmMem[c[best]]) {
                    best = i;
                }
            }
            return best;
        }
    }

    /** Seed 003's alternative: frees the most memory per move. */
    static final class LargestMemory implements VmSelector {
        public String name() {
            return "largest-memory";
        }

        public int pick(FleetSnapshot s, int[] c, int n, SelectionContext ctx) {
            int best = 0;
            for (int i = 1; i < n; i++) {
                if (s.vmMem[c[i]] > s.vmMem[c[best]]) {
                    best = i;
                }
            }
            return best;
        }
    }

    /**
     * The cheapest VM (predicted from its dirty rate and working set) among those that relieve the
     * host alone; when none does, the lowest cost per core freed, and the loop continues.
     */
    static final class MinPredictedCost implements VmSelector {
        private final MigrationCostModel model;
        private final CostObjective objective;

        MinPredictedCost(MigrationCostModel model, CostObjective objective) {
            this.model = model;
            this.objective = objective;
        }

        public String name() {
            return "min-predicted-cost";
        }

        public int pick(FleetSnapshot s, int[] c, int n, SelectionContext ctx) {
            double bw = ctx.migrationBandwidth();
            int bestAlone = -1;
            double bestAloneCost = Double.MAX_VALUE;
            int bestRatio = 0;
            double bestRatioCost = Double.MAX_VALUE;
            for (int i = 0; i < n; i++) {
                int vm = c[i];
                double cost = objective.of(model.predict(s.guest(vm), bw, s.vmPolicy[vm]));
                if (ctx.relievedWithout(vm)) {
                    if (cost < bestAloneCost) {
                        bestAloneCost = cost;
                        bestAlone = i;
                    }
                } else {
                    double ratio = cost / Math.max(1e-9, s.vmCpu[vm]);
                    if (ratio < bestRatioCost) {
                        bestRatioCost = ratio;
                        bestRatio = i;
                    }
                }
            }
            return bestAlone >= 0 ? bestAlone : bestRatio;
        }
    }

    /**
     * OpenStack Watcher's workload balance: the VM whose CPU is closest to the host's excess over
     * the cluster average, so one move brings the host near the average.
     */
    static final class ClosestToAverage implements VmSelector {
        public String name() {
            return "closest-to-average";
        }

        public int pick(FleetSnapshot s, int[] c, int n, SelectionContext ctx) {
            double target = Math.max(0, ctx.projectedCpu() - ctx.clusterAverageCpu());
            int best = 0;
            double bestDistance = Double.MAX_VALUE;
            for (int i = 0; i < n; i++) {
                double d = Math.abs(s.vmCpu[c[i]] - target);
                if (d < bestDistance) {
                    bestDistance = d;
                    best = i;
                }
            }
            return best;
        }
    }
}
