package org.kvmorch.plans;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.kvmorch.OrchestratorApplication;
import org.kvmorch.config.OrchestratorProperties;
import org.kvmorch.config.SimulatedFleet;
import org.kvmorch.db.testsupport.TestDatabase;
import org.kvmorch.hypervisor.Host;
import org.kvmorch.hypervisor.Hypervisor;
import org.kvmorch.hypervisor.sim.SimulatedDatacenter;
import org.kvmorch.migration.MigrationCommand;
import org.kvmorch.migration.MigrationService;
import org.kvmorch.policy.PolicyStore;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Two replicas of the service on one PostgreSQL database, rebalancing automatically over the same
 * fleet: one replica plans and executes per round (the ShedLock row); a replica that starts while
 * the other runs migrations leaves them alone; a policy set through one is in force on the other
 * within seconds; when the replica holding the lock goes away in the
 * middle of a migration, the other plans once the lease ends and adopts the migration, and no
 * migration runs twice. "Goes away" is a context close: the replica's database session ends, as
 * it would if the process were killed (a kill cannot be done to one of two contexts in one JVM).
 *
 * <p>Both replicas drive ONE simulated datacenter, handed to each context as its Hypervisor: that
 * is what two real replicas share, the libvirt hosts. Two contexts each with their own simulator
 * (the default) would be two separate fleets with the same seed: a migration made by one replica
 * would be invisible to the other, whose poll would then record the VM back on its old host; the
 * test would exercise a situation no real deployment has. The shared instance is not closed with
 * a context, as hardware outlives a replica.
 */
class TwoReplicasTest {

    private static final Duration ROUND = Duration.ofSeconds(3);

    /** The hypervisor both contexts get; set before they start. */
    static Hypervisor hardware;

    @Configuration(proxyBeanMethods = false)
    static class SharedHardware {
        @Bean
        @Primary
        Hypervisor sharedHypervisor() {
            return new Hypervisor() {
                @Override
                public List<String> hostNames() {
                    return hardware.hostNames();
                }

                @Override
                public Host host(String hostName) {
                    return hardware.host(hostName);
                }

                @Override
                public void close() {
                    // the hosts outlive the replica
                }
            };
        }
    }

    private ConfigurableApplicationContext a;
    private ConfigurableApplicationContext b;
    private SimulatedDatacenter datacenter;

    @AfterEach
    void stop() {
        for (ConfigurableApplicationContext c : new ConfigurableApplicationContext[] {a, b}) {
            if (c != null && c.isActive()) {
                c.close();
            }
        }
        if (datacenter != null) {
            datacenter.close();
        }
    }

