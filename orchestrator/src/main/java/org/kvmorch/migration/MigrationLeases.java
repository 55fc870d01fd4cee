package org.kvmorch.migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which replica drives which migration, kept by PostgreSQL itself: the replica that starts or
 * adopts a migration holds a session-level advisory lock on its id, on a connection of its own,
 * until the migration ends there. A replica that dies loses its session and with it its locks, so
 * another replica can tell a migration nobody drives any more (lock free: adopt it) from one a
 * live replica drives (lock taken: leave it alone).
 */
class MigrationLeases implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(MigrationLeases.class);
    /** First key of the two-part advisory lock, so ours never meet another user's locks. */
    private static final int NAMESPACE = 0x6b766d6d; // "kvmm"

    private final DataSource dataSource;
    private final Set<Long> held = ConcurrentHashMap.newKeySet();
    private Connection connection;
    private boolean closed;

    MigrationLeases(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Takes the lease of migration {@code id}; false if this or another live replica already holds it. */
    synchronized boolean tryAcquire(long id) {
        if (closed || held.contains(id)) {
            return false;
        }
        if (lock("pg_try_advisory_lock", id)) {
            held.add(id);
            return true;
        }
        return false;
    }

    /** Gives the lease back: the migration ended here, or was never committed. */
    synchronized void release(long id) {
        if (held.remove(id) && !closed) {
            lock("pg_advisory_unlock", id);
        }
    }

    private boolean lock(String function, long id) {
        try (PreparedStatement ps = connection().prepareStatement("select " + function + "(?, ?)")) {
            ps.setInt(1, NAMESPACE);
            ps.setInt(2, (int) id); // ids beyond 2^31 may share a key: the worst case is a skipped adoption
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("migration lease: " + e.getMessage(), e);
        }
    }

    /**
     * The lease connection, reopened if it broke. Locks die with a broken session: they are taken
     * again, and a migration another replica adopted in between is reported (both would drive it).
     */
    private Connection connection() throws SQLException {
        if (connection != null && connection.isValid(2)) {
            return connection;
        }
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // already broken
            }
        }
        connection = dataSource.getConnection();
        connection.setAutoCommit(true);
        for (Long id : Set.copyOf(held)) {
            if (!lock("pg_try_advisory_lock", id)) {
                log.error("Migration {}: lease lost with a broken database session; another replica adopted it", id);
            }
        }
        return connection;
    }

    /** Ends the session: every lease is freed for the other replicas. */
    @Override
    public synchronized void close() {
        closed = true;
        if (connection != null) {
            // A pooled connection outlives close(): free the locks explicitly (a crash ends the session).
            try (PreparedStatement ps = connection.prepareStatement("select pg_advisory_unlock_all()")) {
                ps.execute();
                connection.close();
            } catch (SQLException e) {
                log.debug("closing the lease connection: {}", e.getMessage());
            }
        }
    }
}
