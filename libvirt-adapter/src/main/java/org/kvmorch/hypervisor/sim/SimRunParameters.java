package org.kvmorch.hypervisor.sim;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import org.kvmorch.hypervisor.MigrationFlag;
import org.kvmorch.hypervisor.MigrationMode;

/**
 * One simulated migration between two hosts, as the command line and the benchmarks describe it.
 *
 * @param memoryMib guest memory
 * @param bandwidthMibps the migration link's capacity (the request itself is unlimited)
 * @param workload what the guest runs
 * @param downtimeMs the downtime limit
 * @param stopRule QEMU's rule or Clark's round-end rule
 * @param deviceStateKib CPU and device state sent while the guest is stopped
 * @param timeLimitSeconds virtual time after which a migration still in pre-copy is aborted and
 *     reported NOT_CONVERGED; 0 = none
 * @param seed random seed of the workload
 * @param storagePathMibps capacity of a second (shared storage) path on both hosts; 0 = none
 * @param bulkOverStoragePath send the bulk pass over that path in parallel (seed 002)
 * @param mode LIVE or COLD
 * @param extraFlags flags besides live peer-to-peer with post-copy allowed (AUTO_CONVERGE,
 *     COMPRESSED, PARALLEL, TLS)
 * @param parallelConnections multifd channels when PARALLEL is set
 * @param latency one-way latency of each host's link
 */
public record SimRunParameters(
        long memoryMib,
        double bandwidthMibps,
        WorkloadSpec workload,
        long downtimeMs,
        StopRule stopRule,
        long deviceStateKib,
        long timeLimitSeconds,
        long seed,
        double storagePathMibps,
        boolean bulkOverStoragePath,
        MigrationMode mode,
        Set<MigrationFlag> extraFlags,
        int parallelConnections,
        Duration latency) {

    public SimRunParameters {
        Objects.requireNonNull(workload, "workload");
        Objects.requireNonNull(stopRule, "stopRule");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(latency, "latency");
        extraFlags = extraFlags.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(extraFlags));
        if (memoryMib < 1 || !(bandwidthMibps > 0) || downtimeMs < 1 || deviceStateKib < 0 || timeLimitSeconds < 0
                || storagePathMibps < 0 || parallelConnections < 1) {
            throw new IllegalArgumentException("invalid run parameters");
        }
        if (bulkOverStoragePath && !(storagePathMibps > 0)) {
            throw new IllegalArgumentException("bulk over the storage path needs storagePathMibps > 0");
        }
    }

    /** QEMU rule, 300 ms, 256 KiB device state, no time limit, seed 1, no storage path. */
    public static SimRunParameters of(long memoryMib, double bandwidthMibps, WorkloadSpec workload) {
        return new SimRunParameters(memoryMib, bandwidthMibps, workload, 300, StopRule.QEMU,
                VmSpec.DEFAULT_DEVICE_STATE_BYTES / Units.KIB, 0, 1, 0, false, MigrationMode.LIVE, Set.of(), 2,
                Duration.ofNanos(250_000));
    }

    public SimRunParameters withDowntimeMs(long v) {
        return new SimRunParameters(memoryMib, bandwidthMibps, workload, v, stopRule, deviceStateKib,
                timeLimitSeconds, seed, storagePathMibps, bulkOverStoragePath, mode, extraFlags, parallelConnections,
                latency);
    }

    public SimRunParameters withStopRule(StopRule v) {
        return new SimRunParameters(memoryMib, bandwidthMibps, workload, downtimeMs, v, deviceStateKib,
                timeLimitSeconds, seed, storagePathMibps, bulkOverStoragePath, mode, extraFlags, parallelConnections,
                latency);
    }

    public SimRunParameters withDeviceStateKib(long v) {
        return new SimRunParameters(memoryMib, bandwidthMibps, workload, downtimeMs, stopRule, v,
                timeLimitSeconds, seed, storagePathMibps, bulkOverStoragePath, mode, extraFlags, parallelConnections,
                latency);
    }

    public SimRunParameters withTimeLimitSeconds(long v) {
        return new SimRunParameters(memoryMib, bandwidthMibps, workload, downtimeMs, stopRule, deviceStateKib,
                v, seed, storagePathMibps, bulkOverStoragePath, mode, extraFlags, parallelConnections, latency);
    }

    public SimRunParameters withSeed(long v) {
        return new SimRunParameters(memoryMib, bandwidthMibps, workload, downtimeMs, stopRule, deviceStateKib,
                timeLimitSeconds, v, storagePathMibps, bulkOverStoragePath, mode, extraFlags, parallelConnections,
                latency);
    }

    public SimRunParameters withStoragePath(double mibps, boolean bulkOverIt) {
        return new SimRunParameters(memoryMib, bandwidthMibps, workload, downtimeMs, stopRule, deviceStateKib,
                timeLimitSeconds, seed, mibps, bulkOverIt, mode, extraFlags, parallelConnections, latency);
    }

    public SimRunParameters withMode(MigrationMode v) {
        return new SimRunParameters(memoryMib, bandwidthMibps, workload, downtimeMs, stopRule, deviceStateKib,
                timeLimitSeconds, seed, storagePathMibps, bulkOverStoragePath, v, extraFlags, parallelConnections,
                latency);
    }

    public SimRunParameters withExtraFlags(Set<MigrationFlag> v) {
        return new SimRunParameters(memoryMib, bandwidthMibps, workload, downtimeMs, stopRule, deviceStateKib,
                timeLimitSeconds, seed, storagePathMibps, bulkOverStoragePath, mode, v, parallelConnections, latency);
    }

    public SimRunParameters withLatency(Duration v) {
        return new SimRunParameters(memoryMib, bandwidthMibps, workload, downtimeMs, stopRule, deviceStateKib,
                timeLimitSeconds, seed, storagePathMibps, bulkOverStoragePath, mode, extraFlags, parallelConnections, v);
    }
}
