package org.kvmorch.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.kvmorch.db.HostRepository;
import org.kvmorch.db.VmRepository;
import org.kvmorch.db.testsupport.TestDatabase;
import org.kvmorch.hypervisor.DomainInfo;
import org.kvmorch.hypervisor.DomainState;
import org.kvmorch.hypervisor.DomainStatus;
import org.kvmorch.hypervisor.DomainUtilization;
import org.kvmorch.hypervisor.HostUtilization;
import org.kvmorch.hypervisor.NodeInfo;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The batch writer writes exactly what the JPA writer wrote: the same polls (new hosts and VMs, a
 * configured host that never answered, a host going down and coming back, a VM read on two hosts,
 * a move, an overload streak, a migration recorded after the poll read the fleet) go through each
 * writer on an empty schema, and host, VM and sample rows are compared after every poll.
 */
// One poll at start-up only (interval 1 h); the tests empty the tables before each writer runs.
@SpringBootTest(properties = {"orchestrator.hypervisor.simulated.hosts=2", "orchestrator.hypervisor.simulated.vms=0",
        "orchestrator.monitoring.interval=1h", "orchestrator.planning.rebalance-mode=off"})
class FleetPollerBatchWriterTest {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.registerFresh(registry, "fleet_batch_writer");
    }

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    HostRepository hosts;
    @Autowired
    VmRepository vms;
    @Autowired
    PlatformTransactionManager transactions;

    private final Supplier<OverloadTracker> overload = () -> new OverloadTracker(4.0, Duration.ofSeconds(60));
    private final Instant t0 = Instant.parse("2026-06-10T12:00:00.123456Z");

    @Test
    void batchWriterWritesWhatTheJpaWriterWrote() {
        List<List<Map<String, Object>>> jpa = run(new JpaFleetRecorder(hosts, vms, jdbc, overload, h -> "uri:" + h));
        List<List<Map<String, Object>>> batch = run(new BatchFleetRecorder(new FleetTables(jdbc), overload,
                h -> "uri:" + h));

        assertThat(batch).hasSameSizeAs(jpa);
        for (int i = 0; i < jpa.size(); i++) {
            assertThat(batch.get(i)).as("tables after poll %d", i + 1).isEqualTo(jpa.get(i));
        }
        // The scenario did what it says (so equal tables mean something).
        List<Map<String, Object>> last = jpa.get(jpa.size() - 1);
        assertThat(last).anySatisfy(r -> assertThat(r).containsEntry("vm", "v1").containsEntry("host", "c"));
        assertThat(last).anySatisfy(r -> assertThat(r).containsEntry("vm", "v2").containsEntry("host", "b"));
        assertThat(jpa.get(0)).anySatisfy(r -> assertThat(r).containsEntry("name", "d").containsEntry("state", "DOWN")
                .containsEntry("cpus", 0));
        assertThat(last).anySatisfy(r -> assertThat(r).containsEntry("name", "d").containsEntry("state", "ACTIVE")
                .containsEntry("cpus", 32));
        assertThat(last).anySatisfy(r -> assertThat(r).containsEntry("name", "a")
                .containsEntry("overloaded_since", java.sql.Timestamp.from(t0.plusSeconds(10))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"MAINTENANCE", "DRAINING"})
    void aHostUnderMaintenanceThatStopsAnsweringKeepsItsStateWithBothWriters(String operatorState) {
        for (FleetRecorder recorder : List.of(new JpaFleetRecorder(hosts, vms, jdbc, overload, h -> "uri:" + h),
                new BatchFleetRecorder(new FleetTables(jdbc), overload, h -> "uri:" + h))) {
            empty();
            inTransaction(() -> recorder.record(poll1()));
            jdbc.update("update host set state = ? where name = 'c'", operatorState); // the operator's
            inTransaction(() -> recorder.record(poll2())); // c reboots: no answer
            assertThat(stateOf("c")).as("%s, c silent", recorder.getClass().getSimpleName()).isEqualTo(operatorState);
            inTransaction(() -> recorder.record(poll3())); // c is back
            assertThat(stateOf("c")).as("%s, c back", recorder.getClass().getSimpleName()).isEqualTo(operatorState);
            assertThat(jdbc.queryForObject("select last_seen_at from host where name = 'c'", java.sql.Timestamp.class))
                    .isEqualTo(java.sql.Timestamp.from(t0.plusSeconds(20)));
        }
    }

    private String stateOf(String host) {
        return jdbc.queryForObject("select state from host where name = ?", String.class, host);
    }

    @Test
    void aRowChangedSinceThePollReadItFailsTheWrite() {
        empty();
        FleetTables tables = new FleetTables(jdbc);
        inTransaction(() -> new BatchFleetRecorder(tables, overload, h -> "uri:" + h).record(poll1()));
        FleetTables.VmRow read = tables.vms().get("v1");
        long c = tables.hosts().get("c").id();
        inTransaction(() -> vms.recordMove(read.id(), c, t0.plusSeconds(5))); // a migration finishes

        ColumnBatch stale = FleetTables.vmUpdates();
        stale.add(read.id(), read.version(), read.hostId(), null, "RUNNING", "booted", 0.1, 0.1, 0.0, 0.0, null, null,
                null, t0.plusSeconds(6));
        assertThatThrownBy(() -> inTransaction(() -> tables.updateVms(stale)))
                .isInstanceOf(OptimisticLockingFailureException.class);
        assertThat(jdbc.queryForObject("select host_id from vm where id = ?", Long.class, read.id())).isEqualTo(c);
    }

    /** The scenario through one writer; the rows of all three tables after each poll. */
    private List<List<Map<String, Object>>> run(FleetRecorder recorder) {
        empty();
        List<List<Map<String, Object>>> states = new ArrayList<>();
        inTransaction(() -> recorder.record(poll1()));
        states.add(tables());
        inTransaction(() -> recorder.record(poll2()));
        states.add(tables());
        // A migration of v1 to c is recorded after poll 3 read the fleet: poll 3 must not move it back.
        List<HostReading> poll3 = poll3();
        inTransaction(() -> vms.recordMove(vms.findByName("v1").orElseThrow().getId(),
                hosts.findByName("c").orElseThrow().getId(), t0.plusSeconds(25)));
        states.add(tables());
        inTransaction(() -> recorder.record(poll3));
        states.add(tables());
        return states;
    }

    // a: v1, v2; b: v3 and v2 arriving (paused); c: empty; d: configured, never answered.
    private List<HostReading> poll1() {
        Instant at = t0;
        return List.of(host("a", at, 0.2, vm("v1", RUN, 0.1, 111L), vm("v2", RUN, 0.05, null)),
                host("b", at, 0.3, vm("v3", RUN, 0.2, 333L), vm("v2", PAUSED, 0.0, null)),
                host("c", at, 0.1),
                HostReading.failed("d", at, "connection refused"));
    }

    // a overloaded; v2 now runs on b; c stops answering; d answers for the first time with v4.
    private List<HostReading> poll2() {
        Instant at = t0.plusSeconds(10);
        return List.of(host("a", at, 0.9, vm("v1", RUN, 0.85, 112L)),
                host("b", at, 0.35, vm("v2", RUN, 0.05, 222L), vm("v3", RUN, 0.25, 334L)),
                HostReading.failed("c", at, "no answer within 5000 ms"),
                host("d", at, 0.15, vm("v4", RUN, 0.1, null)));
    }

    // everyone answers; a still overloaded and still shows v1 (read before v1's move was recorded).
    private List<HostReading> poll3() {
        Instant at = t0.plusSeconds(20);
        return List.of(host("a", at, 0.95, vm("v1", RUN, 0.9, 113L)),
                host("b", at, 0.3, vm("v2", RUN, 0.04, 223L), vm("v3", RUN, 0.2, 335L)),
                host("c", at, 0.05),
                host("d", at, 0.1, vm("v4", RUN, 0.1, 444L)));
    }

    private static final DomainStatus RUN = DomainStatus.running();
    private static final DomainStatus PAUSED = new DomainStatus(DomainState.PAUSED, "migration");

    private static HostReading.DomainReading vm(String name, DomainStatus status, double cpu, Long dirty) {
        return new HostReading.DomainReading(new DomainInfo(name, "uuid-" + name, 2, 4L << 30, status),
                new DomainUtilization(cpu, 0.02, 0.01, 0.005, dirty == null ? OptionalLong.empty() : OptionalLong.of(dirty),
                        dirty == null ? OptionalLong.empty() : OptionalLong.of(dirty * 10),
                        dirty == null ? OptionalLong.empty() : OptionalLong.of(dirty * 20)));
    }

    private static HostReading host(String name, Instant at, double cpu, HostReading.DomainReading... domains) {
        return new HostReading(name, at, new NodeInfo("uuid-" + name, 32, 2400, 256L << 30, 500L << 20, 1250000000L),
                new HostUtilization(cpu, 0.3, 0.05, 0.02), List.of(domains), null);
    }

    private void empty() {
        jdbc.execute("truncate utilization_sample, plan_migration, migration, vm, host restart identity cascade");
    }

    private void inTransaction(Runnable work) {
        new TransactionTemplate(transactions).executeWithoutResult(s -> work.run());
    }

    /** Every column but ids and creation times; a DOWN mark's time is the wall clock, so it is left out. */
    private List<Map<String, Object>> tables() {
        List<Map<String, Object>> rows = new ArrayList<>();
        rows.addAll(jdbc.queryForList("""
                select name, uri, cluster, state, cpus, cpu_mhz, memory_bytes, disk_bytes_per_s, net_bytes_per_s,
                       cpu_util, mem_util, disk_util, net_util, load_index, overloaded_since, last_seen_at,
                       case when state = 'DOWN' then null else updated_at end as updated_at, version
                from host order by name"""));
        rows.addAll(jdbc.queryForList("""
                select v.name as vm, v.uuid, h.name as host, v.vcpus, v.memory_bytes, v.state, v.state_reason,
                       v.cpu_util, v.mem_util, v.disk_util, v.net_util, v.dirty_rate_bytes_per_s, v.working_set_bytes,
                       v.resident_bytes,
                       v.last_migrated_at, v.updated_at, v.version
                from vm v left join host h on h.id = v.host_id order by v.name"""));
        rows.addAll(jdbc.queryForList("""
                select s.sampled_at, h.name as sample_host, v.name as sample_vm, s.resolution_s, s.cpu, s.mem, s.disk,
                       s.net, s.load_index, s.dirty_rate_bytes_per_s
                from utilization_sample s join host h on h.id = s.host_id left join vm v on v.id = s.vm_id
                order by s.sampled_at, h.name, v.name nulls first"""));
        return rows;
    }
}
