package org.kvmorch.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.kvmorch.db.MigrationEntity;
import org.kvmorch.db.MigrationEventRepository;
import org.kvmorch.db.MigrationRepository;
import org.kvmorch.db.MigrationState;
import org.kvmorch.db.testsupport.TestDatabase;
import org.kvmorch.hypervisor.libvirt.Lab;
import org.kvmorch.migration.MigrationCommand;
import org.kvmorch.migration.MigrationService;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The whole service on real libvirt, stopped in the middle of a migration and started again on the
 * same database: the migration libvirt kept running is adopted by the new process, steered to its
 * end, and recorded COMPLETED with the guest on the destination — nothing lost, nothing run twice.
 */
@Tag("lab")
class RestartLabTest {

    private final Lab lab = Lab.load();

    @Test
    void aMigrationRunningAcrossARestartIsAdoptedAndRecorded() throws InterruptedException {
        TestDatabase.Connection db = TestDatabase.fresh("restart_lab");
        String vm = Lab.uniqueName("restart");
        try {
            lab.startGuest("host1", vm, 256, 64, 6);
            lab.labSh("throttle", "host2", "24"); // ~3 MB/s: the bulk pass outlasts the first process
            long id;
            try (ConfigurableApplicationContext first = start(db)) {
                LabService.awaitVmKnown(first, vm);
                id = first.getBean(MigrationService.class)
                        .start(MigrationCommand.of(vm, "host2", "precopy"), "lab-test").getId();
                MigrationEntity running = LabService.await(first, id, m -> m.getState() == MigrationState.RUNNING,
                        Duration.ofSeconds(30));
                assertThat(running.getState()).isEqualTo(MigrationState.RUNNING);
                Thread.sleep(3000);
            }
            assertThat(lab.runningOn("host1", vm)).as("still on the source while the job goes on").isTrue();

            try (ConfigurableApplicationContext second = start(db)) {
                assertThat(second.getBean(MigrationRepository.class).findById(id).orElseThrow().getState())
                        .as("adopted, not concluded from the hosts").isEqualTo(MigrationState.RUNNING);
                lab.labSh("unthrottle", "host2"); // now let it converge under the new process's control loop
                MigrationEntity done = LabService.await(second, id, m -> m.getState().isFinished(), Duration.ofMinutes(3));
                System.out.println("LAB-RESULT restart-adopt state=" + done.getState() + " reason="
                        + done.getStateReason() + " total=" + done.getTotalTimeMs() + " ms");
                assertThat(done.getState()).isEqualTo(MigrationState.COMPLETED);
                assertThat(done.getStateReason()).as("recorded by the adopted control loop").startsWith("COMPLETED");
                assertThat(done.getTotalTimeMs()).isPositive();
                assertThat(lab.runningOn("host2", vm)).isTrue();
                assertThat(lab.state("host1", vm)).isEmpty();
                List<MigrationEntity> all = new ArrayList<>();
                second.getBean(MigrationRepository.class).findAll().forEach(all::add);
                assertThat(all).as("one migration, not started twice").hasSize(1);
            }
        } finally {
            lab.labSh("unthrottle", "host2");
            lab.removeEverywhere(vm);
        }
    }

    @Test
    void whenTheReplicaSteeringAMigrationStopsAnotherReplicaTakesItOver() throws InterruptedException {
        TestDatabase.Connection db = TestDatabase.fresh("handover_lab");
        String vm = Lab.uniqueName("handover");
        try {
            lab.startGuest("host1", vm, 256, 64, 6);
            lab.labSh("throttle", "host2", "24");
            ConfigurableApplicationContext a = start(db, "replica-a");
            try (ConfigurableApplicationContext b = start(db, "replica-b")) {
                long id;
                try (a) {
                    LabService.awaitVmKnown(a, vm);
                    id = a.getBean(MigrationService.class)
                            .start(MigrationCommand.of(vm, "host2", "precopy"), "lab-test").getId();
                    LabService.await(a, id, m -> m.getState() == MigrationState.RUNNING, Duration.ofSeconds(30));
                    Thread.sleep(2000);
                }
                long stoppedAt = System.nanoTime();
                MigrationEventRepository events = b.getBean(MigrationEventRepository.class);
                long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
                while (events.findByMigrationIdOrderById(id).stream().noneMatch(e -> "ADOPTED".equals(e.getType()))
                        && System.nanoTime() < deadline) {
                    Thread.sleep(200);
                }
                long handoverMs = (System.nanoTime() - stoppedAt) / 1_000_000;
                assertThat(events.findByMigrationIdOrderById(id)).as("replica-b adopted it")
                        .anyMatch(e -> "ADOPTED".equals(e.getType()));
                assertThat(b.getBean(MigrationRepository.class).findById(id).orElseThrow().getState())
                        .as("adopted, still running").isEqualTo(MigrationState.RUNNING);
                lab.labSh("unthrottle", "host2");
                MigrationEntity done = LabService.await(b, id, m -> m.getState().isFinished(), Duration.ofMinutes(3));
                System.out.println("LAB-RESULT replica-handover after " + handoverMs + " ms: state=" + done.getState()
                        + " reason=" + done.getStateReason() + " total=" + done.getTotalTimeMs() + " ms");
                assertThat(done.getState()).isEqualTo(MigrationState.COMPLETED);
                assertThat(done.getStateReason()).startsWith("COMPLETED");
                assertThat(lab.runningOn("host2", vm)).isTrue();
                assertThat(b.getBean(MigrationRepository.class).count()).isEqualTo(1);
            }
        } finally {
            lab.labSh("unthrottle", "host2");
            lab.removeEverywhere(vm);
        }
    }

    private ConfigurableApplicationContext start(TestDatabase.Connection db) {
        return start(db, "restart-lab");
    }

    private ConfigurableApplicationContext start(TestDatabase.Connection db, String replicaName) {
        return LabService.start(lab, db, replicaName);
    }
}
