package org.kvmorch.hypervisor;

/** The virDomainMigrateFlags the orchestrator uses. LIVE is implied by {@link MigrationMode#LIVE}. */
public enum MigrationFlag {
    PEER2PEER,
    PERSIST_DEST,
    UNDEFINE_SOURCE,
    ABORT_ON_ERROR,
    /** Allow a later switch to post-copy; does not switch by itself. */
    POSTCOPY,
    AUTO_CONVERGE,
    COMPRESSED,
    PARALLEL,
    TLS
}
