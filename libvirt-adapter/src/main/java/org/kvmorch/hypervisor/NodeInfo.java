package org.kvmorch.hypervisor;

/**
 * Static facts of a host. Disk and network capacities are configured per host (libvirt does not
 * know them) and turn byte counters into utilization fractions.
 */
public record NodeInfo(
        String uuid,
        int cpus,
        long cpuMhz,
        long memoryBytes,
        long diskBytesPerSecond,
        long networkBytesPerSecond) {
}
