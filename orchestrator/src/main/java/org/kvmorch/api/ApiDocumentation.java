package org.kvmorch.api;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What the OpenAPI document cannot learn from the controllers' signatures: the meaning of the
 * shared Idempotency-Key header and of the multi-valued {@code state} filter. Kept in one place so
 * the controllers stay free of documentation annotations.
 */
@Configuration(proxyBeanMethods = false)
class ApiDocumentation {

    static final String IDEMPOTENCY = "Optional, up to 128 visible ASCII characters (a UUID). A retry with the same"
            + " key and the same request gets the first answer again (status, Location, body) with the header "
            + IdempotentRequests.REPLAYED + ": true, and starts nothing; the same key with another request is 422."
            + " Keys belong to the caller and are kept 24 hours; a request that failed keeps no key.";

    static final String STATE = "Only migrations in one of these states; repeat the parameter or separate states"
            + " with commas (state=RUNNING,POSTCOPY). Unknown states are 400.";

    @Bean
    OperationCustomizer describeSharedParameters() {
        return (operation, handler) -> {
            if (operation.getParameters() == null) {
                return operation;
            }
            for (Parameter p : operation.getParameters()) {
                if (IdempotentRequests.HEADER.equals(p.getName()) && "header".equals(p.getIn())) {
                    p.setDescription(IDEMPOTENCY);
                    reused(operation);
                } else if ("state".equals(p.getName()) && "query".equals(p.getIn())
                        && handler.getBeanType().equals(MigrationsController.class)) {
                    p.setDescription(STATE);
                }
            }
            return operation;
        };
    }

    private static void reused(Operation operation) {
        if (operation.getResponses() != null) {
            operation.getResponses().addApiResponse("422", new ApiResponse()
                    .description("the Idempotency-Key was first used for another request (problem+json)"));
        }
    }
}
