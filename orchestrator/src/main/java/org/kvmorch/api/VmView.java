package org.kvmorch.api;

import java.time.Instant;
import java.util.List;

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
        /* Memory the host holds for the VM (its resident set, QEMU's own included on libvirt), as last polled;
           null = not reported. */
        Long residentBytes,
        Instant lastMigratedAt,
        /* The VM's latest migrations, newest first; only in GET /vms/{name}. */
        List<Move> migrations) {

    public record Move(long id, String state, String source, String destination, String policy, Instant createdAt,
                       Instant finishedAt, Long downtimeMs) {
    }
}
