package org.kvmorch.policy;

import org.kvmorch.config.OrchestratorProperties;
import org.kvmorch.db.PolicyVersionRepository;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
class PolicyConfiguration {

    @Bean
    PolicyStore policyStore(PolicyVersionRepository versions, JsonMapper json, OrchestratorProperties properties) {
        return new PolicyStore(versions, json, properties);
    }

    @Bean
    PolicyRefresh policyRefresh(PolicyStore store) {
        return new PolicyRefresh(store);
    }

    /** A policy set through another replica is in force here within 5 s. */
    static class PolicyRefresh {
        private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(PolicyRefresh.class);
        private final PolicyStore store;

        PolicyRefresh(PolicyStore store) {
            this.store = store;
        }

        @org.springframework.scheduling.annotation.Scheduled(fixedDelayString = "PT5S", initialDelayString = "PT5S")
        void refresh() {
            try {
                if (store.refresh()) {
                    log.info("Policy version {} (set through another replica) is now in force",
                            store.currentVersion().version());
                }
            } catch (RuntimeException e) {
                log.warn("Policy refresh failed: {}", e.toString());
            }
        }
    }
}
