package org.kvmorch.hypervisor.sim;

import java.util.Objects;
import java.util.Optional;

/**
 * A simulated host. {@code migrationLink} is its migration NIC (shared fairly by the migrations
 * leaving and entering it, one capacity per direction); {@code storagePath} is an optional second
 * path to shared storage (seed 002's 10 GbE SAN network) that a migration can use to move its bulk
 * pass in parallel (see {@link SimMigrationOptions#bulkOverStoragePath()}).
 */
public record HostSpec(
        String name,
        int cpus,
        long cpuMhz,
        long memoryBytes,
        long diskBytesPerSecond,
        LinkSpec migrationLink,
        Optional<LinkSpec> storagePath) {

    public HostSpec {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("host name must not be blank");
        }
        if (cpus < 1 || cpuMhz < 1 || memoryBytes < Units.PAGE_SIZE || diskBytesPerSecond < 1) {
            throw new IllegalArgumentException("host " + name + ": cpus, cpuMhz, memory and disk must be positive");
        }
        Objects.requireNonNull(migrationLink, "migrationLink");
        Objects.requireNonNull(storagePath, "storagePath");
    }

    /** A host with 2.3 GHz CPUs and a 500 MB/s disk, no storage path. */
    public static HostSpec of(String name, int cpus, long memoryBytes, LinkSpec migrationLink) {
        return new HostSpec(name, cpus, 2300, memoryBytes, 500L * Units.MIB, migrationLink, Optional.empty());
    }

    public HostSpec withStoragePath(LinkSpec path) {
        return new HostSpec(name, cpus, cpuMhz, memoryBytes, diskBytesPerSecond, migrationLink, Optional.of(path));
    }
}
