package org.kvmorch.hypervisor;

/** Fractions in [0, 1] of each resource a host had in use over the last interval. */
public record HostUtilization(double cpu, double memory, double disk, double network) {

    public HostUtilization {
        Fractions.check("cpu", cpu);
        Fractions.check("memory", memory);
        Fractions.check("disk", disk);
        Fractions.check("network", network);
    }
}
