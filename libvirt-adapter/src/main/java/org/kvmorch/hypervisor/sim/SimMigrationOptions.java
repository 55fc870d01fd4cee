package org.kvmorch.hypervisor.sim;

import java.util.Objects;
import java.util.Optional;

/**
 * Simulator-only choices for one migration, beside the libvirt {@code MigrationRequest}.
 *
 * @param stopRule overrides the datacenter's default stop rule
 * @param bulkOverStoragePath seed 002's "par-migrate": the bulk pass (a snapshot of every page,
 *     StaticData) goes over both hosts' storage paths while the migration link carries only pages
 *     dirtied since the start (DynamicData), iterating in parallel. The destination keeps a page
 *     from the link over the snapshot. The guest may stop only after the snapshot has fully
 *     arrived. Storage-path bytes are counted apart from migration-link bytes. Needs a storage
 *     path on both hosts. Real libvirt cannot do this; it is for policy {@code pa-hybrid}.
 */
public record SimMigrationOptions(Optional<StopRule> stopRule, boolean bulkOverStoragePath) {

    public SimMigrationOptions {
        Objects.requireNonNull(stopRule, "stopRule");
    }

    public static SimMigrationOptions defaults() {
        return new SimMigrationOptions(Optional.empty(), false);
    }

    public SimMigrationOptions withStopRule(StopRule rule) {
        return new SimMigrationOptions(Optional.of(rule), bulkOverStoragePath);
    }

    public SimMigrationOptions withBulkOverStoragePath(boolean enabled) {
        return new SimMigrationOptions(stopRule, enabled);
    }
}
