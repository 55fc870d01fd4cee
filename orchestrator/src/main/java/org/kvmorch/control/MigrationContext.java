package org.kvmorch.control;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What a policy knows about the migration it controls before it starts: the VM's size, the modes
 * the operator allows for it, its downtime ceiling, the link bandwidth, and an optional deadline.
 *
 * @param maxDowntime        the most downtime the VM may take; policies start at or below it
 * @param bandwidthBytesPerSecond the migration bandwidth to request (0 = unlimited)
 * @param deadline           total time after which the policy must finish or give up
 */
public record MigrationContext(
        long memoryBytes,
        boolean postcopyAllowed,
        boolean autoConvergeAllowed,
        Duration maxDowntime,
        long bandwidthBytesPerSecond,
        Optional<Duration> deadline) {

    public MigrationContext {
        if (memoryBytes <= 0) {
            throw new IllegalArgumentException("memoryBytes must be positive");
        }
        Objects.requireNonNull(maxDowntime, "maxDowntime");
        Objects.requireNonNull(deadline, "deadline");
    }

    public static MigrationContext defaults(long memoryBytes) {
        return new MigrationContext(memoryBytes, true, true, Duration.ofMillis(300), 0, Optional.empty());
    }

    public double memoryGib() {
        return memoryBytes / (double) (1L << 30);
    }
}
