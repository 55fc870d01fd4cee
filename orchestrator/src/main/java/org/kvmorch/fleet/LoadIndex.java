package org.kvmorch.fleet;

import org.kvmorch.hypervisor.HostUtilization;

/**
 * Seed 003's load index {@code 1/((1-cpu)(1-mem)(1-disk)(1-net))}: 1 for an idle host, 16 with
 * every resource at half. Each fraction is clamped to {@value #MAX_FRACTION} so a saturated
 * resource gives a large finite index (1,000 per saturated resource) instead of a division by zero.
 */
public final class LoadIndex {

    static final double MAX_FRACTION = 0.999;

    private LoadIndex() {
    }

    public static double of(double cpu, double memory, double disk, double network) {
        return 1.0 / ((1 - clamp(cpu)) * (1 - clamp(memory)) * (1 - clamp(disk)) * (1 - clamp(network)));
    }

    public static double of(HostUtilization u) {
        return of(u.cpu(), u.memory(), u.disk(), u.network());
    }

    private static double clamp(double fraction) {
        if (Double.isNaN(fraction)) {
            throw new IllegalArgumentException("utilization fraction is NaN");
        }
        return Math.max(0.0, Math.min(MAX_FRACTION, fraction));
    }
}
