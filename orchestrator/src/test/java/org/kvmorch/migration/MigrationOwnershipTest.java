package org.kvmorch.migration;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kvmorch.db.testsupport.TestDatabase;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** Replicas on one real PostgreSQL: who may claim which unfinished migration, and when. */
class MigrationOwnershipTest {

    private JdbcTemplate jdbc;
    private MigrationOwnership a;
    private MigrationOwnership b;

    @BeforeEach
    void database() {
        TestDatabase.Connection db = TestDatabase.fresh("ownership_" + System.nanoTime());
        DriverManagerDataSource ds = new DriverManagerDataSource(db.jdbcUrl(), db.username(), db.password());
        Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
        jdbc = new JdbcTemplate(ds);
        jdbc.update("INSERT INTO host (name, uri, cpus, memory_bytes) VALUES ('h1', 'sim://h1', 4, 1073741824)");
        a = new MigrationOwnership(jdbc, "replica-a", Duration.ofSeconds(30));
        b = new MigrationOwnership(jdbc, "replica-b", Duration.ofSeconds(30));
    }

    private long migration(String state, String owner) {
        long vm = jdbc.queryForObject("INSERT INTO vm (name, vcpus, memory_bytes) VALUES (?, 1, 1073741824) "
                + "RETURNING id", Long.class, "vm-" + System.nanoTime());
        return jdbc.queryForObject("INSERT INTO migration (vm_id, vm_name, source_host, destination_host, policy, "
                + "state, requested_by, owner) VALUES (?, 'vm', 'h1', 'h2', 'precopy', ?, 'test', ?) RETURNING id",
                Long.class, vm, state, owner);
    }

    private String owner(long id) {
        return jdbc.queryForObject("SELECT owner FROM migration WHERE id = ?", String.class, id);
    }

    @Test
    void aLiveReplicaKeepsItsMigrationsAndADeadOnesAreTakenOverOnce() {
        a.heartbeat();
        b.heartbeat();
        long ofA = migration("RUNNING", "replica-a");
        long finished = migration("COMPLETED", "replica-a");

        assertThat(b.claimOrphans()).as("replica-a is alive").isEmpty();
        assertThat(b.claimAtStart()).as("not b's, and replica-a is alive").isEmpty();

        jdbc.update("UPDATE replica SET heartbeat_at = now() - interval '1 minute' WHERE id = 'replica-a'");
        assertThat(b.claimOrphans()).containsExactly(ofA);
        assertThat(owner(ofA)).isEqualTo("replica-b");
        assertThat(owner(finished)).as("finished migrations stay as they were").isEqualTo("replica-a");
        assertThat(b.claimOrphans()).as("claimed once").isEmpty();

        a.heartbeat(); // replica-a comes back: what it lost is b's now
        assertThat(a.claimOrphans()).isEmpty();
    }

    @Test
    void atStartAReplicaTakesBackItsOwnTheOwnerlessAndTheOrphaned() {
        b.heartbeat();
        long own = migration("POSTCOPY", "replica-a");
        long ownerless = migration("PENDING", null);
        long ofUnknown = migration("RUNNING", "replica-gone"); // no heartbeat row at all
        long ofB = migration("RUNNING", "replica-b");

        assertThat(a.claimAtStart()).containsExactlyInAnyOrder(own, ownerless, ofUnknown);
        assertThat(owner(ofB)).isEqualTo("replica-b");
    }
}
