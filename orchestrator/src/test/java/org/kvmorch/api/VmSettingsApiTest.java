package org.kvmorch.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** A VM's own migration settings: ADMIN replaces them, migrations and plans follow them, bad values name the field. */
class VmSettingsApiTest extends ApiTest {

    @Test
    void aVmsOwnPolicyAndLimitsGovernItsNextMigration() {
        JsonNode hosts = http.get("/api/v1/hosts").body();
        String host = hosts.get(hosts.size() - 2).get("name").asString();
        String vm = http.get("/api/v1/vms?host=" + host).body().get(0).get("name").asString();
        String settings = "/api/v1/vms/" + vm + "/settings";
        JsonNode before = http.as("viewer").get(settings).body();
        assertThat(before.get("policy").isNull()).as(before.toString()).isTrue();
        assertThat(before.get("allowedModes").isNull()).isTrue();

        String body = "{\"policy\":\"adaptive\",\"allowedModes\":[\"postcopy\"],\"maxDowntimeMs\":200,"
                + "\"bandwidthMibps\":100,\"deadlineSeconds\":600,\"antiAffinityGroup\":\"replicas\","
                + "\"allowCold\":true}";
        assertThat(http.as("operator").put(settings, body).status()).isEqualTo(403);
        try {
            Http.Response put = http.as("admin").put(settings, body);
            assertThat(put.status()).as(put.raw().body()).isEqualTo(200);
            JsonNode read = http.as("viewer").get(settings).body();
            assertThat(read.get("policy").asString()).isEqualTo("adaptive");
            assertThat(read.get("allowedModes")).extracting(JsonNode::asString).containsExactly("postcopy", "precopy");
            assertThat(read.get("maxDowntimeMs").asInt()).isEqualTo(200);
            assertThat(read.get("bandwidthMibps").asLong()).isEqualTo(100);
            assertThat(read.get("deadlineSeconds").asInt()).isEqualTo(600);
            assertThat(read.get("antiAffinityGroup").asString()).isEqualTo("replicas");
            assertThat(read.get("affinityGroup").isNull()).isTrue();
            assertThat(read.get("allowCold").asBoolean()).isTrue();

            // No policy in the request: the VM's own, not the fleet's default (auto).
            Http.Response started = http.as("operator").post("/api/v1/migrations", "{\"vm\":\"" + vm + "\"}");
            assertThat(started.status()).as(started.raw().body()).isEqualTo(202);
            assertThat(started.body().get("policy").asString()).isEqualTo("adaptive");
            String location = started.raw().headers().firstValue("Location").orElseThrow();
            assertThat(http.awaitMigrationEnd(location).get("state").asString()).isEqualTo("COMPLETED");

            JsonNode audit = http.as("admin").get("/api/v1/audit?size=50").body();
            assertThat(audit).anyMatch(a -> a.get("target").asString().contains(settings)
                    && a.get("principal").asString().equals("admin"));
        } finally {
            assertThat(http.as("admin").put(settings, "{}").status()).isEqualTo(200);
        }
        JsonNode cleared = http.as("viewer").get(settings).body();
        assertThat(cleared.get("policy").isNull()).isTrue();
        assertThat(cleared.get("maxDowntimeMs").isNull()).isTrue();
        assertThat(cleared.get("allowCold").isNull()).as("absent = false").isTrue();
    }

    @Test
    void badSettingsAreRefusedNamingTheFieldAndChangeNothing() {
        String vm = http.get("/api/v1/vms").body().get(0).get("name").asString();
        String settings = "/api/v1/vms/" + vm + "/settings";
        Http admin = http.as("admin");

        Http.Response unknown = admin.put(settings, "{\"policy\":\"teleport\"}");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
        assertThat(unknown.body().get("field").asString()).isEqualTo("policy");
        assertThat(unknown.body().get("detail").asString()).contains("teleport", "adaptive");

        Http.Response incompatible = admin.put(settings, "{\"policy\":\"postcopy\",\"allowedModes\":[\"precopy\"]}");
        assertThat(incompatible.status()).isEqualTo(400);
        assertThat(incompatible.body().get("field").asString()).isEqualTo("policy");
        assertThat(incompatible.body().get("detail").asString()).contains("needs post-copy");

        Http.Response mode = admin.put(settings, "{\"allowedModes\":[\"warp\"]}");
        assertThat(mode.status()).isEqualTo(400);
        assertThat(mode.body().get("field").asString()).startsWith("allowedModes");
        Http.Response noMode = admin.put(settings, "{\"allowedModes\":[null]}");
        assertThat(noMode.status()).as(noMode.raw().body()).isEqualTo(400);
        assertThat(noMode.body().get("field").asString()).startsWith("allowedModes");

        for (String notStanding : new String[] {"cold", "pa-hybrid"}) {
            Http.Response r = admin.put(settings, "{\"policy\":\"" + notStanding + "\"}");
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.body().get("field").asString()).isEqualTo("policy");
            assertThat(r.body().get("detail").asString()).contains("cannot be a VM's own policy");
        }

        Http.Response downtime = admin.put(settings, "{\"maxDowntimeMs\":0}");
        assertThat(downtime.status()).isEqualTo(400);
        assertThat(downtime.body().get("field").asString()).isEqualTo("maxDowntimeMs");

        assertThat(admin.put("/api/v1/vms/no-such-vm/settings", "{}").status()).isEqualTo(404);
        assertThat(http.as("viewer").get(settings).body().get("policy").isNull()).isTrue();
    }
}
