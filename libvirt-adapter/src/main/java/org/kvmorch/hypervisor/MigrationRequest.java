package org.kvmorch.hypervisor;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * How to start a migration, in libvirt's terms (virDomainMigrateToURI3 flags and typed
 * parameters). {@code bandwidthBytesPerSecond} 0 means unlimited.
 */
public record MigrationRequest(
        MigrationMode mode,
        Set<MigrationFlag> flags,
        Duration maxDowntime,
        long bandwidthBytesPerSecond,
        int autoConvergeInitialPercent,
        int autoConvergeIncrementPercent,
        int parallelConnections,
        Optional<String> migrationUri) {

    public MigrationRequest {
        Objects.requireNonNull(mode, "mode");
        flags = Set.copyOf(flags);
        Objects.requireNonNull(maxDowntime, "maxDowntime");
        if (maxDowntime.isNegative() || maxDowntime.isZero()) {
            throw new IllegalArgumentException("maxDowntime must be positive, was " + maxDowntime);
        }
        if (bandwidthBytesPerSecond < 0) {
            throw new IllegalArgumentException("bandwidthBytesPerSecond must be >= 0 (0 = unlimited)");
        }
        if (autoConvergeInitialPercent < 1 || autoConvergeInitialPercent > 99
                || autoConvergeIncrementPercent < 1 || autoConvergeIncrementPercent > 99) {
            throw new IllegalArgumentException("auto-converge percentages must lie in 1..99");
        }
        if (parallelConnections < 1) {
            throw new IllegalArgumentException("parallelConnections must be >= 1");
        }
        Objects.requireNonNull(migrationUri, "migrationUri");
    }

    /** A live peer-to-peer migration with QEMU's defaults and post-copy kept possible. */
    public static MigrationRequest live() {
        return new MigrationRequest(MigrationMode.LIVE,
                Set.of(MigrationFlag.PEER2PEER, MigrationFlag.PERSIST_DEST, MigrationFlag.UNDEFINE_SOURCE,
                        MigrationFlag.ABORT_ON_ERROR, MigrationFlag.POSTCOPY),
                Duration.ofMillis(300), 0, 20, 10, 1, Optional.empty());
    }

    public boolean has(MigrationFlag flag) {
        return flags.contains(flag);
    }

    public MigrationRequest withFlags(Set<MigrationFlag> newFlags) {
        return new MigrationRequest(mode, newFlags, maxDowntime, bandwidthBytesPerSecond,
                autoConvergeInitialPercent, autoConvergeIncrementPercent, parallelConnections, migrationUri);
    }

    /** The same request with one more flag (itself if the flag is already set). */
    public MigrationRequest withFlag(MigrationFlag flag) {
        if (has(flag)) {
            return this;
        }
        Set<MigrationFlag> more = EnumSet.of(flag);
        more.addAll(flags);
        return withFlags(more);
    }

    public MigrationRequest withMode(MigrationMode newMode) {
        return new MigrationRequest(newMode, flags, maxDowntime, bandwidthBytesPerSecond,
                autoConvergeInitialPercent, autoConvergeIncrementPercent, parallelConnections, migrationUri);
    }

    public MigrationRequest withMaxDowntime(Duration newMaxDowntime) {
        return new MigrationRequest(mode, flags, newMaxDowntime, bandwidthBytesPerSecond,
                autoConvergeInitialPercent, autoConvergeIncrementPercent, parallelConnections, migrationUri);
    }

    public MigrationRequest withBandwidth(long newBandwidthBytesPerSecond) {
        return new MigrationRequest(mode, flags, maxDowntime, newBandwidthBytesPerSecond,
                autoConvergeInitialPercent, autoConvergeIncrementPercent, parallelConnections, migrationUri);
    }
}
