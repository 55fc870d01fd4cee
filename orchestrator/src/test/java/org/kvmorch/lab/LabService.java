package org.kvmorch.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.kvmorch.OrchestratorApplication;
import org.kvmorch.db.MigrationEntity;
import org.kvmorch.db.MigrationRepository;
import org.kvmorch.db.VmRepository;
import org.kvmorch.db.testsupport.TestDatabase;
import org.kvmorch.hypervisor.libvirt.Lab;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** The whole service started on the lab's libvirt hosts and a test database, and waits on what it records. */
final class LabService {

    private LabService() {
    }

    static ConfigurableApplicationContext start(Lab lab, TestDatabase.Connection db, String replicaName,
                                                String... moreArgs) {
        List<String> args = new ArrayList<>(List.of(
                "--orchestrator.replica-name=" + replicaName,
                "--spring.datasource.url=" + db.jdbcUrl(),
                "--spring.datasource.username=" + db.username(),
                "--spring.datasource.password=" + db.password(),
                "--server.port=0",
                "--orchestrator.hypervisor.mode=libvirt"));
        int i = 0;
        for (String host : List.of("host1", "host2")) {
            args.add("--orchestrator.hypervisor.hosts[" + i + "].name=" + host);
            args.add("--orchestrator.hypervisor.hosts[" + i + "].uri=" + lab.uri(host));
            args.add("--orchestrator.hypervisor.hosts[" + i + "].migration-uri=" + lab.migrateUri(host));
            i++;
        }
        args.addAll(List.of(moreArgs));
        return new SpringApplicationBuilder(OrchestratorApplication.class).run(args.toArray(String[]::new));
    }

    static void awaitVmKnown(ConfigurableApplicationContext app, String vm) throws InterruptedException {
        VmRepository vms = app.getBean(VmRepository.class);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (vms.findByName(vm).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertThat(vms.findByName(vm)).as("the poller found the guest").isPresent();
    }

    /** The VM's dirty rate once the poller has recorded one, or null when {@code limit} has passed. */
    static Long awaitDirtyRate(ConfigurableApplicationContext app, String vm, Duration limit)
            throws InterruptedException {
        VmRepository vms = app.getBean(VmRepository.class);
        long deadline = System.nanoTime() + limit.toNanos();
        Long rate = vms.findByName(vm).orElseThrow().getDirtyRateBytesPerSecond();
        while (rate == null && System.nanoTime() < deadline) {
            Thread.sleep(500);
            rate = vms.findByName(vm).orElseThrow().getDirtyRateBytesPerSecond();
        }
        return rate;
    }

    /** The migration's row once {@code done} holds, or as it is when {@code limit} has passed. */
    static MigrationEntity await(ConfigurableApplicationContext app, long id, Predicate<MigrationEntity> done,
                                 Duration limit) throws InterruptedException {
        MigrationRepository migrations = app.getBean(MigrationRepository.class);
        long deadline = System.nanoTime() + limit.toNanos();
        MigrationEntity m = migrations.findById(id).orElseThrow();
        while (!done.test(m) && System.nanoTime() < deadline) {
            Thread.sleep(250);
            m = migrations.findById(id).orElseThrow();
        }
        return m;
    }
}
