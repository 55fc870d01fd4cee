package org.kvmorch.db;

/** ACTIVE takes VMs; MAINTENANCE takes none; DRAINING is being emptied; DOWN does not answer. */
public enum HostState {
    ACTIVE, MAINTENANCE, DRAINING, DOWN;

    public boolean acceptsNewVms() {
        return this == ACTIVE;
    }
}
