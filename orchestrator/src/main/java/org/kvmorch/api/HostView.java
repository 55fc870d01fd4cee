package org.kvmorch.api;

import java.time.Instant;
import java.util.List;

/** A host as operators see it over the API. */
public record HostView(
        String name,
        String cluster,
        String state,
        double loadIndex,
        boolean overloaded,
        Instant overloadedSince,
        long vmCount,
        int cpus,
        long memoryBytes,
        Utilization utilization,
        Instant lastSeenAt,
        /* The VMs on this host; only in GET /hosts/{name}. */
        List<String> vms) {

    public record Utilization(double cpu, double memory, double disk, double network) {
    }
}
