package org.kvmorch.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The policy document: versioned, validated with the field named, ADMIN-only to change, audited. */
class PolicyApiTest extends ApiTest {

    @Test
    void adminChangesThePolicyAsANewVersionThatTakesEffect() {
        JsonNode current = http.as("viewer").get("/api/v1/policy").body();
        int version = current.get("version").asInt();
        ObjectNode policy = (ObjectNode) current.get("policy").deepCopy();
        policy.put("defaultMigrationPolicy", "precopy");
        policy.put("maxOutgoingPerHost", 3);

        assertThat(http.as("operator").put("/api/v1/policy", policy.toString()).status()).isEqualTo(403);
        Http.Response updated = http.as("admin").put("/api/v1/policy", policy.toString());
        assertThat(updated.status()).as(updated.raw().body()).isEqualTo(200);
        assertThat(updated.body().get("version").asInt()).isEqualTo(version + 1);
        assertThat(updated.body().get("createdBy").asString()).isEqualTo("admin");
        assertThat(http.get("/api/v1/policy").body().get("policy").get("maxOutgoingPerHost").asInt()).isEqualTo(3);

        // restore, so other tests see the defaults
        ObjectNode original = (ObjectNode) current.get("policy");
        assertThat(http.as("admin").put("/api/v1/policy", original.toString()).status()).isEqualTo(200);
    }

    @Test
    void invalidValuesAreRejectedNamingTheField() {
        ObjectNode policy = (ObjectNode) http.get("/api/v1/policy").body().get("policy").deepCopy();
        policy.put("maxIncomingPerHost", 0);
        Http.Response r = http.as("admin").put("/api/v1/policy", policy.toString());
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body().get("field").asString()).isEqualTo("maxIncomingPerHost");

        policy.put("maxIncomingPerHost", 2);
        policy.put("defaultMigrationPolicy", "teleport");
        Http.Response unknown = http.as("admin").put("/api/v1/policy", policy.toString());
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.body().get("detail").asString()).contains("defaultMigrationPolicy", "teleport");
    }
}
