package org.kvmorch;

import org.kvmorch.db.testsupport.TestDatabase;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of tests that run the whole service over real HTTP on a random port, against the shared
 * real PostgreSQL of {@link TestDatabase} and a small simulated fleet running at high speed.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "orchestrator.hypervisor.simulated.hosts=6",
        "orchestrator.hypervisor.simulated.vms=18",
        "orchestrator.hypervisor.simulated.overloaded-hosts=2",
        "orchestrator.hypervisor.simulated.speed=100",
        "orchestrator.monitoring.interval=2s",
        "orchestrator.security.users.viewer.password={noop}viewer-pw",
        "orchestrator.security.users.viewer.roles=VIEWER",
        "orchestrator.security.users.operator.password={noop}operator-pw",
        "orchestrator.security.users.operator.roles=OPERATOR",
        "orchestrator.security.users.admin.password={noop}admin-pw",
        "orchestrator.security.users.admin.roles=ADMIN"})
public abstract class ServiceTest {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry);
    }
}
