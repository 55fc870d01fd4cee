package org.kvmorch.fleet;

import java.time.Instant;
import java.util.OptionalLong;
import org.kvmorch.db.HostState;

/** The rules both poll writers apply to a row, kept in one place so the two cannot drift apart. */
final class FleetRules {

    private FleetRules() {
    }

    /** A measurement as its column holds it: null when the host did not report it. */
    static Long orNull(OptionalLong measured) {
        return measured.isPresent() ? measured.getAsLong() : null;
    }

    /** A reading taken before the VM's last recorded move must not move it back. */
    static boolean movedSince(Instant lastMigratedAt, Instant readingAt) {
        return lastMigratedAt != null && lastMigratedAt.isAfter(readingAt);
    }

    /**
     * Whether a host that did not answer is now marked DOWN. A host in MAINTENANCE is expected to go
     * away (operators reboot hosts in maintenance) and stays in MAINTENANCE; one still DRAINING stays
     * DRAINING (its drain's migrations fail and the drain reports why). Marked DOWN, either would come
     * back ACTIVE and take new VMs before the operator ends the maintenance. The silence shows in the
     * host's last-seen time.
     */
    static boolean markedDownWhenUnanswered(HostState state) {
        return state != HostState.DOWN && state != HostState.MAINTENANCE && state != HostState.DRAINING;
    }

    /** A host that answers is no longer DOWN; maintenance and draining stay as the operator set them. */
    static HostState stateWhenAnswered(HostState state) {
        return state == HostState.DOWN ? HostState.ACTIVE : state;
    }
}
