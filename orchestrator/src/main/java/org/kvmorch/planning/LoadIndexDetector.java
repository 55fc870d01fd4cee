package org.kvmorch.planning;

import org.kvmorch.fleet.LoadIndex;

/**
 * Seed 003: overloaded when the load index has stayed above the threshold for the duration T.
 * With a history, the last ceil(T / sample interval) samples must all be above; without one the
 * host's overloaded-since mark (kept by {@code OverloadTracker}) decides. The current level must
 * also still be above, so a host that just recovered is left alone.
 */
final class LoadIndexDetector implements OverloadDetector {

    private final DetectorParams.LoadIndexParams p;
    private final boolean cpu;
    private final boolean mem;
    private final boolean disk;
    private final boolean net;
    private final long durationMillis;

    LoadIndexDetector(DetectorParams.LoadIndexParams p) {
        this.p = p;
        this.cpu = p.resources().contains(DetectorParams.Resource.CPU);
        this.mem = p.resources().contains(DetectorParams.Resource.MEMORY);
        this.disk = p.resources().contains(DetectorParams.Resource.DISK);
        this.net = p.resources().contains(DetectorParams.Resource.NETWORK);
        this.durationMillis = p.duration().toMillis();
    }

    @Override
    public String name() {
        return p.name();
    }

    double threshold() {
        return p.threshold();
    }

    /** The index over the configured resources, from absolute levels on host h. */
    double index(FleetSnapshot s, int h, double cpuCores, double memBytes, double diskBps, double netBps) {
        return LoadIndex.of(cpu ? cpuCores / s.cpuCap[h] : 0, mem ? memBytes / s.memCap[h] : 0,
                disk && s.diskCap[h] > 0 ? diskBps / s.diskCap[h] : 0, net && s.netCap[h] > 0 ? netBps / s.netCap[h] : 0);
    }

    @Override
    public Assessment assess(FleetSnapshot s, int h) {
        double current = index(s, h, s.cpuUsed[h], s.memUtil[h] * s.memCap[h], s.diskUsed[h], s.netUsed[h]);
        boolean above = current > p.threshold();
        boolean sustained;
        double[] history = s.loadHistory[h];
        long interval = s.sampleInterval.toMillis();
        int needed = (int) Math.max(1, (durationMillis + interval - 1) / interval);
        String why;
        if (history.length >= needed) {
            sustained = true;
            for (int i = history.length - needed; i < history.length && sustained; i++) {
                sustained = history[i] > p.threshold();
            }
            why = String.format("load index %.2f, last %d samples %s %.2f", current, needed,
                    sustained ? "above" : "not all above", p.threshold());
        } else if (s.overloadedSinceMillis[h] != FleetSnapshot.NEVER) {
            sustained = s.atMillis - s.overloadedSinceMillis[h] >= durationMillis;
            why = String.format("load index %.2f above %.2f since %d ms ago", current, p.threshold(),
                    s.atMillis - s.overloadedSinceMillis[h]);
        } else {
            sustained = durationMillis == 0;
            why = String.format("load index %.2f, no history", current);
        }
        return new Assessment(above && sustained, Metric.LOAD_INDEX, current, p.threshold(), false, why);
    }
}
