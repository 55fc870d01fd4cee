package org.kvmorch.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.kvmorch.config.OrchestratorProperties;
import org.kvmorch.db.PolicyVersionRepository;
import org.kvmorch.db.testsupport.TestDatabase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/** Replicas share the policy through PostgreSQL: at first start together, and on every change. */
@SpringBootTest(properties = {"orchestrator.hypervisor.simulated.hosts=2", "orchestrator.hypervisor.simulated.vms=0",
        "orchestrator.monitoring.interval=1h"})
class PolicyStoreReplicasTest {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.registerFresh(registry, "policy_replicas");
    }

    @Autowired
    PolicyVersionRepository versions;
    @Autowired
    PolicyStore store;
    @Autowired
    JsonMapper json;
    @Autowired
    OrchestratorProperties properties;

    @Test
    void aReplicaThatLosesTheRaceForVersionOneStartsFromTheOtherOnesVersion() {
        // The second replica looked before the first stored version 1, and stores after it did.
        AtomicBoolean lookedTooEarly = new AtomicBoolean();
        PolicyVersionRepository late = (PolicyVersionRepository) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {PolicyVersionRepository.class}, (proxy, method, args) -> {
                    if (method.getName().equals("findTopByOrderByVersionDesc") && lookedTooEarly.compareAndSet(false, true)) {
                        return Optional.empty();
                    }
                    try {
                        return method.invoke(versions, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });

        long stored = versions.count();
        PolicyStore second = new PolicyStore(late, json, properties);

        assertThat(second.currentVersion().version()).isEqualTo(versions.findTopByOrderByVersionDesc().orElseThrow()
                .getVersion());
        assertThat(versions.count()).isEqualTo(stored);
    }

    @Test
    void aVersionStoredThroughAnotherReplicaIsTakenOnRefresh() {
        PolicyStore other = new PolicyStore(versions, json, properties);
        int stored = other.update(other.current(), "test").version();

        assertThat(store.refresh()).isTrue();
        assertThat(store.currentVersion().version()).isEqualTo(stored);
        assertThat(store.refresh()).isFalse();
    }
}
