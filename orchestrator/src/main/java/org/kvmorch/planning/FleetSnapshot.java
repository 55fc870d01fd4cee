package org.kvmorch.planning;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.kvmorch.fleet.LoadIndex;

/**
 * Immutable view of the fleet at one instant, laid out as primitive arrays indexed by host and VM
 * number so the planner's hot loops allocate nothing. Built once per planning round with
 * {@link #builder}; the planner never changes it (it works on a {@link ProjectedFleet} copy).
 */
public final class FleetSnapshot {

    static final long NEVER = Long.MIN_VALUE;

    final Instant at;
    final long atMillis;
    final Duration sampleInterval;

    // hosts
    final int hostCount;
    final String[] hostNames;
    final int[] hostCluster;
    final HostState[] hostState;
    final double[] cpuCap;
    final double[] maxVmCpu;
    final double[] memCap;
    final double[] diskCap;
    final double[] netCap;
    final int[] maxOut;
    final int[] maxIn;
    final double[] cpuUsed;      // cores, measured
    final double[] memUtil;      // fraction, measured (load index input)
    final double[] diskUsed;     // B/s
    final double[] netUsed;      // B/s
    final double[] memReserved;  // bytes, sum of the VMs' RAM (capacity input)
    final double[][] cpuHistory;
    final double[][] loadHistory;
    final long[] overloadedSinceMillis;
    final PowerModel[] power;
    final String[] clusterNames;
    final int[] clusterStart;    // hosts of cluster c: clusterHosts[clusterStart[c] .. clusterStart[c+1])
    final int[] clusterHosts;

    // VMs
    final int vmCount;
    final String[] vmNames;
    final int[] vmHost;
    final double[] vmCpu;
    final double[] vmMem;
    final double[] vmDisk;
    final double[] vmNet;
    final double[] vmDirty;
    final double[] vmWorkingSet;
    final double[] vmResident;
    final String[] vmPolicy;     // null: the fleet's default
    final int[] vmAffinity;      // group number or -1
    final int[] vmAnti;          // group number or -1
    final long[] vmLastMigrated; // epoch millis or NEVER
    final int[] vmLastSource;    // host index or -1
    final int[] vmModes;         // MigrationMode bits
    final double[][] vmCpuHistory;
    final int[] hostVmStart;     // VMs of host h: hostVms[hostVmStart[h] .. hostVmStart[h+1])
    final int[] hostVms;

    private final Map<String, Integer> hostIndex;
    private final Map<String, Integer> vmIndex;

