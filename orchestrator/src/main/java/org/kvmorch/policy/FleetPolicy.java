package org.kvmorch.policy;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import org.kvmorch.config.OrchestratorProperties;
import org.kvmorch.control.Policies;

/**
 * The operator policy in force: thresholds, detection, selection, placement, the default
 * migration policy, concurrency limits and the rebalancing mode. Versioned in PostgreSQL; the
 * configuration properties give version 1.
 *
 * @param loadThreshold load index above which a host is loaded
 * @param overloadDuration how long above the threshold before it is overloaded (T)
 * @param maxOutgoingPerHost migrations a host may send at once (oVirt: 2)
 * @param maxIncomingPerHost migrations a host may receive at once (oVirt: 2)
 * @param migrationTls migration streams are encrypted (libvirt's VIR_MIGRATE_TLS) unless a request
 *     says otherwise; absent = false, so documents stored before the field existed still read
 */
public record FleetPolicy(
        @DecimalMin("1.0") double loadThreshold,
        @NotNull Duration overloadDuration,
        @NotNull @Pattern(regexp = "highest-cpu|min-migration-time|largest-memory|min-predicted-cost|closest-to-average")
        String selection,
        @NotNull @Pattern(regexp = "bfd|pabfd") String placement,
        @NotNull String defaultMigrationPolicy,
        @Min(1) @Max(64) int maxOutgoingPerHost,
        @Min(1) @Max(64) int maxIncomingPerHost,
        @NotNull Duration cooldown,
        @NotNull Duration undoWindow,
        @NotNull OrchestratorProperties.RebalanceMode rebalanceMode,
        Boolean migrationTls) {

    public FleetPolicy {
        migrationTls = Boolean.TRUE.equals(migrationTls);
        if (defaultMigrationPolicy != null && Policies.byName(defaultMigrationPolicy).isEmpty()) {
            throw new IllegalArgumentException("defaultMigrationPolicy: unknown policy '" + defaultMigrationPolicy
                    + "'; allowed: " + String.join(", ", Policies.names()));
        }
        if (overloadDuration != null && overloadDuration.isNegative()) {
            throw new IllegalArgumentException("overloadDuration: must not be negative");
        }
    }

    static FleetPolicy fromProperties(OrchestratorProperties p) {
        return new FleetPolicy(p.monitoring().loadThreshold(), p.monitoring().overloadDuration(),
                p.planning().selection(), p.planning().placement(), Policies.DEFAULT, 2, 2, p.planning().cooldown(),
                p.planning().undoWindow(), p.planning().rebalanceMode(), p.migration().tls());
    }
}
