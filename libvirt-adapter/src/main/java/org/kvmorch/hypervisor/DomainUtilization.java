package org.kvmorch.hypervisor;

import java.util.OptionalLong;

/**
 * One domain's use of its host. {@code cpu} is the fraction of the host's CPU capacity, memory
 * the fraction of the host's memory; the dirty rate is known only where the hypervisor measures it.
 * {@code residentBytes}: the memory the host holds for the domain, where the hypervisor tells it: the
 * guest pages it has touched (what a migration must carry at least once) plus, on libvirt, QEMU's own
 * (lab: 206 MiB for a 128 MiB guest under TCG), so above the guest's data there.
 */
public record DomainUtilization(
        double cpu,
        double memory,
        double disk,
        double network,
        OptionalLong dirtyRateBytesPerSecond,
        OptionalLong workingSetBytes,
        OptionalLong residentBytes) {

    public DomainUtilization {
        Fractions.check("cpu", cpu);
        Fractions.check("memory", memory);
        Fractions.check("disk", disk);
        Fractions.check("network", network);
    }
}
