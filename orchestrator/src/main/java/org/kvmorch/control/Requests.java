package org.kvmorch.control;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.kvmorch.hypervisor.MigrationFlag;
import org.kvmorch.hypervisor.MigrationMode;
import org.kvmorch.hypervisor.MigrationRequest;

/** Builds the start requests policies share. */
final class Requests {

    private Requests() {
    }

    /** Live, peer-to-peer, persistent on the destination; post-copy kept possible where allowed. */
    static MigrationRequest live(MigrationContext ctx, Duration initialDowntime, MigrationFlag... extra) {
        Set<MigrationFlag> flags = EnumSet.of(MigrationFlag.PEER2PEER, MigrationFlag.PERSIST_DEST,
                MigrationFlag.UNDEFINE_SOURCE, MigrationFlag.ABORT_ON_ERROR);
        if (ctx.postcopyAllowed()) {
            flags.add(MigrationFlag.POSTCOPY);
        }
        flags.addAll(Set.of(extra));
        return new MigrationRequest(MigrationMode.LIVE, flags, initialDowntime, ctx.bandwidthBytesPerSecond(),
                20, 10, 1, Optional.empty());
    }

    static MigrationRequest live(MigrationContext ctx) {
        return live(ctx, ctx.maxDowntime());
    }
}
