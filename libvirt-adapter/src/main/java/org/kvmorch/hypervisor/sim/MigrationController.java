package org.kvmorch.hypervisor.sim;

import org.kvmorch.hypervisor.JobStats;

/**
 * Steers one simulated migration: called after every {@code awaitProgress} with the latest
 * statistics and the job (to switch to post-copy, change the downtime limit, abort...). This is
 * where the control engine's policies plug in.
 */
@FunctionalInterface
public interface MigrationController {

    void observe(JobStats stats, SimMigrationJob job);

    static MigrationController none() {
        return (stats, job) -> { };
    }
}