    private FleetSnapshot(Builder b) {
        this.at = b.at;
        this.atMillis = b.at.toEpochMilli();
        this.sampleInterval = b.sampleInterval;
        List<HostSpec> hosts = b.hosts;
        List<VmSpec> vms = b.vms;
        hostCount = hosts.size();
        vmCount = vms.size();
        hostNames = new String[hostCount];
        hostCluster = new int[hostCount];
        hostState = new HostState[hostCount];
        cpuCap = new double[hostCount];
        maxVmCpu = new double[hostCount];
        memCap = new double[hostCount];
        diskCap = new double[hostCount];
        netCap = new double[hostCount];
        maxOut = new int[hostCount];
        maxIn = new int[hostCount];
        cpuUsed = new double[hostCount];
        memUtil = new double[hostCount];
        diskUsed = new double[hostCount];
        netUsed = new double[hostCount];
        memReserved = new double[hostCount];
        cpuHistory = new double[hostCount][];
        loadHistory = new double[hostCount][];
        overloadedSinceMillis = new long[hostCount];
        power = new PowerModel[hostCount];
        hostIndex = new HashMap<>(hostCount * 2);
        Map<String, Integer> clusters = new HashMap<>();
        List<String> clusterList = new ArrayList<>();
        for (int h = 0; h < hostCount; h++) {
            HostSpec s = hosts.get(h);
            if (hostIndex.put(s.name(), h) != null) {
                throw new IllegalArgumentException("duplicate host " + s.name());
            }
            hostNames[h] = s.name();
            Integer c = clusters.get(s.cluster());
            if (c == null) {
                c = clusterList.size();
                clusters.put(s.cluster(), c);
                clusterList.add(s.cluster());
            }
            hostCluster[h] = c;
            hostState[h] = s.state();
            cpuCap[h] = s.cpuCores();
            maxVmCpu[h] = s.maxVmCpuCores();
            memCap[h] = s.memoryBytes();
            diskCap[h] = s.diskBytesPerSecond();
            netCap[h] = s.networkBytesPerSecond();
            maxOut[h] = s.maxOutgoingMigrations() == 0 ? Integer.MAX_VALUE : s.maxOutgoingMigrations();
            maxIn[h] = s.maxIncomingMigrations() == 0 ? Integer.MAX_VALUE : s.maxIncomingMigrations();
            cpuUsed[h] = s.cpuUtilization() * s.cpuCores();
            memUtil[h] = s.memoryUtilization();
            diskUsed[h] = s.diskUtilization() * s.diskBytesPerSecond();
            netUsed[h] = s.networkUtilization() * s.networkBytesPerSecond();
            cpuHistory[h] = s.cpuHistory();
            loadHistory[h] = s.loadIndexHistory();
            overloadedSinceMillis[h] = s.overloadedSince() == null ? NEVER : s.overloadedSince().toEpochMilli();
            power[h] = s.powerModel();
        }
        clusterNames = clusterList.toArray(String[]::new);
        clusterStart = new int[clusterNames.length + 1];
        for (int h = 0; h < hostCount; h++) {
            clusterStart[hostCluster[h] + 1]++;
        }
        for (int c = 0; c < clusterNames.length; c++) {
            clusterStart[c + 1] += clusterStart[c];
        }
        clusterHosts = new int[hostCount];
        int[] fill = clusterStart.clone();
        for (int h = 0; h < hostCount; h++) {
            clusterHosts[fill[hostCluster[h]]++] = h;
        }

        vmNames = new String[vmCount];
        vmHost = new int[vmCount];
        vmCpu = new double[vmCount];
        vmMem = new double[vmCount];
        vmDisk = new double[vmCount];
        vmNet = new double[vmCount];
        vmDirty = new double[vmCount];
        vmWorkingSet = new double[vmCount];
        vmResident = new double[vmCount];
        vmPolicy = new String[vmCount];
        vmAffinity = new int[vmCount];
        vmAnti = new int[vmCount];
        vmLastMigrated = new long[vmCount];
        vmLastSource = new int[vmCount];
        vmModes = new int[vmCount];
        vmCpuHistory = new double[vmCount][];
        vmIndex = new HashMap<>(vmCount * 2);
        Map<String, Integer> groups = new HashMap<>();
        hostVmStart = new int[hostCount + 1];
        for (int v = 0; v < vmCount; v++) {
            VmSpec s = vms.get(v);
            if (vmIndex.put(s.name(), v) != null) {
                throw new IllegalArgumentException("duplicate VM " + s.name());
            }
            Integer h = hostIndex.get(s.host());
            if (h == null) {
                throw new IllegalArgumentException("VM " + s.name() + " is on unknown host " + s.host());
            }
            vmNames[v] = s.name();
            vmHost[v] = h;
            vmCpu[v] = s.cpuCores();
            vmMem[v] = s.memoryBytes();
            vmDisk[v] = s.diskBytesPerSecond();
            vmNet[v] = s.networkBytesPerSecond();
            vmDirty[v] = s.dirtyRateBytesPerSecond();
            vmWorkingSet[v] = s.workingSetBytes();
            vmResident[v] = s.residentBytes();
            vmPolicy[v] = s.migrationPolicy();
            vmAffinity[v] = group(groups, "a:", s.affinityGroup());
            vmAnti[v] = group(groups, "x:", s.antiAffinityGroup());
            vmLastMigrated[v] = s.lastMigratedAt() == null ? NEVER : s.lastMigratedAt().toEpochMilli();
            Integer src = s.lastMigratedFrom() == null ? null : hostIndex.get(s.lastMigratedFrom());
            vmLastSource[v] = src == null ? -1 : src;
            int modes = 0;
            for (MigrationMode m : s.allowedModes()) {
                modes |= MigrationMode.bit(m);
            }
            vmModes[v] = modes;
            vmCpuHistory[v] = s.cpuHistory();
            memReserved[h] += s.memoryBytes();
            hostVmStart[h + 1]++;
        }
        for (int h = 0; h < hostCount; h++) {
            hostVmStart[h + 1] += hostVmStart[h];
        }
        hostVms = new int[vmCount];
        int[] next = hostVmStart.clone();
        for (int v = 0; v < vmCount; v++) {
            hostVms[next[vmHost[v]]++] = v;
        }
    }

