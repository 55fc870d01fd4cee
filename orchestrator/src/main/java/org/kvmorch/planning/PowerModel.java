package org.kvmorch.planning;

/** Host power draw in watts as a function of CPU utilization in [0, 1]. */
public interface PowerModel {

    double watts(double utilization);

    /** Linear between idle and full power. */
    record Linear(double idleWatts, double maxWatts) implements PowerModel {
        public Linear {
            if (!(idleWatts >= 0 && maxWatts >= idleWatts)) {
                throw new IllegalArgumentException("need 0 <= idleWatts <= maxWatts");
            }
        }

        @Override
        public double watts(double utilization) {
            return idleWatts + (maxWatts - idleWatts) * utilization;
        }
    }

    /**
     * SPECpower style: 11 measured points at 0 %, 10 % ... 100 %, linear in between. Utilization
     * above 1 is an error (CloudSim skips such hosts in PABFD), so callers must check first.
     */
    record SpecPower(double[] wattsAtTenths) implements PowerModel {
        public SpecPower {
            if (wattsAtTenths.length != 11) {
                throw new IllegalArgumentException("SPECpower needs 11 points, got " + wattsAtTenths.length);
            }
            wattsAtTenths = wattsAtTenths.clone();
        }

        /** HP ProLiant ML110 G4 (Xeon 3040), the numbers CloudSim ships. */
        public static SpecPower hpProLiantMl110G4() {
            return new SpecPower(new double[] {86, 89.4, 92.6, 96, 99.5, 102, 106, 108, 112, 114, 117});
        }

        /** HP ProLiant ML110 G5 (Xeon 3075), the numbers CloudSim ships. */
        public static SpecPower hpProLiantMl110G5() {
            return new SpecPower(new double[] {93.7, 97, 101, 105, 110, 116, 121, 125, 129, 133, 135});
        }

        @Override
        public double watts(double utilization) {
            if (utilization < 0 || utilization > 1) {
                throw new IllegalArgumentException("utilization outside [0,1]: " + utilization);
            }
            double scaled = utilization * 10;
            int lo = (int) Math.floor(scaled);
            if (lo == 10) {
                return wattsAtTenths[10];
            }
            return wattsAtTenths[lo] + (wattsAtTenths[lo + 1] - wattsAtTenths[lo]) * (scaled - lo);
        }
    }
}
