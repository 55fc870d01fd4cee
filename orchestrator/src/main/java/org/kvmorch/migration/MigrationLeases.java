package org.kvmorch.migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
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
    /** How long close() waits for a lease call in progress (one may wait for an unreachable database). */
    static final long CLOSE_WAIT_MILLIS = 2000;

    private final DataSource dataSource;
    private final Set<Long> held = ConcurrentHashMap.newKeySet();
    /** Guards the connection; not a monitor, so that close() can stop waiting for it. */
    private final ReentrantLock guard = new ReentrantLock();
    private Connection connection;
    private volatile boolean closed;

    MigrationLeases(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Takes the lease of migration {@code id}; false if this or another live replica already holds it. */
    boolean tryAcquire(long id) {
        guard.lock();
        try {
            if (closed || held.contains(id)) {
                return false;
            }
            if (lock("pg_try_advisory_lock", id)) {
                held.add(id);
                return true;
            }
            return false;
        } finally {
            guard.unlock();
        }
    }

    /** Gives the lease back: the migration ended here, or was never committed. */
    void release(long id) {
        guard.lock();
        try {
            if (held.remove(id) && !closed) {
                lock("pg_advisory_unlock", id);
            }
        } finally {
            guard.unlock();
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

    /**
     * Ends the session: every lease is freed for the other replicas. Does not wait long for a lease
     * call in progress: with the database unreachable one can wait the pool's whole connection
     * timeout (30 s), and the locks end with the session anyway.
     */
    @Override
    public void close() {
        closed = true;
        try {
            if (!guard.tryLock(CLOSE_WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
                log.warn("Migration leases: a lease call is still waiting for the database; leaving it, "
                        + "the locks end with its session");
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        try {
            if (connection != null) {
                // A pooled connection outlives close(): free the locks explicitly (a crash ends the session).
                try (PreparedStatement ps = connection.prepareStatement("select pg_advisory_unlock_all()")) {
                    ps.execute();
                    connection.close();
                } catch (SQLException e) {
                    log.debug("closing the lease connection: {}", e.getMessage());
                }
            }
        } finally {
            guard.unlock();
        }
    }
}
