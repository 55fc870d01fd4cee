package org.kvmorch.planning;

/** Only ACTIVE hosts receive VMs; DRAINING hosts give all their VMs away; DOWN hosts are ignored. */
public enum HostState {
    ACTIVE, MAINTENANCE, DRAINING, DOWN
}
