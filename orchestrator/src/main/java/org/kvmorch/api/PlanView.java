package org.kvmorch.api;

import java.time.Instant;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** A plan: its lifecycle, the ordered migrations with predicted cost, every host's load before/after. */
public record PlanView(
        long id,
        String kind,
        String state,
        String stateReason,
        String scope,
        String strategy,
        String requestedBy,
        Instant createdAt,
        Instant executedAt,
        Instant finishedAt,
        List<Move> migrations,
        JsonNode hosts,
        JsonNode unresolved) {

    public record Move(int seq, String vm, String source, String destination, String policy, String reason,
                       Long predictedTotalMs, Long predictedBytes, Long predictedDowntimeMs, Long migrationId,
                       String migrationState) {
    }

    /** Seed 000's migration matrix: sparse cells and, per moving VM, a bit row over {@code hosts}. */
    public record Matrix(long planId, List<String> hosts, List<String> vms, List<Cell> cells, List<String> bitmap) {
        public record Cell(String vm, String destination) {
        }
    }
}
