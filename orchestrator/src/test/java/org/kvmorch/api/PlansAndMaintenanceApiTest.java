package org.kvmorch.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kvmorch.db.testsupport.TestDatabase;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Plans and maintenance over real HTTP on a fleet of its own (own database): a rebalance plan
 * relieves the overloaded hosts without overloading another, its matrix is consistent, executing
 * it moves the VMs (all but one that began migrating after the plan was made, which the plan leaves
 * to that migration); a drain empties a host and leaves it in MAINTENANCE until exit.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "orchestrator.hypervisor.simulated.hosts=6",
        "orchestrator.hypervisor.simulated.vms=18",
        "orchestrator.hypervisor.simulated.overloaded-hosts=2",
        "orchestrator.hypervisor.simulated.speed=100",
        "orchestrator.monitoring.interval=1s",
        "orchestrator.monitoring.overload-duration=1s",
        "orchestrator.planning.rebalance-mode=OFF",
        "orchestrator.security.users.operator.password={noop}operator-pw",
        "orchestrator.security.users.operator.roles=OPERATOR",
        "orchestrator.security.users.admin.password={noop}admin-pw",
        "orchestrator.security.users.admin.roles=ADMIN"})
class PlansAndMaintenanceApiTest {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.registerFresh(registry, "plans_and_maintenance");
    }

    @LocalServerPort
    int port;
    Http http;

    @BeforeEach
    void client() {
        http = new Http(port);
    }

    @Test
    void rebalancePlanRelievesOverloadedHostsAndExecutes() {
        awaitTrue("two hosts overloaded for T", () -> count(http.get("/api/v1/hosts").body(),
                h -> h.get("overloaded").asBoolean()) == 2);
        Set<String> overloaded = new HashSet<>();
        http.get("/api/v1/hosts").body().forEach(h -> {
            if (h.get("overloaded").asBoolean()) {
                overloaded.add(h.get("name").asString());
            }
        });

        Http.Response created = http.post("/api/v1/plans", "{\"kind\":\"rebalance\"}");
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        JsonNode plan = created.body();
        assertThat(plan.get("state").asString()).isEqualTo("RECOMMENDED");
        assertThat(plan.get("migrations").size()).isPositive();
        for (JsonNode m : plan.get("migrations")) {
            assertThat(m.get("predictedTotalMs").asLong()).as("simulator's prediction").isPositive();
            assertThat(overloaded).contains(m.get("source").asString());
            assertThat(overloaded).doesNotContain(m.get("destination").asString());
        }
        for (JsonNode h : plan.get("hosts")) {
            assertThat(h.get("loadAfter").asDouble()).as(h.toString()).isLessThanOrEqualTo(4.0);
        }

        JsonNode matrix = http.get("/api/v1/plans/" + plan.get("id").asLong() + "/matrix").body();
        assertThat(matrix.get("cells").size()).isEqualTo(plan.get("migrations").size());
        for (int i = 0; i < matrix.get("bitmap").size(); i++) {
            String row = matrix.get("bitmap").get(i).asString();
            assertThat(row.chars().filter(c -> c == '1').count()).isEqualTo(1);
            String destination = matrix.get("hosts").get(row.indexOf('1')).asString();
            assertThat(destination).isEqualTo(matrix.get("cells").get(i).get("destination").asString());
        }

        // One planned VM begins migrating after the plan was made (1 MiB/s: still running at execute):
        // that move cannot start, the others must.
        JsonNode first = plan.get("migrations").get(0);
        String busyVm = first.get("vm").asString();
        Http.Response busy = http.post("/api/v1/migrations", "{\"vm\":\"" + busyVm + "\",\"destination\":\""
                + first.get("destination").asString() + "\",\"policy\":\"precopy\",\"bandwidthMibps\":1}");
        assertThat(busy.status()).as(busy.raw().body()).isEqualTo(202);

        String location = created.raw().headers().firstValue("Location").orElseThrow();
        Http.Response execution = http.post(location + "/execute", "");
        assertThat(execution.status()).isEqualTo(202);
        assertThat(http.post(location + "/execute", "").status()).as("only once").isEqualTo(409);
        JsonNode executed = execution.body(); // as executed: the sweep rewrites the reason once the moves end
        assertThat(plan.get("migrations").size()).as("two overloaded hosts to relieve").isGreaterThan(1);
        assertThat(executed.get("stateReason").asString()).contains("not started: " + busyVm, "already migrating");
        for (JsonNode move : executed.get("migrations")) {
            assertThat(move.get("migrationId").isNull()).as(move.toString())
                    .isEqualTo(move.get("vm").asString().equals(busyVm));
        }
        String busyLocation = busy.raw().headers().firstValue("Location").orElseThrow();
        assertThat(http.post(busyLocation + "/cancel", "").status()).isEqualTo(202);
        http.awaitMigrationEnd(busyLocation);
        awaitTrue("plan succeeded", () -> http.get(location).body().get("state").asString().equals("SUCCEEDED"));
        for (JsonNode m : http.get(location).body().get("migrations")) {
            if (m.get("vm").asString().equals(busyVm)) {
                continue; // its own migration was cancelled: it stayed
            }
            assertThat(http.get("/api/v1/vms/" + m.get("vm").asString()).body().get("host").asString())
                    .isEqualTo(m.get("destination").asString());
        }
    }

    @Test
    void drainEmptiesTheHostWhichStaysInMaintenanceUntilExit() {
        String host = "kvm-06";
        int vmsOnHost = http.get("/api/v1/vms?host=" + host).body().size();
        assertThat(vmsOnHost).isPositive();
        // One VM has a policy of its own: the drain must move it with that one.
        String ownPolicyVm = http.get("/api/v1/vms?host=" + host).body().get(0).get("name").asString();
        assertThat(http.as("admin").put("/api/v1/vms/" + ownPolicyVm + "/settings", "{\"policy\":\"hybrid-2\"}")
                .status()).isEqualTo(200);
        String key = java.util.UUID.randomUUID().toString();
        Http.Response entered = http.post("/api/v1/hosts/" + host + "/maintenance", "", key);
        assertThat(entered.status()).as(entered.raw().body()).isEqualTo(202);
        assertThat(entered.body().get("totalVms").asInt()).isEqualTo(vmsOnHost);
        Http.Response retried = http.post("/api/v1/hosts/" + host + "/maintenance", "", key);
        assertThat(retried.status()).isEqualTo(202);
        assertThat(retried.raw().headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(retried.body().get("id").asLong()).isEqualTo(entered.body().get("id").asLong());
        Http.Response otherParameters = http.post("/api/v1/hosts/" + host + "/maintenance?allowCold=true", "", key);
        assertThat(otherParameters.status()).as("same key, other parameters").isEqualTo(422);
        awaitTrue("host in MAINTENANCE", () -> http.get("/api/v1/hosts/" + host).body().get("state").asString()
                .equals("MAINTENANCE"));
        assertThat(http.get("/api/v1/vms?host=" + host).body().size()).isZero();
        JsonNode drain = http.get("/api/v1/hosts/" + host + "/maintenance").body();
        assertThat(drain.get("state").asString()).isEqualTo("SUCCEEDED");
        assertThat(drain.get("migratedVms").asInt()).isEqualTo(vmsOnHost);
        assertThat(http.get("/api/v1/vms/" + ownPolicyVm).body().get("migrations").get(0).get("policy").asString())
                .isEqualTo("hybrid-2");

        // A host in maintenance receives nothing.
        JsonNode vm = http.get("/api/v1/vms?host=kvm-05").body().get(0);
        Http.Response refused = http.post("/api/v1/migrations",
                "{\"vm\":\"" + vm.get("name").asString() + "\",\"destination\":\"" + host + "\"}");
        assertThat(refused.status()).isEqualTo(409);

        assertThat(http.delete("/api/v1/hosts/" + host + "/maintenance").status()).isEqualTo(204);
        assertThat(http.get("/api/v1/hosts/" + host).body().get("state").asString()).isEqualTo("ACTIVE");
        assertThat(http.delete("/api/v1/hosts/" + host + "/maintenance").status()).isEqualTo(409);
    }

    private static long count(JsonNode array, Predicate<JsonNode> p) {
        long n = 0;
        for (JsonNode e : array) {
            n += p.test(e) ? 1 : 0;
        }
        return n;
    }

    private static void awaitTrue(String what, java.util.function.BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            if (condition.getAsBoolean()) {
                return;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new AssertionError("timed out waiting for: " + what);
    }
}
