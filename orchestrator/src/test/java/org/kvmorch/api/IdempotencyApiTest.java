package org.kvmorch.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.kvmorch.db.IdempotencyKeyRepository;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Idempotency-Key on the POSTs that start work, over real HTTP: a retry gets the first answer
 * (status, Location, body) and starts nothing new; the same key with another request is 422; keys
 * are the caller's own and live in PostgreSQL.
 */
class IdempotencyApiTest extends ApiTest {

    @Autowired
    IdempotencyKeyRepository keys;

    @Test
    void retriedMigrationStartsOnce_evenConcurrently_andADifferentBodyIs422() throws Exception {
        JsonNode hosts = http.get("/api/v1/hosts").body();
        JsonNode vm = http.get("/api/v1/vms?host=" + hosts.get(hosts.size() - 2).get("name").asString()).body().get(0);
        String name = vm.get("name").asString();
        String destination = hosts.get(hosts.size() - 1).get("name").asString();
        String key = UUID.randomUUID().toString();
        String body = "{\"vm\":\"" + name + "\",\"destination\":\"" + destination
                + "\",\"policy\":\"precopy\",\"bandwidthMibps\":50}";
        long before = total("/api/v1/migrations?vm=" + name);

        // Two at once: the second waits for the first's commit, then replays it.
        CompletableFuture<Http.Response> a = CompletableFuture.supplyAsync(() -> http.post("/api/v1/migrations", body, key));
        CompletableFuture<Http.Response> b = CompletableFuture.supplyAsync(() -> http.post("/api/v1/migrations", body, key));
        Http.Response first = a.get();
        Http.Response second = b.get();
        assertThat(first.status()).as(first.raw().body()).isEqualTo(202);
        assertThat(second.status()).as(second.raw().body()).isEqualTo(202);
        assertThat(location(second)).isEqualTo(location(first));
        assertThat(second.body().get("id").asLong()).isEqualTo(first.body().get("id").asLong());
        assertThat(replayed(first) ^ replayed(second)).as("exactly one of them is the replay").isTrue();

        // Later, with the fields in another order and other spacing: the same request.
        String reordered = "{ \"bandwidthMibps\": 50, \"policy\": \"precopy\", \"destination\": \"" + destination
                + "\", \"vm\": \"" + name + "\" }";
        Http.Response retry = http.post("/api/v1/migrations", reordered, key);
        assertThat(retry.status()).isEqualTo(202);
        assertThat(replayed(retry)).isTrue();
        assertThat(location(retry)).isEqualTo(location(first));
        assertThat(retry.body().get("state").asString()).as("the first answer, as it was").isEqualTo("PENDING");
        assertThat(total("/api/v1/migrations?vm=" + name)).as("one migration started").isEqualTo(before + 1);

        Http.Response other = http.post("/api/v1/migrations", body.replace("\"precopy\"", "\"postcopy\""), key);
        assertThat(other.status()).isEqualTo(422);
        assertThat(other.contentType()).startsWith("application/problem+json");
        assertThat(other.body().get("field").asString()).isEqualTo("Idempotency-Key");
        assertThat(other.body().get("detail").asString()).contains(key, "POST /api/v1/migrations");

        Http.Response elsewhere = http.post("/api/v1/plans", "{\"kind\":\"rebalance\",\"scope\":\"none\"}", key);
        assertThat(elsewhere.status()).as("one key, one request").isEqualTo(422);

        assertThat(keys.find("operator", key)).as("kept in PostgreSQL, so a restart remembers it").get()
                .satisfies(k -> {
                    assertThat(k.getStatus()).isEqualTo(202);
                    assertThat(k.getLocation()).isEqualTo(location(first));
                });
        http.post(location(first) + "/cancel", ""); // leave the fleet as it was for the other tests
        http.awaitMigrationEnd(location(first));
    }

