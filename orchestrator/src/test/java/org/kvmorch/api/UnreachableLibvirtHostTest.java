package org.kvmorch.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.kvmorch.db.testsupport.TestDatabase;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * A configured libvirt host that never answers is listed DOWN (capacity unknown) in the hosts API
 * and in health, instead of being absent. The URI points at a closed local port, so the connection
 * is refused at once; no libvirt daemon is needed. (Where libvirt's client library is not installed,
 * the first connection fails on loading it instead: the host is still one that never answered.)
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "orchestrator.hypervisor.mode=libvirt",
        "orchestrator.hypervisor.hosts[0].name=silent-1",
        "orchestrator.hypervisor.hosts[0].uri=qemu+tcp://127.0.0.1:1/system",
        "orchestrator.monitoring.interval=2s",
        "orchestrator.planning.rebalance-mode=off",
        "orchestrator.security.users.viewer.password={noop}viewer-pw",
        "orchestrator.security.users.viewer.roles=VIEWER"})
class UnreachableLibvirtHostTest {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.registerFresh(registry, "unreachable_libvirt");
    }

    @LocalServerPort
    int port;

    @Test
    void aConfiguredHostThatNeverAnsweredIsListedDown() {
        Http http = new Http(port, "viewer", "viewer-pw");
        Http.Response list = http.get("/api/v1/hosts");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body()).hasSize(1);
        JsonNode host = list.body().get(0);
        assertThat(host.get("name").asString()).isEqualTo("silent-1");
        assertThat(host.get("state").asString()).isEqualTo("DOWN");
        assertThat(host.get("cpus").asInt()).isZero(); // unknown until it answers
        assertThat(host.get("lastSeenAt").isNull()).isTrue();
        assertThat(http.get("/api/v1/hosts/silent-1").body().get("state").asString()).isEqualTo("DOWN");

        JsonNode health = http.get("/actuator/health").body();
        JsonNode hypervisors = health.get("components").get("hypervisors");
        assertThat(hypervisors.get("status").asString()).isEqualTo("DOWN");
        String reason = hypervisors.get("details").get("silent-1").asString();
        System.out.println("silent-1 health: " + reason);
        assertThat(reason).startsWith("DOWN: ");
    }
}
