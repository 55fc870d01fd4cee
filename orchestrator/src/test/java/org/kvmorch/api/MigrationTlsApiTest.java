package org.kvmorch.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * TLS for migration streams: a policy switch (versioned, ADMIN-only), a per-request override, and
 * the flag reaching the hypervisor port — the simulator caps a TLS stream at 400 MiB/s (encryption
 * is CPU-bound), well under the simulated fleet's 10 GbE.
 */
class MigrationTlsApiTest extends ApiTest {

    private static final double TLS_STREAM_BYTES_PER_SECOND = 400.0 * (1 << 20);

    @Test
    void policySwitchRoundTripsAsANewVersion_andMigrationsWithoutAnOverrideFollowIt() {
        JsonNode current = http.get("/api/v1/policy").body();
        assertThat(current.get("policy").get("migrationTls").asBoolean()).as("off by default").isFalse();
        ObjectNode policy = (ObjectNode) current.get("policy").deepCopy();
        policy.put("migrationTls", true);
        assertThat(http.as("operator").put("/api/v1/policy", policy.toString()).status()).isEqualTo(403);
        Http.Response updated = http.as("admin").put("/api/v1/policy", policy.toString());
        assertThat(updated.status()).as(updated.raw().body()).isEqualTo(200);
        assertThat(updated.body().get("version").asInt()).isEqualTo(current.get("version").asInt() + 1);
        try {
            assertThat(http.as("viewer").get("/api/v1/policy").body().get("policy").get("migrationTls").asBoolean())
                    .isTrue();
            Http.Response badType = http.as("admin").put("/api/v1/policy",
                    policy.deepCopy().put("migrationTls", "sometimes").toString());
            assertThat(badType.status()).isEqualTo(400);
            assertThat(badType.contentType()).startsWith("application/problem+json");
            assertThat(badType.body().get("detail").asString()).contains("sometimes");
            assertThat(badType.body().get("field").asString()).isEqualTo("migrationTls");

            JsonNode vm = largestVmOn(hostIndex(-4));
            String from = vm.get("host").asString();
            Http.Response started = http.post("/api/v1/migrations", "{\"vm\":\"" + vm.get("name").asString()
                    + "\",\"destination\":\"" + otherHost(from) + "\",\"policy\":\"precopy\"}");
            assertThat(started.status()).as(started.raw().body()).isEqualTo(202);
            assertThat(started.body().get("tls").asBoolean()).as("the policy's switch").isTrue();
            JsonNode done = http.awaitMigrationEnd(started.raw().headers().firstValue("Location").orElseThrow());
            assertThat(done.get("state").asString()).as(done.toString()).isEqualTo("COMPLETED");
            assertThat(done.get("tls").asBoolean()).isTrue();
            assertThat(rate(done)).as("a TLS stream on the simulator").isLessThanOrEqualTo(TLS_STREAM_BYTES_PER_SECOND);

            // A policy document from before the switch existed (no field) reads as false.
            policy.remove("migrationTls");
            Http.Response older = http.as("admin").put("/api/v1/policy", policy.toString());
            assertThat(older.status()).isEqualTo(200);
            assertThat(older.body().get("policy").get("migrationTls").asBoolean()).isFalse();
        } finally {
            assertThat(http.as("admin").put("/api/v1/policy", current.get("policy").toString()).status())
                    .isEqualTo(200);
        }
    }

    @Test
    void perRequestTlsReachesTheSimulatorAndSlowsTheStream() {
        JsonNode vm = largestVmOn(hostIndex(-3));
        String name = vm.get("name").asString();
        String home = vm.get("host").asString();
        String away = otherHost(home);

        JsonNode plain = migrate(name, away, false);
        JsonNode encrypted = migrate(name, home, true);

        assertThat(plain.get("tls").asBoolean()).isFalse();
        assertThat(encrypted.get("tls").asBoolean()).isTrue();
        double plainRate = rate(plain);
        double tlsRate = rate(encrypted);
        assertThat(tlsRate).as("TLS capped at 400 MiB/s; plain ran at %.0f MiB/s", plainRate / (1 << 20))
                .isLessThanOrEqualTo(TLS_STREAM_BYTES_PER_SECOND);
        assertThat(plainRate).as("the same VM without TLS, on 10 GbE").isGreaterThan(1.3 * tlsRate);
        assertThat(encrypted.get("prediction").get("totalTimeMs").asLong())
                .as("the prediction ran with TLS too")
                .isGreaterThan(plain.get("prediction").get("totalTimeMs").asLong());
    }

    private JsonNode migrate(String vm, String destination, boolean tls) {
        Http.Response r = http.post("/api/v1/migrations", "{\"vm\":\"" + vm + "\",\"destination\":\"" + destination
                + "\",\"policy\":\"precopy\",\"tls\":" + tls + "}");
        assertThat(r.status()).as(r.raw().body()).isEqualTo(202);
        assertThat(r.body().get("tls").asBoolean()).isEqualTo(tls);
        JsonNode done = http.awaitMigrationEnd(r.raw().headers().firstValue("Location").orElseThrow());
        assertThat(done.get("state").asString()).as(done.toString()).isEqualTo("COMPLETED");
        return done;
    }

    /** Bytes on the wire per second of the migration's own (simulated) time. */
    private static double rate(JsonNode migration) {
        JsonNode m = migration.get("metrics");
        return m.get("totalBytes").asDouble() * 1000 / m.get("totalTimeMs").asDouble();
    }

    private String hostIndex(int fromEnd) {
        JsonNode hosts = http.get("/api/v1/hosts").body();
        return hosts.get(hosts.size() + fromEnd).get("name").asString();
    }

    private JsonNode largestVmOn(String host) {
        JsonNode best = null;
        for (JsonNode vm : http.get("/api/v1/vms?host=" + host).body()) {
            if (best == null || vm.get("memoryBytes").asLong() > best.get("memoryBytes").asLong()) {
                best = vm;
            }
        }
        assertThat(best).as("a VM on " + host).isNotNull();
        return best;
    }

    private String otherHost(String host) {
        for (JsonNode h : http.get("/api/v1/hosts").body()) {
            if (!h.get("name").asString().equals(host) && h.get("loadIndex").asDouble() < 4.0
                    && h.get("state").asString().equals("ACTIVE")) {
                return h.get("name").asString();
            }
        }
        throw new AssertionError("no other host");
    }
}
