package org.kvmorch.planning;

/** Beloglazov's THR: overloaded when CPU demand is above a fixed share of capacity. */
final class ThresholdDetector implements OverloadDetector {

    private final DetectorParams.ThresholdParams p;

    ThresholdDetector(DetectorParams.ThresholdParams p) {
        this.p = p;
    }

    @Override
    public String name() {
        return p.name();
    }

    @Override
    public Assessment assess(FleetSnapshot s, int h) {
        return cpuThreshold(s, h, p.cpuThreshold(), "thr");
    }

    /** Shared with the fallbacks of the statistical detectors. */
    static Assessment cpuThreshold(FleetSnapshot s, int h, double threshold, String label) {
        double used = s.cpuUsed[h];
        double limit = threshold * s.cpuCap[h];
        return new Assessment(used > limit, Metric.CPU_CORES, used, limit, false,
                String.format("%s: cpu %.1f%% vs %.1f%%", label, 100 * used / s.cpuCap[h], 100 * threshold));
    }
}
