package org.kvmorch.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Starts real migrations on the simulated fleet over HTTP and follows them to the end. */
class MigrationsApiTest extends ApiTest {

    @Test
    void migrationRunsToCompletionAndTheVmChangesHost() {
        // From an unloaded host, so other tests sharing this fleet still see the overloaded ones.
        JsonNode hosts = http.get("/api/v1/hosts").body();
        JsonNode vm = anyVmOn(hosts.get(hosts.size() - 1).get("name").asString());
        String from = vm.get("host").asString();
        String to = otherHost(from);

        Http.Response started = http.post("/api/v1/migrations",
                "{\"vm\":\"" + vm.get("name").asString() + "\",\"destination\":\"" + to + "\",\"policy\":\"precopy\"}");
        assertThat(started.status()).isEqualTo(202);
        String location = started.raw().headers().firstValue("Location").orElseThrow();
        assertThat(started.body().get("policy").asString()).isEqualTo("precopy");
        assertThat(started.body().get("requestedBy").asString()).isEqualTo("operator");

        JsonNode done = http.awaitMigrationEnd(location);
        assertThat(done.get("state").asString()).as(done.toString()).isEqualTo("COMPLETED");
        JsonNode metrics = done.get("metrics");
        assertThat(metrics.get("totalBytes").asLong()).isPositive();
        assertThat(metrics.get("pagesSent").asLong()).isPositive();
        assertThat(metrics.get("downtimeMs").asLong()).isGreaterThanOrEqualTo(0);
        assertThat(metrics.get("t1PreparationMs").asLong() + metrics.get("t2DowntimeMs").asLong()
                + metrics.get("t3ResumeMs").asLong()).isEqualTo(metrics.get("totalTimeMs").asLong());
        assertThat(done.get("iterations").size()).isEqualTo(metrics.get("precopyRounds").asInt());
        JsonNode history = http.get("/api/v1/vms/" + vm.get("name").asString()).body().get("migrations");
        assertThat(history.get(0).get("id").asLong()).isEqualTo(done.get("id").asLong());
        assertThat(history.get(0).get("state").asString()).isEqualTo("COMPLETED");
        JsonNode predicted = done.get("prediction");
        assertThat(predicted.get("totalTimeMs").asLong()).as("predicted before the start").isPositive();
        assertThat(predicted.get("totalBytes").asLong()).isPositive();
    }

    @Test
    void predictionsPerPolicyComeFromTheSimulator() {
        JsonNode hosts = http.get("/api/v1/hosts").body();
        JsonNode vm = anyVmOn(hosts.get(hosts.size() - 3).get("name").asString());
        String name = vm.get("name").asString();
        Http.Response one = http.get("/api/v1/predictions?vm=" + name + "&policy=precopy");
        assertThat(one.status()).isEqualTo(200);
        assertThat(one.body()).hasSize(1);
        assertThat(one.body().get(0).get("policy").asString()).isEqualTo("precopy");
        assertThat(one.body().get(0).get("totalBytes").asLong()).isPositive();
        JsonNode all = http.get("/api/v1/predictions?vm=" + name).body();
        assertThat(all.size()).isGreaterThan(10);
        assertThat(http.get("/api/v1/predictions?vm=nope").status()).isEqualTo(404);
    }