    @Test
    void planExecuteRetriedWithItsKeyGetsTheFirstAnswer_withoutAKeyIs409() {
        String createKey = UUID.randomUUID().toString();
        // A scope no host belongs to: an empty plan, so executing it moves nothing other tests need.
        String body = "{\"kind\":\"rebalance\",\"scope\":\"idempotency-test\"}";
        Http.Response created = http.post("/api/v1/plans", body, createKey);
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        Http.Response again = http.post("/api/v1/plans", body, createKey);
        assertThat(again.status()).isEqualTo(201);
        assertThat(replayed(again)).isTrue();
        assertThat(location(again)).isEqualTo(location(created));
        assertThat(again.body().get("id").asLong()).isEqualTo(created.body().get("id").asLong());
        assertThat(http.get(location(created)).body().get("state").asString())
                .as("not superseded by a second plan").isEqualTo("RECOMMENDED");

        String executeKey = UUID.randomUUID().toString();
        Http.Response executed = http.post(location(created) + "/execute", "", executeKey);
        assertThat(executed.status()).as(executed.raw().body()).isEqualTo(202);
        Http.Response retried = http.post(location(created) + "/execute", "", executeKey);
        assertThat(retried.status()).isEqualTo(202);
        assertThat(replayed(retried)).isTrue();
        assertThat(retried.body().get("state").asString()).isEqualTo(executed.body().get("state").asString());
        assertThat(http.post(location(created) + "/execute", "").status()).as("a new request").isEqualTo(409);
        assertThat(http.post(location(created) + "/execute", "", UUID.randomUUID().toString()).status())
                .as("a new key is a new request").isEqualTo(409);

        // Keys are per caller: the admin's use of the operator's key is its own request.
        Http.Response admins = http.as("admin").post("/api/v1/plans", body, createKey);
        assertThat(admins.status()).isEqualTo(201);
        assertThat(replayed(admins)).isFalse();
        assertThat(admins.body().get("id").asLong()).isNotEqualTo(created.body().get("id").asLong());
    }

    @Test
    void cancelRetriedWithItsKeyIs202Again_notTheConflictOfASecondCancel() {
        JsonNode hosts = http.get("/api/v1/hosts").body();
        JsonNode vm = http.get("/api/v1/vms?host=" + hosts.get(hosts.size() - 3).get("name").asString()).body().get(0);
        Http.Response started = http.post("/api/v1/migrations", "{\"vm\":\"" + vm.get("name").asString()
                + "\",\"destination\":\"" + hosts.get(hosts.size() - 1).get("name").asString()
                + "\",\"policy\":\"precopy\",\"bandwidthMibps\":1}");
        assertThat(started.status()).as(started.raw().body()).isEqualTo(202);
        String location = location(started);
        awaitState(location, "RUNNING");

        String key = UUID.randomUUID().toString();
        assertThat(http.post(location + "/cancel", "", key).status()).isEqualTo(202);
        assertThat(http.awaitMigrationEnd(location).get("state").asString()).isEqualTo("CANCELLED");
        Http.Response retried = http.post(location + "/cancel", "", key);
        assertThat(retried.status()).isEqualTo(202);
        assertThat(replayed(retried)).isTrue();
        assertThat(http.post(location + "/cancel", "").status()).isEqualTo(409);
        assertThat(http.post(location + "/resume", "", key).status()).as("another path").isEqualTo(422);
    }

    @Test
    void malformedKeysAre400NamingTheHeader() {
        for (String bad : new String[] {"has space", "x".repeat(129)}) {
            Http.Response r = http.post("/api/v1/plans", "{\"kind\":\"rebalance\",\"scope\":\"none\"}", bad);
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.contentType()).startsWith("application/problem+json");
            assertThat(r.body().get("field").asString()).isEqualTo("Idempotency-Key");
        }
    }

    private static String location(Http.Response r) {
        return r.raw().headers().firstValue("Location").orElseThrow(() -> new AssertionError("no Location: "
                + r.raw().headers().map()));
    }

    private static boolean replayed(Http.Response r) {
        return r.raw().headers().firstValue("Idempotent-Replayed").map(Boolean::parseBoolean).orElse(false);
    }

    private long total(String path) {
        return Long.parseLong(http.get(path).raw().headers().firstValue("X-Total-Count").orElseThrow());
    }

    private void awaitState(String location, String state) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline)) {
            if (http.get(location).body().get("state").asString().equals(state)) {
                return;
            }
            Http.pause(50);
        }
        throw new AssertionError("migration never reached " + state + ": " + http.get(location).body());
    }
}
