package org.kvmorch.hypervisor.libvirt;

import org.kvmorch.hypervisor.DomainState;
import org.kvmorch.hypervisor.DomainStatus;

/**
 * virDomainGetState's (state, reason) integers as the port's {@link DomainStatus}, with reasons
 * spelled as virsh spells them ("postcopy-failed", "migration-canceled"), like the simulator.
 */
final class DomainStates {

    private static final String[] RUNNING = {"unknown", "booted", "migrated", "restored", "from-snapshot",
        "unpaused", "migration-canceled", "save-canceled", "wakeup", "crashed", "postcopy", "postcopy-failed"};
    private static final String[] PAUSED = {"unknown", "user", "migration", "save", "dump", "ioerror", "watchdog",
        "from-snapshot", "shutdown", "snapshot", "panicked", "starting-up", "postcopy", "postcopy-failed",
        "api-error"};
    private static final String[] SHUTDOWN = {"unknown", "user"};
    private static final String[] SHUTOFF = {"unknown", "shutdown", "destroyed", "crashed", "migrated", "saved",
        "failed", "from-snapshot", "daemon"};
    private static final String[] CRASHED = {"unknown", "panicked"};

    private DomainStates() {
    }

    static DomainStatus of(int state, int reason) {
        DomainState s = state >= 0 && state < DomainState.values().length ? DomainState.values()[state]
                : DomainState.NOSTATE;
        String[] names = switch (s) {
            case RUNNING -> RUNNING;
            case PAUSED -> PAUSED;
            case SHUTDOWN -> SHUTDOWN;
            case SHUTOFF -> SHUTOFF;
            case CRASHED -> CRASHED;
            default -> new String[] {"unknown"};
        };
        String r = reason >= 0 && reason < names.length ? names[reason] : "reason-" + reason;
        return new DomainStatus(s, r);
    }

    static boolean isPostcopyPaused(DomainStatus status) {
        return "postcopy-failed".equals(status.reason())
                && (status.state() == DomainState.PAUSED || status.state() == DomainState.RUNNING);
    }
}
