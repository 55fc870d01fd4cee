package org.kvmorch.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.kvmorch.db.testsupport.TestDatabase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Flyway builds the schema on real PostgreSQL and Hibernate validates every entity against it;
 * the constraints the orchestrator relies on hold in the database itself.
 */
@SpringBootTest(properties = "spring.jpa.hibernate.ddl-auto=validate")
class SchemaValidationTest {

    @SpringBootApplication
    static class PersistenceOnly {
    }

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry);
    }

    @Autowired
    HostRepository hosts;
    @Autowired
    VmRepository vms;
    @Autowired
    MigrationRepository migrations;

    @Test
    void entitiesRoundTripThroughPostgres() {
        HostEntity host = hosts.save(new HostEntity("schema-host-a", "sim://schema-host-a", 16, 64L << 30));
        host.recordUtilization(0.5, 0.5, 0.0, 0.0, 4.0, Instant.now());
        hosts.save(host);
        VmEntity vm = vms.save(new VmEntity("schema-vm-1", host, 2, 4L << 30));

        assertThat(hosts.findByName("schema-host-a")).get().extracting(HostEntity::getLoadIndex).isEqualTo(4.0);
        assertThat(vms.countPerHost()).anySatisfy(row -> {
            assertThat(row[0]).isEqualTo(host.getId());
            assertThat(row[1]).isEqualTo(1L);
        });
        assertThat(vm.getId()).isNotNull();
    }

    @Test
    void databaseAllowsOnlyOneUnfinishedMigrationPerVm() {
        HostEntity a = hosts.save(new HostEntity("schema-host-b", "sim://b", 8, 32L << 30));
        VmEntity vm = vms.save(new VmEntity("schema-vm-2", a, 1, 1L << 30));
        MigrationEntity first = new MigrationEntity(vm.getId(), vm.getName(), "schema-host-b", "x", "precopy", "test");
        first.transitionTo(MigrationState.RUNNING, "started");
        migrations.saveAndFlush(first);

        MigrationEntity second = new MigrationEntity(vm.getId(), vm.getName(), "schema-host-b", "y", "precopy", "test");
        assertThatThrownBy(() -> migrations.saveAndFlush(second))
                .isInstanceOf(DataIntegrityViolationException.class);
    }
}
