package org.kvmorch.hypervisor.libvirt;

import java.util.Objects;
import java.util.Optional;

/**
 * One libvirt host.
 *
 * @param uri          connection URI (qemu+tls://, qemu+ssh://, qemu+tcp://, qemu+unix:///system?socket=...);
 *                     also the peer-to-peer destination URI, so it must be reachable from the other hosts' daemons
 * @param migrationUri where migration data should go when this host is the destination (a migration
 *                     network, e.g. tcp://10.0.0.5); empty = libvirt's choice
 * @param diskBytesPerSecond    disk capacity that turns guests' block byte counters into a fraction
 * @param networkBytesPerSecond network capacity that turns guests' interface byte counters into a fraction
 */
public record LibvirtHostConfig(String name, String uri, Optional<String> migrationUri, long diskBytesPerSecond,
                                long networkBytesPerSecond) {

    public LibvirtHostConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(migrationUri, "migrationUri");
        if (diskBytesPerSecond < 0 || networkBytesPerSecond < 0) {
            throw new IllegalArgumentException("capacities must be >= 0");
        }
    }
}
