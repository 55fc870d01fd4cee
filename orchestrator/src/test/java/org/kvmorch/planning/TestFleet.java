package org.kvmorch.planning;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.kvmorch.fleet.LoadIndex;

/**
 * Builds consistent snapshots for tests: a host's CPU and memory utilization are derived from its
 * VMs, and its load-index history repeats the current index (so "sustained" means "now").
 */
final class TestFleet {

    static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    static final long GIB = 1L << 30;

    private final List<HostSpec> hosts = new ArrayList<>();
    private final List<VmSpec> vms = new ArrayList<>();
    private int historySamples = 3;

    TestFleet host(String name, String cluster, double cores, long memoryGib) {
        hosts.add(HostSpec.of(name, cluster, cores, memoryGib * GIB));
        return this;
    }

    TestFleet host(HostSpec spec) {
        hosts.add(spec);
        return this;
    }

    TestFleet vm(String name, String host, double cores, long memoryGib) {
        vms.add(VmSpec.of(name, host, cores, memoryGib * GIB));
        return this;
    }

    TestFleet vm(VmSpec spec) {
        vms.add(spec);
        return this;
    }

    TestFleet historySamples(int n) {
        historySamples = n;
        return this;
    }

    /** Replaces the host's state. */
    TestFleet state(String host, HostState state) {
        hosts.replaceAll(h -> h.name().equals(host) ? h.withState(state) : h);
        return this;
    }

    FleetSnapshot build() {
        FleetSnapshot.Builder b = FleetSnapshot.builder(NOW, Duration.ofMinutes(1));
        for (HostSpec h : hosts) {
            double cpu = 0;
            double mem = 0;
            for (VmSpec v : vms) {
                if (v.host().equals(h.name())) {
                    cpu += v.cpuCores();
                    mem += v.memoryBytes();
                }
            }
            double cpuShare = cpu / h.cpuCores();
            double memShare = Math.min(1, mem / h.memoryBytes());
            double li = LoadIndex.of(cpuShare, memShare, h.diskUtilization(), h.networkUtilization());
            double[] history = new double[historySamples];
            java.util.Arrays.fill(history, li);
            double[] cpuHistory = new double[historySamples];
            java.util.Arrays.fill(cpuHistory, cpuShare);
            b.host(h.withUtilization(cpuShare, memShare, h.diskUtilization(), h.networkUtilization())
                    .withHistory(h.cpuHistory().length > 0 ? h.cpuHistory() : cpuHistory,
                            h.loadIndexHistory().length > 0 ? h.loadIndexHistory() : history, h.overloadedSince()));
        }
        return b.vms(vms).build();
    }

    /** Thresholds tests use: load index 4 (CPU 75 % on an otherwise idle host) and no consolidation. */
    static PlannerConfig config(double loadIndexThreshold) {
        return PlannerConfig.defaults()
                .with(new DetectorParams.LoadIndexParams(loadIndexThreshold, Duration.ZERO,
                        java.util.EnumSet.of(DetectorParams.Resource.CPU)))
                .with(new UnderloadParams.Off());
    }
}
