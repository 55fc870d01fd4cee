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
}
