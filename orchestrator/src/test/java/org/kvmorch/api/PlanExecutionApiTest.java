package org.kvmorch.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.kvmorch.db.testsupport.TestDatabase;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Drains and migrations that cannot or need not start: a drain leaves a VM that is already leaving
 * its host to that migration, drains the rest, and takes that VM too once its migration ended
 * without it; a drain whose every move is refused fails with the reason instead of planning again
 * forever. (A plan whose move can no longer start: PlansAndMaintenanceApiTest.)
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "orchestrator.hypervisor.simulated.hosts=4",
        "orchestrator.hypervisor.simulated.vms=8",
        "orchestrator.hypervisor.simulated.overloaded-hosts=0",
        "orchestrator.hypervisor.simulated.speed=100",
        "orchestrator.monitoring.interval=1s",
        "orchestrator.planning.rebalance-mode=OFF",
        "orchestrator.security.users.operator.password={noop}operator-pw",
        "orchestrator.security.users.operator.roles=OPERATOR",
        "orchestrator.security.users.admin.password={noop}admin-pw",
        "orchestrator.security.users.admin.roles=ADMIN"})
class PlanExecutionApiTest {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.registerFresh(registry, "plan_execution");
    }

    @LocalServerPort
    int port;
    Http http;

    @BeforeEach
    void client() {
        http = new Http(port);
    }

    @Test
    void drainLeavesAVmAlreadyLeavingToItsOwnMigrationAndTakesItIfThatFails() {
        String host = "kvm-04";
        JsonNode vms = http.get("/api/v1/vms?host=" + host).body();
        assertThat(vms.size()).as("VMs on " + host).isGreaterThan(1);
        JsonNode largest = byMemory(vms).get(vms.size() - 1);
        // At 1 MiB/s × speed 100 a 4 GiB guest takes ~40 s: far longer than the drain's own moves + 5 s.
        assertThat(largest.get("memoryBytes").asLong()).as("the seeded fleet's largest VM here")
                .isGreaterThanOrEqualTo(4L << 30);
        String busyVm = largest.get("name").asString();
        // The largest VM at 1 MiB/s: still running when the drain plans and after its own moves end.
        Http.Response busy = http.post("/api/v1/migrations", "{\"vm\":\"" + busyVm
                + "\",\"destination\":\"kvm-01\",\"policy\":\"precopy\",\"bandwidthMibps\":1}");
        assertThat(busy.status()).as(busy.raw().body()).isEqualTo(202);
        String busyLocation = busy.raw().headers().firstValue("Location").orElseThrow();

        Http.Response entered = http.post("/api/v1/hosts/" + host + "/maintenance", "");
        assertThat(entered.status()).as(entered.raw().body()).isEqualTo(202);
        assertThat(entered.body().get("state").asString()).isEqualTo("RUNNING");
        JsonNode plan = http.get("/api/v1/plans").body().get(0);
        assertThat(plan.get("kind").asString()).isEqualTo("DRAIN");
        assertThat(plan.get("migrations")).as("the planner sees it on kvm-01 already")
                .noneMatch(move -> move.get("vm").asString().equals(busyVm))
                .hasSize(vms.size() - 1)
                .allMatch(move -> !move.get("migrationId").isNull());

        // The drain's own moves end; while the busy VM's migration goes on, the drain waits for it
        // (the sweep runs every 2 s) instead of planning again and again.
        awaitTrue("the drain's own moves done", () -> http.get("/api/v1/hosts/" + host + "/maintenance").body()
                .get("migratedVms").asInt() == vms.size() - 1);
        Http.pause(5000);
        assertThat(http.get("/api/v1/plans").body()).filteredOn(p -> p.get("kind").asString().equals("DRAIN"))
                .hasSize(1);

        // Once the busy VM's own migration is over (here: cancelled, so it stayed), the drain takes it too.
        assertThat(http.get(busyLocation).body().get("state").asString()).isEqualTo("RUNNING");
        assertThat(http.post(busyLocation + "/cancel", "").status()).isEqualTo(202);
        awaitTrue("host in MAINTENANCE", () -> http.get("/api/v1/hosts/" + host).body().get("state").asString()
                .equals("MAINTENANCE"));
        assertThat(http.get("/api/v1/vms?host=" + host).body().size()).isZero();
        assertThat(http.get("/api/v1/plans").body()).filteredOn(p -> p.get("kind").asString().equals("DRAIN"))
                .hasSize(2);
        assertThat(http.delete("/api/v1/hosts/" + host + "/maintenance").status()).isEqualTo(204);
    }

    @Test
    void aDrainWhoseEveryMoveIsRefusedFailsWithTheReason() {
        String host = "kvm-03";
        Http admin = http.as("admin");
        JsonNode vms = http.get("/api/v1/vms?host=" + host).body();
        assertThat(vms.size()).isPositive();
        for (JsonNode vm : vms) { // valid now: the fleet's default (auto) runs without post-copy
            assertThat(admin.put("/api/v1/vms/" + vm.get("name").asString() + "/settings",
                    "{\"allowedModes\":[\"precopy\"]}").status()).isEqualTo(200);
        }
        JsonNode policy = admin.get("/api/v1/policy").body().get("policy");
        ObjectNode postcopyByDefault = (ObjectNode) policy.deepCopy();
        postcopyByDefault.put("defaultMigrationPolicy", "postcopy");
        assertThat(admin.put("/api/v1/policy", postcopyByDefault.toString()).status()).isEqualTo(200);
        try {
            Http.Response entered = http.post("/api/v1/hosts/" + host + "/maintenance", "");
            assertThat(entered.status()).as(entered.raw().body()).isEqualTo(202);
            awaitTrue("the drain failed", () -> http.get("/api/v1/hosts/" + host + "/maintenance").body()
                    .get("state").asString().equals("FAILED"));
            assertThat(http.get("/api/v1/hosts/" + host + "/maintenance").body().get("message").asString())
                    .contains("needs post-copy");
            assertThat(http.get("/api/v1/vms?host=" + host).body().size()).isEqualTo(vms.size());
        } finally {
            assertThat(admin.put("/api/v1/policy", policy.toString()).status()).isEqualTo(200);
            http.delete("/api/v1/hosts/" + host + "/maintenance");
            for (JsonNode vm : vms) {
                admin.put("/api/v1/vms/" + vm.get("name").asString() + "/settings", "{}");
            }
        }
    }

    /** Cold allowed for the whole drain ({@code ?allowCold=true}), or only in the stuck VM's own settings. */
    @ParameterizedTest(name = "{0}, cold allowed by the {1}")
    @CsvSource({"kvm-02, drain", "kvm-01, VM"})
    void aDrainThatAllowsColdMovesAVmThatCannotMoveLiveCold(String host, String allowedBy) {
        boolean byDrain = allowedBy.equals("drain");
        Http admin = http.as("admin");
        JsonNode vms = http.get("/api/v1/vms?host=" + host).body();
        assertThat(vms.size()).isPositive();
        JsonNode smallest = byMemory(vms).get(0);
        String stuck = smallest.get("name").asString();
        String settings = "/api/v1/vms/" + stuck + "/settings";
        // A 1 s deadline without post-copy: auto aborts every live try (a 50 MiB/s cap moves no guest in 1 s).
        assertThat(admin.put(settings, "{\"allowedModes\":[\"precopy\"],\"deadlineSeconds\":1,\"bandwidthMibps\":50"
                + (byDrain ? "" : ",\"allowCold\":true") + "}").status()).isEqualTo(200);
        try {
            Http.Response entered = http.post("/api/v1/hosts/" + host + "/maintenance"
                    + (byDrain ? "?allowCold=true" : ""), "");
            assertThat(entered.status()).as(entered.raw().body()).isEqualTo(202);
            awaitTrue("the drain ended", () -> !http.get("/api/v1/hosts/" + host + "/maintenance").body()
                    .get("state").asString().equals("RUNNING"));
            JsonNode drain = http.get("/api/v1/hosts/" + host + "/maintenance").body();
            assertThat(drain.get("state").asString()).as(drain.toString()).isEqualTo("SUCCEEDED");
            List<String> tries = new ArrayList<>();
            for (JsonNode m : http.get("/api/v1/vms/" + stuck).body().get("migrations")) {
                tries.add(0, m.get("policy").asString() + ":" + m.get("state").asString()); // newest first
            }
            assertThat(tries).containsExactly("auto:FAILED", "auto:FAILED", "auto:FAILED", "cold:COMPLETED");
            assertThat(drain.get("failedVms").asInt()).as("one VM, three failed tries").isEqualTo(1);
            long firstTry = http.get("/api/v1/vms/" + stuck).body().get("migrations").get(3).get("id").asLong();
            assertThat(http.get("/api/v1/migrations/" + firstTry).body().get("failureCause").asString())
                    .startsWith("aborted by the policy: auto: deadline reached");
            assertThat(http.get("/api/v1/vms?host=" + host).body().size()).isZero();
        } finally {
            http.delete("/api/v1/hosts/" + host + "/maintenance");
            admin.put(settings, "{}");
        }
    }

    /** The VMs of a listing, smallest memory first. */
    private static List<JsonNode> byMemory(JsonNode vms) {
        List<JsonNode> sorted = new ArrayList<>();
        vms.forEach(sorted::add);
        sorted.sort(java.util.Comparator.comparingLong(vm -> vm.get("memoryBytes").asLong()));
        return sorted;
    }

    private static void awaitTrue(String what, BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        while (Instant.now().isBefore(deadline)) {
            if (condition.getAsBoolean()) {
                return;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("timed out waiting for: " + what);
    }
}
