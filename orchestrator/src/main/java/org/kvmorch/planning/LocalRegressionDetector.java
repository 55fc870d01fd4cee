package org.kvmorch.planning;

/**
 * Beloglazov's LR as in CloudSim: fit the last {@code window} CPU samples, extrapolate by the
 * number of sample intervals the host's largest VM needs to migrate (memory over the migration
 * share of the host's bandwidth, rounded up), multiply by the safety parameter; overloaded when
 * that reaches the capacity. Too short a history falls back to THR.
 *
 * <p>The fit is linear, so the host's prediction with a VM removed or added is the prediction
 * minus or plus the VM's own prediction from its history: {@link #contribution} is exact when the
 * host history is the sum of its VMs' histories (as in CloudSim) and the VM has a full window.
 */
final class LocalRegressionDetector implements OverloadDetector {

    private final DetectorParams.LocalRegressionParams p;

    LocalRegressionDetector(DetectorParams.LocalRegressionParams p) {
        this.p = p;
    }

    @Override
    public String name() {
        return p.name();
    }

    @Override
    public Assessment assess(FleetSnapshot s, int h) {
        double[] history = s.cpuHistory[h];
        if (history.length < p.window()) {
            return ThresholdDetector.cpuThreshold(s, h, p.fallbackCpuThreshold(), "lr fallback thr");
        }
        double ahead = intervalsAhead(s, h);
        double predicted = Stats.predictLinear(history, p.window(), ahead) * s.cpuCap[h] * p.safety();
        double limit = s.cpuCap[h];
        return new Assessment(predicted >= limit, Metric.CPU_CORES, predicted, limit, true,
                String.format("lr: %.2f x predicted cpu %.1f%% (%.0f intervals ahead)", p.safety(),
                        100 * predicted / p.safety() / limit, ahead));
    }

    @Override
    public double contribution(FleetSnapshot s, int vm, Assessment a) {
        double[] history = s.vmCpuHistory[vm];
        if (!a.predicted() || history.length < p.window()) {
            return a.predicted() ? s.vmCpu[vm] * p.safety() : s.vmCpu[vm];
        }
        return Stats.predictLinear(history, p.window(), intervalsAheadFor(s, s.vmHost[vm])) * p.safety();
    }

    private double intervalsAhead(FleetSnapshot s, int h) {
        return intervalsAheadFor(s, h);
    }

    private double intervalsAheadFor(FleetSnapshot s, int h) {
        double bandwidth = s.netCap[h] * p.migrationBandwidthShare();
        if (bandwidth <= 0) {
            return 1;
        }
        double maxMem = 0;
        for (int i = s.hostVmStart[h]; i < s.hostVmStart[h + 1]; i++) {
            maxMem = Math.max(maxMem, s.vmMem[s.hostVms[i]]);
        }
        double seconds = maxMem / bandwidth;
        return Math.ceil(seconds / (s.sampleInterval.toMillis() / 1000.0));
    }
}
