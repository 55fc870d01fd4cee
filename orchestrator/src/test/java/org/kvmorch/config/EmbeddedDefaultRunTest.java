package org.kvmorch.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kvmorch.OrchestratorApplication;
import org.kvmorch.db.HostEntity;
import org.kvmorch.db.HostRepository;
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
    void secondStartFindsTheSameData() {
        List<String> first;
        try (ConfigurableApplicationContext app = start()) {
            assertThat(app.getBean(EmbeddedPostgresServer.class).dataDirectory())
                    .isEqualTo(dataDir.resolve("postgres"));
            first = hostNames(app);
            assertThat(first).hasSize(3);
        }
        try (ConfigurableApplicationContext again = start()) {
            assertThat(hostNames(again)).isEqualTo(first);
        }
    }

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(OrchestratorApplication.class).run(
                "--orchestrator.data-dir=" + dataDir,
                "--server.port=0",
                "--orchestrator.hypervisor.simulated.hosts=3",
                "--orchestrator.hypervisor.simulated.vms=4",
                "--orchestrator.hypervisor.simulated.overloaded-hosts=1");
    }

    private static List<String> hostNames(ConfigurableApplicationContext app) {
        return app.getBean(HostRepository.class).findAll().stream().map(HostEntity::getName).sorted().toList();
    }
}
