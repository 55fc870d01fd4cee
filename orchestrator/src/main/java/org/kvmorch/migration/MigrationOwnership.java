package org.kvmorch.migration;

import java.time.Duration;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Which replica steers which unfinished migration, for several replicas on one database. Each
 * replica heart-beats a row in {@code replica} (PostgreSQL's clock, so replicas' clocks may
 * differ); a migration whose owner has not heart-beaten for the lease is claimed by another
 * replica with a compare-and-set on {@code owner}, so exactly one replica adopts it.
 */
class MigrationOwnership {

    private static final String UNFINISHED = "('PENDING', 'RUNNING', 'POSTCOPY', 'RECOVERING', 'ESCALATED')";

    private final JdbcTemplate jdbc;
    private final String replicaId;
    private final Duration lease;

    MigrationOwnership(JdbcTemplate jdbc, String replicaId, Duration lease) {
        this.jdbc = jdbc;
        this.replicaId = replicaId;
        this.lease = lease;
    }

    String replicaId() {
        return replicaId;
    }

    /** This replica is alive now. */
    void heartbeat() {
        jdbc.update("INSERT INTO replica (id, started_at, heartbeat_at) VALUES (?, now(), now()) "
                + "ON CONFLICT (id) DO UPDATE SET heartbeat_at = now()", replicaId);
    }

    /**
     * At start: this replica's own migrations (its previous run died with them; replica ids are
     * unique by configuration), those without an owner, and those of replicas whose lease ran out.
     */
    List<Long> claimAtStart() {
        return claim("m.owner IS NULL OR m.owner = ? OR r.id IS NULL OR r.heartbeat_at < now() - ? * interval '1 ms'",
                replicaId, lease.toMillis());
    }

    /** While running: the migrations of replicas whose lease ran out. */
    List<Long> claimOrphans() {
        return claim("m.owner IS NOT NULL AND m.owner <> ? AND (r.id IS NULL OR r.heartbeat_at < now() - ? * interval '1 ms')",
                replicaId, lease.toMillis());
    }

    private List<Long> claim(String condition, Object... args) {
        // One statement: the row lock of UPDATE makes two replicas claiming the same migration
        // see each other's claim; the loser's re-checked condition no longer matches.
        Object[] all = new Object[args.length + 1];
        all[0] = replicaId;
        System.arraycopy(args, 0, all, 1, args.length);
        return jdbc.queryForList("UPDATE migration SET owner = ? WHERE id IN ("
                + "SELECT m.id FROM migration m LEFT JOIN replica r ON r.id = m.owner "
                + "WHERE m.state IN " + UNFINISHED + " AND (" + condition + ") FOR UPDATE OF m SKIP LOCKED) "
                + "RETURNING id", Long.class, all);
    }
}
