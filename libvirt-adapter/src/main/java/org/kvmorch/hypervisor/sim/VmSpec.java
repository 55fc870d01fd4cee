package org.kvmorch.hypervisor.sim;

import java.util.Objects;
import java.util.OptionalDouble;

/**
 * A simulated guest. {@code cpuDemandCores} defaults to the workload's own demand;
 * {@code deviceStateBytes} (CPU and device state) crosses the link while the guest is stopped.
 */
public record VmSpec(
        String name,
        String host,
        int vcpus,
        long memoryBytes,
        WorkloadSpec workload,
        OptionalDouble cpuDemandCores,
        long diskBytesPerSecond,
        long networkBytesPerSecond,
        long deviceStateBytes) {

    /** 256 KiB: a small virtio guest; a switchover of a few ms as observed on real QEMU. */
    public static final long DEFAULT_DEVICE_STATE_BYTES = 256 * Units.KIB;

    public VmSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(workload, "workload");
        Objects.requireNonNull(cpuDemandCores, "cpuDemandCores");
        if (vcpus < 1 || memoryBytes < Units.PAGE_SIZE) {
            throw new IllegalArgumentException("vm " + name + ": vcpus and memory must be positive");
        }
        if (diskBytesPerSecond < 0 || networkBytesPerSecond < 0 || deviceStateBytes < 0) {
            throw new IllegalArgumentException("vm " + name + ": rates and device state must be >= 0");
        }
    }

    public static VmSpec of(String name, String host, int vcpus, long memoryBytes, WorkloadSpec workload) {
        return new VmSpec(name, host, vcpus, memoryBytes, workload, OptionalDouble.empty(), 0, 0,
                DEFAULT_DEVICE_STATE_BYTES);
    }

    public VmSpec withDeviceStateBytes(long bytes) {
        return new VmSpec(name, host, vcpus, memoryBytes, workload, cpuDemandCores, diskBytesPerSecond,
                networkBytesPerSecond, bytes);
    }

    public VmSpec withCpuDemandCores(double cores) {
        return new VmSpec(name, host, vcpus, memoryBytes, workload, OptionalDouble.of(cores), diskBytesPerSecond,
                networkBytesPerSecond, deviceStateBytes);
    }

    public VmSpec withIo(long diskBps, long networkBps) {
        return new VmSpec(name, host, vcpus, memoryBytes, workload, cpuDemandCores, diskBps, networkBps,
                deviceStateBytes);
    }
}
