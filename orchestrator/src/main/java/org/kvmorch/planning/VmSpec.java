package org.kvmorch.planning;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * One VM as the planner sees it. Demands are absolute: CPU in cores, memory in bytes (the whole
 * guest RAM has to fit on the destination), disk and network in bytes per second.
 *
 * @param affinityGroup VMs sharing it must stay together (null: none)
 * @param antiAffinityGroup VMs sharing it must be on different hosts (null: none)
 * @param lastMigratedAt end of the VM's last migration (null: never), for the cool-down
 * @param lastMigratedFrom the host that last migration left (null: unknown), so no plan moves it
 *        straight back
 * @param cpuHistory CPU demand in cores, oldest first, aligned with the hosts' histories (may be
 *        empty; only the local-regression detector uses it)
 * @param residentBytes the memory the host holds for it, as polled (0: not reported), which auto's
 *        predicted cost uses
 * @param migrationPolicy the VM's own migration policy, which its move's predicted cost assumes (null:
 *        the fleet's default)
 */
public record VmSpec(
        String name,
        String host,
        double cpuCores,
        long memoryBytes,
        double diskBytesPerSecond,
        double networkBytesPerSecond,
        double dirtyRateBytesPerSecond,
        long workingSetBytes,
        long residentBytes,
        String affinityGroup,
        String antiAffinityGroup,
        Instant lastMigratedAt,
        String lastMigratedFrom,
        Set<MigrationMode> allowedModes,
        double[] cpuHistory,
        String migrationPolicy) {

    public VmSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(host, "host");
        if (!(cpuCores >= 0) || memoryBytes < 0 || diskBytesPerSecond < 0 || networkBytesPerSecond < 0
                || dirtyRateBytesPerSecond < 0 || workingSetBytes < 0 || residentBytes < 0) {
            throw new IllegalArgumentException(name + ": demands must be >= 0");
        }
        allowedModes = allowedModes == null ? EnumSet.allOf(MigrationMode.class) : Set.copyOf(allowedModes);
        cpuHistory = cpuHistory == null ? new double[0] : cpuHistory;
    }

    public static VmSpec of(String name, String host, double cpuCores, long memoryBytes) {
        return new VmSpec(name, host, cpuCores, memoryBytes, 0, 0, 0, 0, 0, null, null, null, null, null, null, null);
    }

    public VmSpec withGroups(String affinity, String antiAffinity) {
        return new VmSpec(name, host, cpuCores, memoryBytes, diskBytesPerSecond, networkBytesPerSecond,
                dirtyRateBytesPerSecond, workingSetBytes, residentBytes, affinity, antiAffinity, lastMigratedAt,
                lastMigratedFrom, allowedModes, cpuHistory, migrationPolicy);
    }

    public VmSpec withLastMigration(Instant at, String from) {
        return new VmSpec(name, host, cpuCores, memoryBytes, diskBytesPerSecond, networkBytesPerSecond,
                dirtyRateBytesPerSecond, workingSetBytes, residentBytes, affinityGroup, antiAffinityGroup, at, from,
                allowedModes, cpuHistory, migrationPolicy);
    }

    public VmSpec withDirtying(double dirtyRateBps, long workingSet) {
        return new VmSpec(name, host, cpuCores, memoryBytes, diskBytesPerSecond, networkBytesPerSecond,
                dirtyRateBps, workingSet, residentBytes, affinityGroup, antiAffinityGroup, lastMigratedAt,
                lastMigratedFrom, allowedModes, cpuHistory, migrationPolicy);
    }

    public VmSpec withResident(long resident) {
        return new VmSpec(name, host, cpuCores, memoryBytes, diskBytesPerSecond, networkBytesPerSecond,
                dirtyRateBytesPerSecond, workingSetBytes, resident, affinityGroup, antiAffinityGroup, lastMigratedAt,
                lastMigratedFrom, allowedModes, cpuHistory, migrationPolicy);
    }

    public VmSpec withIo(double diskBps, double networkBps) {
        return new VmSpec(name, host, cpuCores, memoryBytes, diskBps, networkBps, dirtyRateBytesPerSecond,
                workingSetBytes, residentBytes, affinityGroup, antiAffinityGroup, lastMigratedAt, lastMigratedFrom,
                allowedModes, cpuHistory, migrationPolicy);
    }

    public VmSpec withModes(Set<MigrationMode> modes) {
        return new VmSpec(name, host, cpuCores, memoryBytes, diskBytesPerSecond, networkBytesPerSecond,
                dirtyRateBytesPerSecond, workingSetBytes, residentBytes, affinityGroup, antiAffinityGroup,
                lastMigratedAt, lastMigratedFrom, modes, cpuHistory, migrationPolicy);
    }

    public VmSpec withPolicy(String policy) {
        return new VmSpec(name, host, cpuCores, memoryBytes, diskBytesPerSecond, networkBytesPerSecond,
                dirtyRateBytesPerSecond, workingSetBytes, residentBytes, affinityGroup, antiAffinityGroup,
                lastMigratedAt, lastMigratedFrom, allowedModes, cpuHistory, policy);
    }

    public VmSpec withCpuHistory(double[] history) {
        return new VmSpec(name, host, cpuCores, memoryBytes, diskBytesPerSecond, networkBytesPerSecond,
                dirtyRateBytesPerSecond, workingSetBytes, residentBytes, affinityGroup, antiAffinityGroup,
                lastMigratedAt, lastMigratedFrom, allowedModes, history, migrationPolicy);
    }
}
