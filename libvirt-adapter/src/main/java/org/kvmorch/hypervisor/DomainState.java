package org.kvmorch.hypervisor;

/** virDomainState. */
public enum DomainState {
    NOSTATE, RUNNING, BLOCKED, PAUSED, SHUTDOWN, SHUTOFF, CRASHED, PMSUSPENDED
}
