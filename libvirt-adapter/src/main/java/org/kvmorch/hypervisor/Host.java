package org.kvmorch.hypervisor;

import java.util.List;
import java.util.Optional;

/** One hypervisor host: node facts, utilization, its domains, and migrations leaving it. */
public interface Host {

    String name();

    /** Static facts: CPUs, memory, capacities used to turn counters into fractions. */
    NodeInfo nodeInfo();

    /** Utilization over the last measurement interval; every fraction in [0, 1]. */
    HostUtilization utilization();

    /** Domains defined or running on this host. */
    List<DomainInfo> domains();

    Optional<DomainInfo> domain(String domainName);

    /** Utilization of one running domain over the last measurement interval. */
    DomainUtilization domainUtilization(String domainName);

    /**
     * Starts migrating a domain of this host to {@code destination}. Returns at once; the job
     * runs in the background and is watched through the returned handle.
     *
     * @throws MigrationRejectedException when the hypervisor refuses to start the job
     */
    MigrationJob migrate(String domainName, Host destination, MigrationRequest request);

    /**
     * The migration job currently running for a domain of this host, if any. Used to re-attach
     * after an orchestrator restart.
     */
    Optional<MigrationJob> activeJob(String domainName);

    /**
     * After an orchestrator restart: the migration of a domain of this host to {@code destination}
     * that the hypervisor still runs, even though this process did not start it. The adapter takes
     * it over (statistics, controls, outcome) as if it had started it; {@code request} is the request
     * the migration was started with, for calls that repeat it (post-copy resume). Empty when the
     * hypervisor runs no such migration.
     */
    default Optional<MigrationJob> adoptJob(String domainName, Host destination, MigrationRequest request) {
        return activeJob(domainName);
    }

    /**
     * True when this host has a second path to shared storage that a migration can use for its
     * bulk pass ({@link MigrationFlag#BULK_OVER_STORAGE_PATH}); both hosts need one.
     */
    default boolean hasStoragePath() {
        return false;
    }
}
