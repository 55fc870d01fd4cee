package org.kvmorch.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kvmorch.OrchestratorApplication;
import org.kvmorch.db.HostEntity;
import org.kvmorch.db.HostRepository;
import org.kvmorch.db.MigrationRepository;
import org.kvmorch.db.MigrationState;
import org.kvmorch.db.VmPlacement;
import org.kvmorch.db.VmRepository;
import org.kvmorch.hypervisor.Hypervisor;
import org.kvmorch.migration.MigrationCommand;
import org.kvmorch.migration.MigrationService;
import org.kvmorch.db.embedded.EmbeddedPostgresServer;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The default run with no database configured: an embedded PostgreSQL in the data directory,
 * which a second start finds again with the same hosts (registered once, not twice).
 */
class EmbeddedDefaultRunTest {

    @TempDir
    Path dataDir;

    @Test
    void secondStartFindsTheSameDataAndVmsWhereTheyWereMoved() {
        List<String> first;
        String movedTo;
        try (ConfigurableApplicationContext app = start()) {
            assertThat(app.getBean(EmbeddedPostgresServer.class).dataDirectory())
                    .isEqualTo(dataDir.resolve("postgres"));
            first = hostNames(app);
            assertThat(first).hasSize(3);
            String vm = "vm-001";
            String from = hostOf(app, vm);
            movedTo = first.stream().filter(h -> !h.equals(from)).findFirst().orElseThrow();
            long id = app.getBean(MigrationService.class)
                    .start(MigrationCommand.of(vm, movedTo, "precopy"), "test").getId();
            awaitCompleted(app, id);
        }
        try (ConfigurableApplicationContext again = start()) {
            assertThat(hostNames(again)).isEqualTo(first);
            assertThat(again.getBean(MigrationRepository.class).findById(1L)).isPresent();
            assertThat(again.getBean(Hypervisor.class).host(movedTo).domain("vm-001"))
                    .as("the simulated fleet resumes the recorded placement").isPresent();
            assertThat(hostOf(again, "vm-001")).isEqualTo(movedTo);
        }
    }

    private static String hostOf(ConfigurableApplicationContext app, String vm) {
        return app.getBean(VmRepository.class).placements().stream().filter(p -> p.vm().equals(vm))
                .map(VmPlacement::host).findFirst().orElseThrow();
    }

    private static void awaitCompleted(ConfigurableApplicationContext app, long id) {
        MigrationRepository migrations = app.getBean(MigrationRepository.class);
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (migrations.findById(id).orElseThrow().getState() == MigrationState.COMPLETED) {
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new AssertionError("migration " + id + " did not complete: " + migrations.findById(id).orElseThrow()
                .getStateReason());
    }

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(OrchestratorApplication.class).run(
                "--orchestrator.data-dir=" + dataDir,
                "--server.port=0",
                "--orchestrator.hypervisor.simulated.hosts=3",
                "--orchestrator.hypervisor.simulated.vms=4",
                "--orchestrator.hypervisor.simulated.overloaded-hosts=1",
                "--orchestrator.hypervisor.simulated.speed=50");
    }

    private static List<String> hostNames(ConfigurableApplicationContext app) {
        return app.getBean(HostRepository.class).findAll().stream().map(HostEntity::getName).sorted().toList();
    }
}