    @Test
    void sameHostIsConflict409() {
        String host = http.get("/api/v1/hosts").body().get(1).get("name").asString();
        JsonNode vm = anyVmOn(host);
        Http.Response r = http.post("/api/v1/migrations",
                "{\"vm\":\"" + vm.get("name").asString() + "\",\"destination\":\"" + host + "\"}");
        assertThat(r.status()).isEqualTo(409);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.body().get("field").asString()).isEqualTo("destination");
    }

    @Test
    void unknownVmIs404_unknownPolicyIs400_missingVmIs400() {
        assertThat(http.post("/api/v1/migrations", "{\"vm\":\"no-such-vm\"}").status()).isEqualTo(404);
        JsonNode vm = anyVmOn(http.get("/api/v1/hosts").body().get(2).get("name").asString());
        Http.Response badPolicy = http.post("/api/v1/migrations",
                "{\"vm\":\"" + vm.get("name").asString() + "\",\"policy\":\"teleport\"}");
        assertThat(badPolicy.status()).isEqualTo(400);
        assertThat(badPolicy.body().get("detail").asString()).contains("teleport", "allowed:");
        Http.Response noVm = http.post("/api/v1/migrations", "{}");
        assertThat(noVm.status()).isEqualTo(400);
        assertThat(noVm.body().get("field").asString()).isEqualTo("vm");
    }

    @Test
    void cancellingAPrecopyKeepsTheVmOnTheSource_thenCancelAgainIs409() {
        JsonNode hosts = http.get("/api/v1/hosts").body();
        JsonNode vm = anyVmOn(hosts.get(hosts.size() - 2).get("name").asString());
        String from = vm.get("host").asString();
        // 1 MiB/s: the copy takes long enough (even at 100x simulated speed) to cancel it mid-way.
        Http.Response started = http.post("/api/v1/migrations", "{\"vm\":\"" + vm.get("name").asString()
                + "\",\"destination\":\"" + otherHost(from) + "\",\"policy\":\"precopy\",\"bandwidthMibps\":1}");
        String location = started.raw().headers().firstValue("Location").orElseThrow();
        awaitState(location, "RUNNING");

        assertThat(http.post(location + "/cancel", "").status()).isEqualTo(202);
        JsonNode done = http.awaitMigrationEnd(location);
        assertThat(done.get("state").asString()).isEqualTo("CANCELLED");
        assertThat(http.get("/api/v1/vms/" + vm.get("name").asString()).body().get("host").asString())
                .isEqualTo(from);

        Http.Response again = http.post(location + "/cancel", "");
        assertThat(again.status()).isEqualTo(409);
        assertThat(http.post(location + "/resume", "").status()).isEqualTo(409);
    }

    @Test
    void stateFilterTakesSeveralStates_repeatedOrCommaSeparated_unknownIs400() {
        // Finished states only: their counts do not move while other migrations run.
        for (int attempt = 0; ; attempt++) {
            long completed = total("/api/v1/migrations?state=COMPLETED");
            long cancelled = total("/api/v1/migrations?state=CANCELLED");
            long repeated = total("/api/v1/migrations?state=COMPLETED&state=CANCELLED");
            long commas = total("/api/v1/migrations?state=completed,%20CANCELLED");
            if (repeated == completed + cancelled && commas == repeated) {
                break;
            }
            assertThat(attempt).as("a migration ended between the calls; counts " + completed + "+" + cancelled
                    + " vs " + repeated + ", " + commas).isLessThan(3);
        }
        JsonNode both = http.get("/api/v1/migrations?state=COMPLETED,CANCELLED&size=1000").body();
        both.forEach(m -> assertThat(m.get("state").asString()).isIn("COMPLETED", "CANCELLED"));

        Http.Response unknown = http.get("/api/v1/migrations?state=RUNNING,TELEPORTING");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
        assertThat(unknown.body().get("field").asString()).isEqualTo("state");
        assertThat(unknown.body().get("detail").asString()).contains("TELEPORTING", "POSTCOPY");
    }

    @Test
    void liveEtaIsOnTheServiceClockNotTheSimulators() {
        // The fleet runs at 100x: at 8 MiB/s of simulated time, the first pass alone takes minutes
        // of simulated time but seconds of wall time, and the ETA must say seconds.
        JsonNode hosts = http.get("/api/v1/hosts").body();
        JsonNode vm = anyVmOn(hosts.get(hosts.size() - 1).get("name").asString());
        Http.Response started = http.post("/api/v1/migrations", "{\"vm\":\"" + vm.get("name").asString()
                + "\",\"destination\":\"" + otherHost(vm.get("host").asString())
                + "\",\"policy\":\"precopy\",\"bandwidthMibps\":8}");
        assertThat(started.status()).as(started.raw().body()).isEqualTo(202);
        String location = started.raw().headers().firstValue("Location").orElseThrow();
        try {
            JsonNode first = awaitEta(location);
            Http.pause(600);
            JsonNode second = awaitEta(location);
            Instant now = Instant.now();
            for (JsonNode live : new JsonNode[] {first, second}) {
                double jobSeconds = live.get("dataRemainingBytes").asDouble() / (8 << 20);
                assertThat((double) live.get("etaSeconds").asLong()).as("remaining / 8 MiB/s / 100x: " + live)
                        .isBetween(jobSeconds / 100 * 0.5 - 1, jobSeconds / 100 * 2 + 1);
            }
            Instant at = Instant.parse(second.get("etaAt").asString());
            assertThat(Math.abs(Duration.between(now, at).toSeconds() - second.get("etaSeconds").asLong()))
                    .as("etaSeconds counts to etaAt").isLessThanOrEqualTo(2);
            assertThat(Duration.between(Instant.parse(first.get("etaAt").asString()), at).abs().toMillis())
                    .as("at a steady rate the finish time stays put on the wall clock: " + first + " then " + second)
                    .isLessThan(3000);
        } finally {
            http.post(location + "/cancel", "");
            http.awaitMigrationEnd(location);
        }
    }

    /** The live view of a migration in its first pass, once it has a rate and an ETA. */
    private JsonNode awaitEta(String location) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline)) {
            JsonNode live = http.get(location).body().get("live");
            if (live != null && live.hasNonNull("etaSeconds") && live.get("iteration").asLong() <= 1) {
                return live;
            }
            Http.pause(50);
        }
        throw new AssertionError("no ETA in the first pass: " + http.get(location).body());
    }

    private long total(String path) {
        Http.Response r = http.get(path);
        assertThat(r.status()).as(r.raw().body()).isEqualTo(200);
        return Long.parseLong(r.raw().headers().firstValue("X-Total-Count").orElseThrow());
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

    private JsonNode anyVmOn(String host) {
        JsonNode vms = http.get("/api/v1/vms?host=" + host).body();
        assertThat(vms.size()).as("VMs on " + host).isPositive();
        return vms.get(0);
    }

    private String otherHost(String host) {
        for (JsonNode h : http.get("/api/v1/hosts").body()) {
            if (!h.get("name").asString().equals(host) && h.get("loadIndex").asDouble() < 4.0) {
                return h.get("name").asString();
            }
        }
        throw new AssertionError("no other host");
    }
}
