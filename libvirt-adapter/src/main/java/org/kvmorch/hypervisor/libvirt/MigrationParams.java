package org.kvmorch.hypervisor.libvirt;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.kvmorch.hypervisor.MigrationFlag;
import org.kvmorch.hypervisor.MigrationRejectedException;
import org.kvmorch.hypervisor.MigrationMode;
import org.kvmorch.hypervisor.MigrationRejectedException;
import org.kvmorch.hypervisor.MigrationRequest;

/** A {@link MigrationRequest} in virDomainMigrateToURI3 terms: flag bits and typed parameters. */
record MigrationParams(int flags, List<TypedParams.Param> params) {

    // virDomainMigrateFlags
    static final int LIVE = 1;
    static final int PEER2PEER = 1 << 1;
    static final int PERSIST_DEST = 1 << 3;
    static final int UNDEFINE_SOURCE = 1 << 4;
    static final int COMPRESSED = 1 << 11;
    static final int ABORT_ON_ERROR = 1 << 12;
    static final int AUTO_CONVERGE = 1 << 13;
    static final int POSTCOPY = 1 << 15;
    static final int TLS = 1 << 16;
    static final int PARALLEL = 1 << 17;
    static final int POSTCOPY_RESUME = 1 << 19;

    static final long MIB = 1024 * 1024;

    /**
     * @param fallbackMigrationUri the destination host's configured migration network, used when the
     *                             request names none
     */
    static MigrationParams of(MigrationRequest request, Optional<String> fallbackMigrationUri) {
        int flags = request.mode() == MigrationMode.LIVE ? LIVE : 0;
        for (MigrationFlag f : request.flags()) {
            flags |= bit(f);
        }
        List<TypedParams.Param> params = new ArrayList<>();
        request.migrationUri().or(() -> fallbackMigrationUri)
                .ifPresent(uri -> params.add(TypedParams.Param.string("migrate_uri", uri)));
        if (request.bandwidthBytesPerSecond() > 0) {
            params.add(TypedParams.Param.ulong("bandwidth", mibPerSecond(request.bandwidthBytesPerSecond())));
        }
        if (request.has(MigrationFlag.AUTO_CONVERGE)) {
            params.add(TypedParams.Param.integer("auto_converge.initial", request.autoConvergeInitialPercent()));
            params.add(TypedParams.Param.integer("auto_converge.increment", request.autoConvergeIncrementPercent()));
        }
        if (request.has(MigrationFlag.PARALLEL)) {
            params.add(TypedParams.Param.integer("parallel.connections", request.parallelConnections()));
        }
        return new MigrationParams(flags, List.copyOf(params));
    }

    /** The same call again with VIR_MIGRATE_POSTCOPY_RESUME, as libvirt requires for recovery. */
    MigrationParams forResume() {
        return new MigrationParams(flags | POSTCOPY_RESUME | POSTCOPY, params);
    }

    boolean peerToPeer() {
        return (flags & PEER2PEER) != 0;
    }

    static int bit(MigrationFlag flag) {
        return switch (flag) {
            case PEER2PEER -> PEER2PEER;
            case PERSIST_DEST -> PERSIST_DEST;
            case UNDEFINE_SOURCE -> UNDEFINE_SOURCE;
            case ABORT_ON_ERROR -> ABORT_ON_ERROR;
            case POSTCOPY -> POSTCOPY;
            case AUTO_CONVERGE -> AUTO_CONVERGE;
            case COMPRESSED -> COMPRESSED;
            case PARALLEL -> PARALLEL;
            case TLS -> TLS;
            case BULK_OVER_STORAGE_PATH -> throw new MigrationRejectedException(
                    "libvirt cannot send the bulk pass over a storage path (simulator only)");
        };
    }

    /** libvirt takes MiB/s; round up so that a small limit never becomes "unlimited" (0). */
    static long mibPerSecond(long bytesPerSecond) {
        return (bytesPerSecond + MIB - 1) / MIB;
    }
}
