package org.kvmorch.migration;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.kvmorch.OrchestratorApplication;
import org.kvmorch.db.MigrationEntity;
import org.kvmorch.db.MigrationRepository;
import org.kvmorch.db.MigrationState;
import org.kvmorch.db.VmEntity;
import org.kvmorch.db.VmPlacement;
import org.kvmorch.db.VmRepository;
import org.kvmorch.db.testsupport.TestDatabase;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A process that died leaves unfinished records behind; the next start reconciles them with the
 * hypervisor (the simulated fleet here; real libvirt adoption is RestartLabTest): a migration still
 * queued was never handed to the hypervisor and runs now; one recorded RUNNING whose job is gone
 * while the VM still runs on its source is FAILED with that cause.
 */
class ReconcileAfterRestartTest {

    @Test
    void aQueuedMigrationRunsAfterTheRestartAndALostJobIsRecordedFailed() throws InterruptedException {
        TestDatabase.Connection db = TestDatabase.fresh("reconcile_restart");
        long queuedId;
        long lostId;
        try (ConfigurableApplicationContext first = start(db)) {
            MigrationRepository migrations = first.getBean(MigrationRepository.class);
            List<VmPlacement> placements = first.getBean(VmRepository.class).placements();
            // As a crash leaves them: rows committed, nothing handed to the hypervisor.
            queuedId = migrations.save(unfinished(first, placements.get(0), MigrationState.PENDING)).getId();
            lostId = migrations.save(unfinished(first, placements.get(1), MigrationState.RUNNING)).getId();
        }
        try (ConfigurableApplicationContext second = start(db)) {
            MigrationRepository migrations = second.getBean(MigrationRepository.class);
            MigrationEntity queued = awaitFinished(migrations, queuedId);
            MigrationEntity lost = migrations.findById(lostId).orElseThrow();

            assertThat(queued.getState()).as(queued.getStateReason()).isEqualTo(MigrationState.COMPLETED);
            assertThat(second.getBean(VmRepository.class).placements())
                    .contains(new VmPlacement(queued.getVmName(), queued.getDestinationHost()));
            assertThat(lost.getState()).isEqualTo(MigrationState.FAILED);
            assertThat(lost.getFailureCause()).contains("still runs on the source");
            assertThat(migrations.count()).as("nothing started twice").isEqualTo(2);
        }
    }

    private static MigrationEntity unfinished(ConfigurableApplicationContext app, VmPlacement placement,
                                              MigrationState state) {
        VmEntity vm = app.getBean(VmRepository.class).findByName(placement.vm()).orElseThrow();
        String destination = app.getBean(VmRepository.class).placements().stream().map(VmPlacement::host)
                .filter(h -> !h.equals(placement.host())).findFirst().orElseThrow();
        MigrationEntity m = new MigrationEntity(vm.getId(), vm.getName(), placement.host(), destination, "precopy",
                "test");
        m.transitionTo(state, "left by a process that died");
        return m;
    }

    private static MigrationEntity awaitFinished(MigrationRepository migrations, long id) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        MigrationEntity m = migrations.findById(id).orElseThrow();
        while (!m.getState().isFinished() && System.nanoTime() < deadline) {
            Thread.sleep(100);
            m = migrations.findById(id).orElseThrow();
        }
        return m;
    }

    private static ConfigurableApplicationContext start(TestDatabase.Connection db) {
        return new SpringApplicationBuilder(OrchestratorApplication.class).run(
                "--spring.datasource.url=" + db.jdbcUrl(),
                "--spring.datasource.username=" + db.username(),
                "--spring.datasource.password=" + db.password(),
                "--server.port=0",
                "--orchestrator.hypervisor.simulated.hosts=3",
                "--orchestrator.hypervisor.simulated.vms=4",
                "--orchestrator.hypervisor.simulated.overloaded-hosts=0",
                "--orchestrator.hypervisor.simulated.speed=50");
    }
}