    private static int group(Map<String, Integer> groups, String kind, String name) {
        if (name == null || name.isBlank()) {
            return -1;
        }
        return groups.computeIfAbsent(kind + name, k -> groups.size());
    }

    public static Builder builder(Instant at, Duration sampleInterval) {
        return new Builder(at, sampleInterval);
    }

    public Instant at() {
        return at;
    }

    public Duration sampleInterval() {
        return sampleInterval;
    }

    public int hostCount() {
        return hostCount;
    }

    public int vmCount() {
        return vmCount;
    }

    public String hostName(int h) {
        return hostNames[h];
    }

    public String vmName(int v) {
        return vmNames[v];
    }

    /** Host number for a name, or -1. */
    public int hostIndex(String name) {
        Integer h = hostIndex.get(name);
        return h == null ? -1 : h;
    }

    /** VM number for a name, or -1. */
    public int vmIndex(String name) {
        Integer v = vmIndex.get(name);
        return v == null ? -1 : v;
    }

    public int hostOf(int vm) {
        return vmHost[vm];
    }

    /** What the cost model needs to know of the VM's memory. */
    MigrationCostModel.Guest guest(int vm) {
        return new MigrationCostModel.Guest(vmMem[vm], vmDirty[vm], vmWorkingSet[vm], vmResident[vm]);
    }

    /** The VM's own migration policy, or null for the fleet's default. */
    public String policyOf(int vm) {
        return vmPolicy[vm];
    }

    public String clusterOf(int host) {
        return clusterNames[hostCluster[host]];
    }

    public HostState stateOf(int host) {
        return hostState[host];
    }

    public int vmCountOn(int host) {
        return hostVmStart[host + 1] - hostVmStart[host];
    }

    /** The current seed 003 load index of a host, from the measured fractions. */
    public double loadIndex(int host) {
        return loadIndexOf(host, cpuUsed[host], diskUsed[host], netUsed[host]);
    }

    double loadIndexOf(int h, double cpu, double disk, double net) {
        return LoadIndex.of(cpu / cpuCap[h], memUtil[h],
                diskCap[h] > 0 ? disk / diskCap[h] : 0, netCap[h] > 0 ? net / netCap[h] : 0);
    }

    /** Collects specs; the order of addition is the host/VM numbering. */
    public static final class Builder {
        private final Instant at;
        private final Duration sampleInterval;
        private final List<HostSpec> hosts = new ArrayList<>();
        private final List<VmSpec> vms = new ArrayList<>();

        private Builder(Instant at, Duration sampleInterval) {
            this.at = Objects.requireNonNull(at, "at");
            this.sampleInterval = Objects.requireNonNull(sampleInterval, "sampleInterval");
            if (sampleInterval.isNegative() || sampleInterval.isZero()) {
                throw new IllegalArgumentException("sampleInterval must be positive");
            }
        }

        public Builder host(HostSpec h) {
            hosts.add(Objects.requireNonNull(h));
            return this;
        }

        public Builder vm(VmSpec v) {
            vms.add(Objects.requireNonNull(v));
            return this;
        }

        public Builder hosts(List<HostSpec> all) {
            all.forEach(this::host);
            return this;
        }

        public Builder vms(List<VmSpec> all) {
            all.forEach(this::vm);
            return this;
        }

        public FleetSnapshot build() {
            return new FleetSnapshot(this);
        }
    }
}
