package org.kvmorch.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class HostsApiTest extends ApiTest {

    @Test
    void listsEverySimulatedHostWithStateLoadAndVmCount() {
        Http.Response r = http.get("/api/v1/hosts");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.raw().headers().firstValue("X-Total-Count")).hasValue("6");
        assertThat(r.body().isArray()).isTrue();
        assertThat(r.body()).hasSize(6);
        long vms = 0;
        for (JsonNode host : r.body()) {
            assertThat(host.get("name").asString()).isNotBlank();
            assertThat(host.get("state").asString()).isEqualTo("ACTIVE");
            assertThat(host.get("loadIndex").asDouble()).isGreaterThanOrEqualTo(1.0);
            vms += host.get("vmCount").asLong();
        }
        assertThat(vms).isEqualTo(18);
    }

    @Test
    void overloadedHostsCarryAHigherLoadIndex() {
        JsonNode hosts = http.get("/api/v1/hosts").body();
        // The fleet is built with 2 hosts loaded above the default threshold of 4.
        long aboveThreshold = 0;
        for (JsonNode host : hosts) {
            if (host.get("loadIndex").asDouble() > 4.0) {
                aboveThreshold++;
            }
        }
        assertThat(aboveThreshold).isEqualTo(2);
    }

    @Test
    void pagingSplitsTheList() {
        Http.Response first = http.get("/api/v1/hosts?page=0&size=4");
        Http.Response second = http.get("/api/v1/hosts?page=1&size=4");
        assertThat(first.body()).hasSize(4);
        assertThat(second.body()).hasSize(2);
        assertThat(first.body().get(0).get("name").asString())
                .isNotEqualTo(second.body().get(0).get("name").asString());
    }

    @Test
    void oneHostByName() {
        String name = http.get("/api/v1/hosts").body().get(0).get("name").asString();
        Http.Response r = http.get("/api/v1/hosts/" + name);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body().get("name").asString()).isEqualTo(name);
        assertThat(r.body().get("utilization").get("cpu").asDouble()).isBetween(0.0, 1.0);
        assertThat(r.body().get("vms").size()).isEqualTo(r.body().get("vmCount").asInt());
    }

    @Test
    void aVmShowsWhatThePollerMeasuredOfItsMemory() {
        // The simulated hosts report each guest's write rate, working set and resident set; the poller stores them.
        String name = http.get("/api/v1/vms").body().get(0).get("name").asString();
        JsonNode vm = http.get("/api/v1/vms/" + name).body();
        assertThat(vm.get("workingSetBytes").asLong()).isPositive();
        assertThat(vm.get("residentBytes").asLong()).isPositive().isLessThanOrEqualTo(vm.get("memoryBytes").asLong());
    }

    @Test
    void unknownHostIsProblem404NamingIt() {
        Http.Response r = http.get("/api/v1/hosts/no-such-host");
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.body().get("type").asString()).endsWith("/not-found");
        assertThat(r.body().get("host").asString()).isEqualTo("no-such-host");
    }

    @Test
    void invalidPageSizeIsProblem400NamingTheField() {
        Http.Response r = http.get("/api/v1/hosts?size=0");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.body().get("field").asString()).isEqualTo("size");
    }

    @Test
    void healthIsUp() {
        Http.Response r = http.get("/actuator/health");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body().get("status").asString()).isEqualTo("UP");
    }
}
