package org.kvmorch.hypervisor;

import java.util.OptionalLong;

/**
 * One domain's use of its host. {@code cpu} is the fraction of the host's CPU capacity, memory
 * the fraction of the host's memory; the dirty rate is known only where the hypervisor measures it.
 * {@code residentBytes}: guest memory the host holds pages for (the guest has written them: what a
 * migration must carry at least once), where the hypervisor tells it.
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
