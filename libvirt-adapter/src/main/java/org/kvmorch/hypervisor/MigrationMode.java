package org.kvmorch.hypervisor;

/** LIVE keeps the guest running while memory is copied; COLD shuts it down, moves it, starts it. */
public enum MigrationMode {
    LIVE, COLD
}
