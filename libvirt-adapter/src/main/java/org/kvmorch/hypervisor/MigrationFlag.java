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
    TLS,
    /**
     * Not a libvirt flag: seed 002's parallel channel. The bulk pass (a snapshot of every page) goes
     * over the hosts' second path (shared storage, see {@link Host#hasStoragePath()}) while the
     * migration link carries only the pages dirtied since the start. Needs that path on both hosts;
     * the simulator honours it, the libvirt adapter rejects it with {@link MigrationRejectedException}.
     */
    BULK_OVER_STORAGE_PATH
}
