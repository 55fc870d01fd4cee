package org.kvmorch.hypervisor.sim;

import org.kvmorch.hypervisor.DomainState;
import org.kvmorch.hypervisor.DomainStatus;

/** The libvirt state reasons the simulator reports (virDomainRunningReason / PausedReason). */
final class DomainReasons {

    static final DomainStatus BOOTED = new DomainStatus(DomainState.RUNNING, "booted");
    static final DomainStatus MIGRATED = new DomainStatus(DomainState.RUNNING, "migrated");
    static final DomainStatus MIGRATION_CANCELED = new DomainStatus(DomainState.RUNNING, "migration-canceled");
    static final DomainStatus RUNNING_POSTCOPY = new DomainStatus(DomainState.RUNNING, "postcopy");
    static final DomainStatus RUNNING_POSTCOPY_FAILED = new DomainStatus(DomainState.RUNNING, "postcopy-failed");
    static final DomainStatus PAUSED_MIGRATION = new DomainStatus(DomainState.PAUSED, "migration");
    static final DomainStatus PAUSED_POSTCOPY = new DomainStatus(DomainState.PAUSED, "postcopy");
    static final DomainStatus PAUSED_POSTCOPY_FAILED = new DomainStatus(DomainState.PAUSED, "postcopy-failed");
    static final DomainStatus SHUTOFF_MIGRATED = new DomainStatus(DomainState.SHUTOFF, "migrated");

    private DomainReasons() {
    }
}
