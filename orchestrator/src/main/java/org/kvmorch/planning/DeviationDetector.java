package org.kvmorch.planning;

import java.util.function.ToDoubleFunction;

/**
 * MAD and IQR (Beloglazov): an adaptive CPU threshold 1 - safety x spread of the host's CPU history,
 * so a host with a jumpy history gets a lower threshold. Too short a history falls back to THR.
 */
final class DeviationDetector implements OverloadDetector {

    private final String name;
    private final double safety;
    private final int minSamples;
    private final double fallback;
    private final ToDoubleFunction<double[]> spread;

    DeviationDetector(String name, double safety, int minSamples, double fallback, ToDoubleFunction<double[]> spread) {
        this.name = name;
        this.safety = safety;
        this.minSamples = minSamples;
        this.fallback = fallback;
        this.spread = spread;
    }

    static double mad(double[] v) {
        return Stats.mad(v);
    }

    static double iqr(double[] v) {
        return Stats.iqr(v);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Assessment assess(FleetSnapshot s, int h) {
        double[] history = s.cpuHistory[h];
        if (history.length < minSamples) {
            return ThresholdDetector.cpuThreshold(s, h, fallback, name + " fallback thr");
        }
        double threshold = Math.max(0, 1 - safety * spread.applyAsDouble(Stats.tail(history, 30)));
        double used = s.cpuUsed[h];
        double limit = threshold * s.cpuCap[h];
        return new Assessment(used > limit, Metric.CPU_CORES, used, limit, false,
                String.format("%s: cpu %.1f%% vs adaptive %.1f%%", name, 100 * used / s.cpuCap[h], 100 * threshold));
    }
}
