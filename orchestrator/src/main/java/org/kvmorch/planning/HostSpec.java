package org.kvmorch.planning;

import java.time.Instant;
import java.util.Objects;

/**
 * One host as the planner sees it. Capacities are absolute (cores, bytes, bytes per second);
 * utilizations are measured fractions in [0, 1], except CPU, which is demand over capacity and may
 * exceed 1 when the VMs ask for more than the host has (the excess is what overload costs). Histories are oldest first, one sample per the
 * snapshot's sample interval. A max concurrent count of 0 means "no limit".
 *
 * @param maxVmCpuCores the largest single-VM CPU demand this host can serve (CloudSim's PE
 *        capacity rule); use {@code cpuCores} when there is no such limit
 * @param cpuHistory CPU utilization fractions, oldest first (may be empty)
 * @param loadIndexHistory seed 003 load index samples, oldest first (may be empty)
 * @param overloadedSince start of the current streak above the load-index threshold, as kept by
 *        {@code OverloadTracker}; null when not above
 */
public record HostSpec(
        String name,
        String cluster,
        HostState state,
        double cpuCores,
        double maxVmCpuCores,
        long memoryBytes,
        double diskBytesPerSecond,
        double networkBytesPerSecond,
        int maxOutgoingMigrations,
        int maxIncomingMigrations,
        double cpuUtilization,
        double memoryUtilization,
        double diskUtilization,
        double networkUtilization,
        double[] cpuHistory,
        double[] loadIndexHistory,
        Instant overloadedSince,
        PowerModel powerModel) {

    public HostSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(state, "state");
        if (!(cpuCores > 0) || !(maxVmCpuCores > 0) || memoryBytes <= 0) {
            throw new IllegalArgumentException(name + ": cpu and memory capacity must be positive");
        }
        if (diskBytesPerSecond < 0 || networkBytesPerSecond < 0) {
            throw new IllegalArgumentException(name + ": disk/network capacity must be >= 0 (0 = not tracked)");
        }
        if (maxOutgoingMigrations < 0 || maxIncomingMigrations < 0) {
            throw new IllegalArgumentException(name + ": migration limits must be >= 0");
        }
        if (!(cpuUtilization >= 0)) {
            throw new IllegalArgumentException(name + ": cpuUtilization must be >= 0, got " + cpuUtilization);
        }
        requireFraction(name, "memoryUtilization", memoryUtilization);
        requireFraction(name, "diskUtilization", diskUtilization);
        requireFraction(name, "networkUtilization", networkUtilization);
        cpuHistory = cpuHistory == null ? new double[0] : cpuHistory;
        loadIndexHistory = loadIndexHistory == null ? new double[0] : loadIndexHistory;
    }

    /** A host with the given capacities, idle, active, no limits, no history. */
    public static HostSpec of(String name, String cluster, double cpuCores, long memoryBytes) {
        return new HostSpec(name, cluster, HostState.ACTIVE, cpuCores, cpuCores, memoryBytes, 0, 0, 0, 0,
                0, 0, 0, 0, null, null, null, null);
    }

    public HostSpec withState(HostState s) {
        return new HostSpec(name, cluster, s, cpuCores, maxVmCpuCores, memoryBytes, diskBytesPerSecond,
                networkBytesPerSecond, maxOutgoingMigrations, maxIncomingMigrations, cpuUtilization,
                memoryUtilization, diskUtilization, networkUtilization, cpuHistory, loadIndexHistory,
                overloadedSince, powerModel);
    }

    public HostSpec withUtilization(double cpu, double memory, double disk, double network) {
        return new HostSpec(name, cluster, state, cpuCores, maxVmCpuCores, memoryBytes, diskBytesPerSecond,
                networkBytesPerSecond, maxOutgoingMigrations, maxIncomingMigrations, cpu, memory, disk, network,
                cpuHistory, loadIndexHistory, overloadedSince, powerModel);
    }

    public HostSpec withIo(double diskBps, double networkBps) {
        return new HostSpec(name, cluster, state, cpuCores, maxVmCpuCores, memoryBytes, diskBps, networkBps,
                maxOutgoingMigrations, maxIncomingMigrations, cpuUtilization, memoryUtilization, diskUtilization,
                networkUtilization, cpuHistory, loadIndexHistory, overloadedSince, powerModel);
    }

    public HostSpec withLimits(int maxOutgoing, int maxIncoming) {
        return new HostSpec(name, cluster, state, cpuCores, maxVmCpuCores, memoryBytes, diskBytesPerSecond,
                networkBytesPerSecond, maxOutgoing, maxIncoming, cpuUtilization, memoryUtilization, diskUtilization,
                networkUtilization, cpuHistory, loadIndexHistory, overloadedSince, powerModel);
    }

    public HostSpec withHistory(double[] cpu, double[] loadIndex, Instant since) {
        return new HostSpec(name, cluster, state, cpuCores, maxVmCpuCores, memoryBytes, diskBytesPerSecond,
                networkBytesPerSecond, maxOutgoingMigrations, maxIncomingMigrations, cpuUtilization,
                memoryUtilization, diskUtilization, networkUtilization, cpu, loadIndex, since, powerModel);
    }

    public HostSpec withPower(PowerModel model, double maxVmCpu) {
        return new HostSpec(name, cluster, state, cpuCores, maxVmCpu, memoryBytes, diskBytesPerSecond,
                networkBytesPerSecond, maxOutgoingMigrations, maxIncomingMigrations, cpuUtilization,
                memoryUtilization, diskUtilization, networkUtilization, cpuHistory, loadIndexHistory,
                overloadedSince, model);
    }

    private static void requireFraction(String host, String field, double v) {
        if (!(v >= 0 && v <= 1)) {
            throw new IllegalArgumentException(host + ": " + field + " must be in [0,1], got " + v);
        }
    }
}
