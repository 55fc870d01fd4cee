package org.kvmorch.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Roles over real HTTP: anonymous 401, missing role 403, every mutating call audited. */
class SecurityApiTest extends ApiTest {

    @Test
    void anonymousGets401AsProblemOnReadsAndWrites() {
        Http.Response read = http.anonymous().get("/api/v1/hosts");
        assertThat(read.status()).isEqualTo(401);
        assertThat(read.contentType()).startsWith("application/problem+json");
        assertThat(http.anonymous().post("/api/v1/migrations", "{\"vm\":\"vm-001\"}").status()).isEqualTo(401);
    }

    @Test
    void healthIsPublic() {
        assertThat(http.anonymous().get("/actuator/health").status()).isEqualTo(200);
    }

    @Test
    void viewerReadsButCannotMigrate() {
        assertThat(http.as("viewer").get("/api/v1/hosts").status()).isEqualTo(200);
        Http.Response r = http.as("viewer").post("/api/v1/migrations", "{\"vm\":\"vm-001\"}");
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.contentType()).startsWith("application/problem+json");
    }

    @Test
    void onlyAdminReadsTheAudit() {
        assertThat(http.as("operator").get("/api/v1/audit").status()).isEqualTo(403);
        assertThat(http.as("admin").get("/api/v1/audit").status()).isEqualTo(200);
    }

    @Test
    void meNamesTheCallerAndRoles() {
        JsonNode me = http.as("operator").get("/api/v1/me").body();
        assertThat(me.get("name").asString()).isEqualTo("operator");
        assertThat(me.get("roles").toString()).contains("OPERATOR");
    }

    @Test
    void wrongPasswordIs401() {
        assertThat(new Http(port, "admin", "wrong").get("/api/v1/hosts").status()).isEqualTo(401);
    }

    @Test
    void mutatingCallsAreAuditedWithWhoAndOutcomeEvenWhenRefused() {
        http.as("viewer").post("/api/v1/migrations", "{\"vm\":\"audit-probe-vm\"}");
        http.as("operator").post("/api/v1/migrations", "{\"vm\":\"audit-probe-vm\"}");
        JsonNode audit = http.as("admin").get("/api/v1/audit?size=50").body();
        boolean deniedViewer = false;
        boolean failedOperator = false;
        for (JsonNode e : audit) {
            if (e.get("action").asString().equals("POST /api/v1/migrations")) {
                deniedViewer |= e.get("principal").asString().equals("viewer")
                        && e.get("outcome").asString().equals("DENIED");
                // audit-probe-vm does not exist: 404, a failure, attributed to the operator
                failedOperator |= e.get("principal").asString().equals("operator")
                        && e.get("outcome").asString().equals("FAILURE");
            }
        }
        assertThat(deniedViewer).as(audit.toString()).isTrue();
        assertThat(failedOperator).as(audit.toString()).isTrue();
    }
}
