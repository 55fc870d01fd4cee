package org.kvmorch.plans;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kvmorch.db.testsupport.TestDatabase;
import org.kvmorch.planning.FleetSnapshot;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The planner's view of a migration under way: the VM is already on its destination with its load
 * moved there, and counts as just moved; a finished or failed migration changes nothing. (Also: a VM's own
 * policy reaches the planner, which costs its move under it.)
 */
// Two hosts, no VMs, one poll at start-up only; the test writes the rows the planner reads.
@SpringBootTest(properties = {"orchestrator.hypervisor.simulated.hosts=2", "orchestrator.hypervisor.simulated.vms=0",
        "orchestrator.monitoring.interval=1h", "orchestrator.planning.rebalance-mode=off"})
class SnapshotReaderInFlightTest {

    private static final long GIB = 1L << 30;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.registerFresh(registry, "snapshot_in_flight");
    }

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    SnapshotReader reader;

    private long sourceCpus;
    private long sourceMemory;
    private long destinationCpus;
    private long destinationMemory;

    @BeforeEach
    void fleet() {
        jdbc.update("delete from migration");
        jdbc.update("delete from vm");
        jdbc.update("update host set cpu_util = 0.8, mem_util = 0.5, disk_util = 0, net_util = 0 where name = 'kvm-01'");
        jdbc.update("update host set cpu_util = 0.1, mem_util = 0.2, disk_util = 0, net_util = 0 where name = 'kvm-02'");
        sourceCpus = jdbc.queryForObject("select cpus from host where name = 'kvm-01'", Long.class);
        sourceMemory = jdbc.queryForObject("select memory_bytes from host where name = 'kvm-01'", Long.class);
        destinationCpus = jdbc.queryForObject("select cpus from host where name = 'kvm-02'", Long.class);
        destinationMemory = jdbc.queryForObject("select memory_bytes from host where name = 'kvm-02'", Long.class);
        for (String vm : new String[] {"moving", "staying"}) {
            jdbc.update("insert into vm (name, host_id, vcpus, memory_bytes, cpu_util) select ?, id, 4, ?, 0.25"
                    + " from host where name = 'kvm-01'", vm, 8 * GIB);
        }
        jdbc.update("insert into migration (vm_id, vm_name, source_host, destination_host, policy, state, requested_by)"
                + " select id, name, 'kvm-01', 'kvm-02', 'auto', 'RUNNING', 'test' from vm where name = 'moving'");
    }

    @Test
    void aVmOnItsWayIsPlannedAsArrived() {
        FleetSnapshot s = reader.read(Duration.ofSeconds(10), Duration.ofHours(1));
        assertThat(s.hostName(s.hostOf(s.vmIndex("moving")))).isEqualTo("kvm-02");
        assertThat(s.hostName(s.hostOf(s.vmIndex("staying")))).isEqualTo("kvm-01");

        double movedCores = 0.25 * sourceCpus;
        double sourceCpu = 0.8 - movedCores / sourceCpus;
        double sourceMem = 0.5 - 8.0 * GIB / sourceMemory;
        double destinationCpu = 0.1 + movedCores / destinationCpus;
        double destinationMem = 0.2 + 8.0 * GIB / destinationMemory;
        assertThat(s.loadIndex(s.hostIndex("kvm-01"))).isCloseTo(1 / ((1 - sourceCpu) * (1 - sourceMem)), within(1e-9));
        assertThat(s.loadIndex(s.hostIndex("kvm-02")))
                .isCloseTo(1 / ((1 - destinationCpu) * (1 - destinationMem)), within(1e-9));
    }

    @Test
    void aVmsOwnPolicyReachesThePlanner() {
        jdbc.update("update vm set migration_policy = 'adaptive' where name = 'staying'");
        FleetSnapshot s = reader.read(Duration.ofSeconds(10), Duration.ofHours(1));
        assertThat(s.policyOf(s.vmIndex("staying"))).isEqualTo("adaptive");
        assertThat(s.policyOf(s.vmIndex("moving"))).isNull();
    }

    @Test
    void aMigrationThatEndedChangesNothing() {
        jdbc.update("update migration set state = 'FAILED'");
        FleetSnapshot s = reader.read(Duration.ofSeconds(10), Duration.ofHours(1));
        assertThat(s.hostName(s.hostOf(s.vmIndex("moving")))).isEqualTo("kvm-01");
        assertThat(s.loadIndex(s.hostIndex("kvm-01"))).isCloseTo(1 / ((1 - 0.8) * (1 - 0.5)), within(1e-9));
        assertThat(s.loadIndex(s.hostIndex("kvm-02"))).isCloseTo(1 / ((1 - 0.1) * (1 - 0.2)), within(1e-9));
    }
}
