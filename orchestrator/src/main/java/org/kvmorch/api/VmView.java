package org.kvmorch.api;

import java.time.Instant;

/** A VM as operators see it: where it runs, what it uses, how fast it dirties memory. */
public record VmView(
        String name,
        String host,
        String state,
        String stateReason,
        int vcpus,
        long memoryBytes,
        HostView.Utilization utilization,
        Long dirtyRateBytesPerSecond,
        Long workingSetBytes,
        Instant lastMigratedAt) {
}
