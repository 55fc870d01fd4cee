package org.kvmorch.control;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.kvmorch.hypervisor.Host;

/**
 * What a policy knows about the migration it controls before it starts: the VM's size, the modes
 * the operator allows for it, its downtime ceiling, the link bandwidth, and an optional deadline.
 *
 * @param maxDowntime        the most downtime the VM may take; policies start at or below it
 * @param bandwidthBytesPerSecond the migration bandwidth to request (0 = unlimited)
 * @param deadline           total time after which the policy must finish or give up
 * @param storagePathShared  both hosts have a second path (shared storage) that the bulk pass can
 *                           take ({@link org.kvmorch.hypervisor.MigrationFlag#BULK_OVER_STORAGE_PATH})
 * @param guestWrites        what the fleet poller last saw the guest write, where the hypervisor measures it
 */
public record MigrationContext(
        long memoryBytes,
        boolean postcopyAllowed,
        boolean autoConvergeAllowed,
        Duration maxDowntime,
        long bandwidthBytesPerSecond,
        Optional<Duration> deadline,
        boolean storagePathShared,
        GuestWrites guestWrites) {

    /**
     * The guest's page-write rate, the working set it writes, and the memory holding its data (the
     * host's resident set), as last polled; 0 = not measured (real libvirt hosts measure the rate,
     * QEMU's page sampling, and the resident set, but not the working set).
     */
    public record GuestWrites(long bytesPerSecond, long workingSetBytes, long residentBytes) {
        public static final GuestWrites UNKNOWN = new GuestWrites(0, 0, 0);

        public GuestWrites {
            if (bytesPerSecond < 0 || workingSetBytes < 0 || residentBytes < 0) {
                throw new IllegalArgumentException("guest write rate, working set and resident set must not be negative");
            }
        }

        /** Without the resident set. */
        public GuestWrites(long bytesPerSecond, long workingSetBytes) {
            this(bytesPerSecond, workingSetBytes, 0);
        }

        /** Both measured: the rate bounds what the guest can dirty, the working set where (and holds data). */
        public boolean known() {
            return bytesPerSecond > 0 && workingSetBytes > 0;
        }
    }

    public MigrationContext {
        if (memoryBytes <= 0) {
            throw new IllegalArgumentException("memoryBytes must be positive");
        }
        Objects.requireNonNull(maxDowntime, "maxDowntime");
        Objects.requireNonNull(deadline, "deadline");
        Objects.requireNonNull(guestWrites, "guestWrites");
    }

    /** Not knowing what the guest writes. */
    public MigrationContext(long memoryBytes, boolean postcopyAllowed, boolean autoConvergeAllowed,
            Duration maxDowntime, long bandwidthBytesPerSecond, Optional<Duration> deadline,
            boolean storagePathShared) {
        this(memoryBytes, postcopyAllowed, autoConvergeAllowed, maxDowntime, bandwidthBytesPerSecond, deadline,
                storagePathShared, GuestWrites.UNKNOWN);
    }

    /** Without a storage path (the common case: most hosts have none). */
    public MigrationContext(long memoryBytes, boolean postcopyAllowed, boolean autoConvergeAllowed,
            Duration maxDowntime, long bandwidthBytesPerSecond, Optional<Duration> deadline) {
        this(memoryBytes, postcopyAllowed, autoConvergeAllowed, maxDowntime, bandwidthBytesPerSecond, deadline,
                false);
    }

    public static MigrationContext defaults(long memoryBytes) {
        return new MigrationContext(memoryBytes, true, true, Duration.ofMillis(300), 0, Optional.empty());
    }

    public MigrationContext withStoragePathShared(boolean shared) {
        return new MigrationContext(memoryBytes, postcopyAllowed, autoConvergeAllowed, maxDowntime,
                bandwidthBytesPerSecond, deadline, shared, guestWrites);
    }

    public MigrationContext withGuestWrites(GuestWrites writes) {
        return new MigrationContext(memoryBytes, postcopyAllowed, autoConvergeAllowed, maxDowntime,
                bandwidthBytesPerSecond, deadline, storagePathShared, writes);
    }

    /** The same context, knowing whether both hosts have a storage path ({@link Host#hasStoragePath()}). */
    public MigrationContext between(Host source, Host destination) {
        return withStoragePathShared(source.hasStoragePath() && destination.hasStoragePath());
    }

    public double memoryGib() {
        return memoryBytes / (double) (1L << 30);
    }
}
