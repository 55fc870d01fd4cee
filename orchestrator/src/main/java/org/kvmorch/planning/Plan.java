package org.kvmorch.planning;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The outcome of one planning round: the ordered migrations (drains, then overload relief, then
 * consolidation), the migration matrix, every host's load before and after, what stayed unsolved
 * and the suitability records kept for explanation.
 */
public record Plan(
        Instant at,
        String strategy,
        List<PlannedMigration> migrations,
        MigrationMatrix matrix,
        List<HostLoad> hostLoads,
        List<Unresolved> unresolved,
        Map<String, List<HostSuitability>> explanations,
        int overloadedHosts,
        int emptiedHosts) {

    public Plan {
        migrations = List.copyOf(migrations);
        hostLoads = List.copyOf(hostLoads);
        unresolved = List.copyOf(unresolved);
        explanations = Map.copyOf(explanations);
    }

    public boolean isEmpty() {
        return migrations.isEmpty();
    }
}