    @Test
    void oneReplicaPlansPerRoundAndTheOtherTakesOverWhenItGoes() throws Exception {
        TestDatabase.Connection db = TestDatabase.fresh("two_replicas");
        JdbcTemplate sql = new JdbcTemplate(new DriverManagerDataSource(db.jdbcUrl(), db.username(), db.password()));
        OrchestratorProperties.SimulatedFleet fleet = new OrchestratorProperties.SimulatedFleet(6, 18, 2, 42, 1.0);
        SimulatedFleet.Spec spec = SimulatedFleet.of(fleet);
        SimulatedDatacenter.Builder builder = SimulatedDatacenter.builder().seed(fleet.seed()).epoch(Instant.now())
                .paced(fleet.speed());
        spec.hosts().forEach(builder::host);
        spec.vms().forEach(builder::vm);
        datacenter = builder.build();
        hardware = datacenter;

        // Replica b starts while a drives a migration: b must leave it to a.
        a = start(db, "a");
        long first = startLongMigration(a, sql);
        awaitTrue(Duration.ofSeconds(30), () -> !"PENDING".equals(stateOf(sql, first)));
        b = start(db, "b");
        assertThat(stateOf(sql, first)).as("still in flight once b is up").isIn("RUNNING", "POSTCOPY");

        // (a) Several rounds with both replicas up: one plan per round, by whichever holds the lock.
        awaitTrue(Duration.ofSeconds(60), () -> count(sql, "select count(*) from migration where state = 'COMPLETED'") > 0
                && count(sql, "select count(*) from plan") >= 4);
        List<Map<String, Object>> plans = sql.queryForList("select id, requested_by, created_at from plan order by id");
        assertThat(plans).allSatisfy(p -> assertThat(p.get("requested_by")).isIn("scheduler@a", "scheduler@b"));
        for (int i = 1; i < plans.size(); i++) {
            Duration gap = Duration.between(instant(plans.get(i - 1).get("created_at")),
                    instant(plans.get(i).get("created_at")));
            assertThat(gap).as("gap between plans %s and %s", plans.get(i - 1), plans.get(i))
                    .isGreaterThan(ROUND.multipliedBy(9).dividedBy(10));
        }
        // Every migration was started by the replica that made its plan, and no live replica's
        // migration was taken over by the other.
        assertThat(count(sql, "select count(*) from migration m join plan p on p.id = m.plan_id"
                + " where m.requested_by <> p.requested_by")).isZero();
        assertThat(count(sql, "select count(*) from migration_event where type = 'ADOPTED'")).isZero();

        // A policy set through one replica is in force on the other within seconds.
        PolicyStore policyOfA = a.getBean(PolicyStore.class);
        int version = policyOfA.update(policyOfA.current(), "test").version();
        awaitTrue(Duration.ofSeconds(15), () -> b.getBean(PolicyStore.class).currentVersion().version() == version);

        // (b) The replica holding the lock goes away in the middle of a long migration it drives.
        String holder = sql.queryForObject("select locked_by from shedlock where name = 'rebalance'", String.class);
        ConfigurableApplicationContext gone = holder.equals("a") ? a : b;
        String survivor = holder.equals("a") ? "b" : "a";
        long inFlight = startLongMigration(gone, sql);
        awaitTrue(Duration.ofSeconds(30), () -> !"PENDING".equals(stateOf(sql, inFlight)));
        assertThat(stateOf(sql, inFlight)).isIn("RUNNING", "POSTCOPY");
        long plansBefore = count(sql, "select count(*) from plan");
        gone.close();
        Instant closed = Instant.now();
        Instant leaseEnd = instant(sql.queryForObject("select lock_until from shedlock where name = 'rebalance'",
                Timestamp.class));

        // The survivor plans once the lease is over, within a round of it.
        awaitTrue(Duration.ofSeconds(30), () -> count(sql, "select count(*) from plan where requested_by = ?",
                "scheduler@" + survivor) > 0 && count(sql, "select count(*) from plan") > plansBefore);
        Instant takeover = instant(sql.queryForObject("select min(created_at) from plan where id > (select max(id)"
                + " from plan where requested_by = ?)", Timestamp.class, "scheduler@" + holder));
        assertThat(takeover).as("survivor plans after the lease (%s), closed at %s", leaseEnd, closed)
                .isAfterOrEqualTo(leaseEnd.minusMillis(100));
        assertThat(Duration.between(leaseEnd, takeover)).isLessThan(ROUND.plus(ROUND));

        // ...and adopts the migration left behind, which ends once, on the destination.
        awaitTrue(Duration.ofSeconds(60), () -> count(sql, "select count(*) from migration where state in"
                + " ('PENDING', 'RUNNING', 'POSTCOPY', 'RECOVERING', 'ESCALATED')") == 0);
        assertThat(count(sql, "select count(*) from migration_event where type = 'ADOPTED' and migration_id = ?",
                inFlight)).isEqualTo(1);
        assertThat(stateOf(sql, inFlight)).isEqualTo("COMPLETED");
        assertThat(sql.queryForObject("select h.name from vm v join host h on h.id = v.host_id join migration m"
                + " on m.vm_id = v.id where m.id = ?", String.class, inFlight))
                .isEqualTo(sql.queryForObject("select destination_host from migration where id = ?", String.class,
                        inFlight));

        // Every automatic plan was executed (a failed execution leaves it to be superseded).
        assertThat(sql.queryForList("select id, state_reason from plan where state = 'SUPERSEDED'")).isEmpty();
        // Nothing ran twice: rebalancing moved each VM at most once (cooldown 1 h; the test's own
        // operator migrations aside). A migration that had not started its job when its replica
        // went (queued, or between its RUNNING record and the job) is recorded as never run; all
        // others completed.
        assertThat(sql.queryForList("select vm_name from migration where state = 'COMPLETED' and plan_id is not null"
                + " group by vm_name having count(*) > 1")).isEmpty();
        assertThat(sql.queryForList("select id, vm_name, state, state_reason from migration where state <> 'COMPLETED'"))
                .allSatisfy(m -> assertThat(m).containsEntry("state", "FAILED")
                        .containsEntry("state_reason", "no job when adopted; the VM still runs on the source"));
        // And the database says where every VM really is.
        awaitTrue(Duration.ofSeconds(15), () -> placements(sql).equals(placements(datacenter)));
    }

