package org.kvmorch.control;

import org.kvmorch.hypervisor.MigrationRequest;

/** A named way to migrate: how the job starts, and a controller that steers it. */
public interface MigrationPolicy {

    String name();

    /** The request the job starts with: mode, flags, first downtime limit, bandwidth. */
    MigrationRequest initialRequest(MigrationContext context);

    Controller newController(MigrationContext context);
}
