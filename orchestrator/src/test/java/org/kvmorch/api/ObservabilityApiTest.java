package org.kvmorch.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** OpenAPI, health per component, Prometheus metrics: what operators and their tools scrape. */
class ObservabilityApiTest extends ApiTest {

    @Test
    void openApiDocumentListsTheApiAndSwaggerUiIsServed() {
        Http.Response docs = http.anonymous().get("/v3/api-docs");
        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.body().get("openapi").asString()).startsWith("3.");
        JsonNode paths = docs.body().get("paths");
        assertThat(paths.has("/api/v1/hosts")).isTrue();
        assertThat(paths.has("/api/v1/migrations")).isTrue();
        assertThat(paths.has("/api/v1/plans/{id}/matrix")).isTrue();
        assertThat(http.anonymous().get("/swagger-ui/index.html").raw().statusCode()).isEqualTo(200);
    }

    @Test
    void openApiDocumentDescribesIdempotencyTlsStateFilterAndEta() {
        JsonNode docs = http.anonymous().get("/v3/api-docs").body();
        JsonNode paths = docs.get("paths");
        for (String post : new String[] {"/api/v1/migrations", "/api/v1/migrations/{id}/cancel",
                "/api/v1/migrations/{id}/postcopy", "/api/v1/migrations/{id}/resume", "/api/v1/plans",
                "/api/v1/plans/{id}/execute", "/api/v1/hosts/{name}/maintenance"}) {
            JsonNode operation = paths.get(post).get("post");
            JsonNode key = parameter(operation, "Idempotency-Key");
            assertThat(key).as(post + " documents Idempotency-Key").isNotNull();
            assertThat(key.get("in").asString()).isEqualTo("header");
            assertThat(key.get("description").asString()).contains("same key");
            assertThat(operation.get("responses").has("422")).as(post).isTrue();
        }
        JsonNode state = parameter(paths.get("/api/v1/migrations").get("get"), "state");
        assertThat(state.get("schema").get("type").asString()).isEqualTo("array");
        assertThat(state.get("description").asString()).contains("commas");

        JsonNode schemas = docs.get("components").get("schemas");
        assertThat(schemas.get("MigrationRequestBody").get("properties").get("tls").get("type").asString())
                .isEqualTo("boolean");
        assertThat(schemas.get("FleetPolicy").get("properties").has("migrationTls")).isTrue();
        assertThat(schemas.get("MigrationView").get("properties").has("tls")).isTrue();
        assertThat(schemas.get("Live").get("properties").has("etaAt")).isTrue();
    }

    private static JsonNode parameter(JsonNode operation, String name) {
        for (JsonNode p : operation.path("parameters")) {
            if (p.get("name").asString().equals(name)) {
                return p;
            }
        }
        return null;
    }

    @Test
    void healthReportsDatabaseHypervisorsAndSchedulerToSignedInUsers() {
        JsonNode health = http.as("viewer").get("/actuator/health").body();
        assertThat(health.get("status").asString()).isEqualTo("UP");
        JsonNode components = health.get("components");
        assertThat(components.get("db").get("status").asString()).isEqualTo("UP");
        assertThat(components.get("hypervisors").get("status").asString()).isEqualTo("UP");
        assertThat(components.get("hypervisors").get("details").get("hosts").asInt()).isEqualTo(6);
        assertThat(components.get("scheduler").get("status").asString()).isEqualTo("UP");
        // Anonymous callers learn only the overall status, not host names.
        assertThat(http.anonymous().get("/actuator/health").body().has("components")).isFalse();
    }

    @Test
    void prometheusExposesPollAndMigrationMetrics() {
        String text = http.as("viewer").get("/actuator/prometheus").raw().body();
        assertThat(text).contains("kvmorch_poll_lag_seconds", "kvmorch_poll_duration_seconds",
                "kvmorch_hosts_unreachable");
    }
}
