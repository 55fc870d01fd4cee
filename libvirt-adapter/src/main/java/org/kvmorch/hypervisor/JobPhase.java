package org.kvmorch.hypervisor;

/** Where a migration job stands. The last three are terminal. */
public enum JobPhase {
    SETUP,
    PRECOPY,
    /** Guest stopped on the source for the final copy (or, cold, shut off while it moves). */
    STOP_AND_COPY,
    POSTCOPY,
    /** Post-copy lost its link: source PAUSED/postcopy-failed, destination waits for resume. */
    POSTCOPY_PAUSED,
    COMPLETED,
    FAILED,
    CANCELLED;

    public boolean isTerminal() {
        return this == COMPLETED || this == FAILED || this == CANCELLED;
    }
}
