package org.kvmorch.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.kvmorch.OrchestratorApplication;
import org.kvmorch.db.testsupport.TestDatabase;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** An Idempotency-Key outlives the process: a retry after a restart gets the first answer, not a second plan. */
class IdempotencyRestartTest {

    @Test
    void retryAfterARestartReplaysTheFirstAnswer() {
        TestDatabase.Connection db = TestDatabase.fresh("idempotency_restart");
        String key = UUID.randomUUID().toString();
        String body = "{\"kind\":\"rebalance\"}";
        Http.Response first;
        try (ConfigurableApplicationContext app = start(db)) {
            first = client(app).post("/api/v1/plans", body, key);
            assertThat(first.status()).as(first.raw().body()).isEqualTo(201);
        }
        try (ConfigurableApplicationContext again = start(db)) {
            Http http = client(again);
            Http.Response retry = http.post("/api/v1/plans", body, key);
            assertThat(retry.status()).isEqualTo(201);
            assertThat(retry.raw().headers().firstValue("Idempotent-Replayed")).hasValue("true");
            assertThat(retry.raw().headers().firstValue("Location"))
                    .isEqualTo(first.raw().headers().firstValue("Location"));
            assertThat(retry.body().get("id").asLong()).isEqualTo(first.body().get("id").asLong());
            assertThat(http.get("/api/v1/plans").raw().headers().firstValue("X-Total-Count")).hasValue("1");
        }
    }

    private static Http client(ConfigurableApplicationContext app) {
        return new Http(((WebServerApplicationContext) app).getWebServer().getPort());
    }

    private static ConfigurableApplicationContext start(TestDatabase.Connection db) {
        return new SpringApplicationBuilder(OrchestratorApplication.class).run(
                "--spring.datasource.url=" + db.jdbcUrl(),
                "--spring.datasource.username=" + db.username(),
                "--spring.datasource.password=" + db.password(),
                "--server.port=0",
                "--orchestrator.hypervisor.simulated.hosts=3",
                "--orchestrator.hypervisor.simulated.vms=4",
                "--orchestrator.hypervisor.simulated.overloaded-hosts=1",
                "--orchestrator.planning.rebalance-mode=OFF",
                "--orchestrator.security.users.operator.password={noop}operator-pw",
                "--orchestrator.security.users.operator.roles=OPERATOR");
    }
}