    private static Map<String, String> placements(JdbcTemplate sql) {
        Map<String, String> where = new java.util.TreeMap<>();
        sql.query("select v.name, h.name from vm v join host h on h.id = v.host_id",
                rs -> { where.put(rs.getString(1), rs.getString(2)); });
        return where;
    }

    private static Map<String, String> placements(Hypervisor hosts) {
        Map<String, String> where = new java.util.TreeMap<>();
        for (String h : hosts.hostNames()) {
            hosts.host(h).domains().stream()
                    .filter(d -> d.status().state() == org.kvmorch.hypervisor.DomainState.RUNNING)
                    .forEach(d -> where.put(d.name(), h));
        }
        return where;
    }

    /**
     * A migration of the largest VM, not moved yet, of the least loaded host (so no plan wants it),
     * slowed to several seconds of wall time, in flight while a replica starts or goes.
     */
    private static long startLongMigration(ConfigurableApplicationContext replica, JdbcTemplate sql) {
        // Rebalancing may have moved every VM by now: then any VM not migrating at the moment.
        Map<String, Object> vm = sql.queryForMap("select v.name, v.memory_bytes, v.host_id from vm v join host h"
                + " on h.id = v.host_id where v.id not in (select vm_id from migration where state in"
                + " ('PENDING', 'RUNNING', 'POSTCOPY', 'RECOVERING', 'ESCALATED'))"
                + " order by exists (select 1 from migration m where m.vm_id = v.id), h.load_index,"
                + " v.memory_bytes desc, v.name limit 1");
        String destination = sql.queryForObject("select name from host where state = 'ACTIVE' and id <> ?"
                + " order by load_index, name limit 1", String.class, vm.get("host_id"));
        // hybrid-1: one pre-copy pass at the capped bandwidth (about 12 s), then post-copy at link speed.
        long bandwidth = ((Number) vm.get("memory_bytes")).longValue() / 12;
        MigrationCommand cmd = new MigrationCommand((String) vm.get("name"), Optional.of(destination),
                Optional.of("hybrid-1"), Optional.empty(), Optional.of(bandwidth), Optional.empty());
        return replica.getBean(MigrationService.class).start(cmd, "test").getId();
    }

    private static String stateOf(JdbcTemplate sql, long migration) {
        return sql.queryForObject("select state from migration where id = ?", String.class, migration);
    }

    private static ConfigurableApplicationContext start(TestDatabase.Connection db, String name) {
        return new SpringApplicationBuilder(OrchestratorApplication.class, SharedHardware.class)
                .web(WebApplicationType.NONE).logStartupInfo(false)
                .run("--spring.datasource.url=" + db.jdbcUrl(),
                        "--spring.datasource.username=" + db.username(),
                        "--spring.datasource.password=" + db.password(),
                        "--orchestrator.replica-name=" + name,
                        "--orchestrator.hypervisor.simulated.hosts=6",
                        "--orchestrator.hypervisor.simulated.vms=18",
                        "--orchestrator.hypervisor.simulated.overloaded-hosts=2",
                        "--orchestrator.monitoring.interval=1s",
                        "--orchestrator.monitoring.overload-duration=1s",
                        "--orchestrator.planning.rebalance-mode=automatic",
                        "--orchestrator.planning.rebalance-interval=" + ROUND.toSeconds() + "s");
    }

    private static long count(JdbcTemplate sql, String query, Object... args) {
        return sql.queryForObject(query, Long.class, args);
    }

    private static Instant instant(Object timestamp) {
        return ((Timestamp) timestamp).toInstant();
    }

    private static void awaitTrue(Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + timeout);
            }
            Thread.sleep(200);
        }
    }
}
