package org.kvmorch.planning;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Scenario files in src/test/resources/planning: each names its situation, the test checks the
 * expectations written in the file and the invariants every plan must keep.
 */
class ScenarioFixturesTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"two-hosts-one-overloaded.json", "maintenance-host-gets-nothing.json",
        "anti-affinity-replicas-spread.json", "underloaded-host-consolidated.json"})
    void scenario(String file) throws IOException {
        JsonNode root;
        try (InputStream in = getClass().getResourceAsStream("/planning/" + file)) {
            root = JsonMapper.builder().build().readTree(in);
        }
        TestFleet fleet = new TestFleet();
        for (JsonNode h : root.get("hosts").values()) {
            HostSpec spec = HostSpec.of(h.get("name").asString(), h.get("cluster").asString(), h.get("cores").asDouble(),
                    h.get("memoryGiB").asLong() * TestFleet.GIB);
            fleet.host(h.has("state") ? spec.withState(HostState.valueOf(h.get("state").asString())) : spec);
        }
        for (JsonNode v : root.get("vms").values()) {
            fleet.vm(VmSpec.of(v.get("name").asString(), v.get("host").asString(), v.get("cores").asDouble(),
                    v.get("memoryGiB").asLong() * TestFleet.GIB)
                    .withGroups(null, v.has("antiAffinity") ? v.get("antiAffinity").asString() : null));
        }
        double threshold = root.get("loadIndexThreshold").asDouble();
        PlannerConfig config = TestFleet.config(threshold);
        if (root.has("underloadCpu")) {
            config = config.with(new UnderloadParams.BelowCpu(root.get("underloadCpu").asDouble()));
        }
        FleetSnapshot s = fleet.build();
        Plan plan = new Planner(config).plan(s);

        JsonNode expect = root.get("expect");
        assertThat(plan.migrations()).as(root.get("description").asString()).hasSize(expect.get("migrations").asInt());
        assertThat(plan.unresolved()).hasSize(expect.get("unresolved").asInt());
        Set<String> from = strings(expect.get("from"));
        Set<String> to = strings(expect.get("to"));
        assertThat(plan.migrations()).allSatisfy(m -> {
            assertThat(from).contains(m.source());
            assertThat(to).contains(m.destination());
        });
        assertInvariants(s, plan, 1 - 1 / threshold);
    }

    private static Set<String> strings(JsonNode array) {
        Set<String> out = new HashSet<>();
        array.values().forEach(n -> out.add(n.asString()));
        return out;
    }

    /** What every plan must keep, whatever the scenario. */
    static void assertInvariants(FleetSnapshot s, Plan plan, double cpuLimit) {
        Set<String> moved = new HashSet<>();
        for (PlannedMigration m : plan.migrations()) {
            assertThat(moved.add(m.vm())).as("moved twice: " + m.vm()).isTrue();
            int src = s.hostIndex(m.source());
            int dst = s.hostIndex(m.destination());
            assertThat(s.hostOf(s.vmIndex(m.vm()))).isEqualTo(src);
            assertThat(s.clusterOf(dst)).isEqualTo(s.clusterOf(src));
            assertThat(s.stateOf(dst)).isEqualTo(HostState.ACTIVE);
            assertThat(dst).isNotEqualTo(src);
        }
        for (int h = 0; h < s.hostCount(); h++) {
            HostLoad load = plan.hostLoads().get(h);
            assertThat(load.cpuAfter()).as("cpu capacity " + load.host()).isLessThanOrEqualTo(Math.max(1, load.cpuBefore()));
            if (!load.overloadedBefore() && load.vmsAfter() > load.vmsBefore()) {
                assertThat(load.cpuAfter()).as("destination overloaded " + load.host()).isLessThanOrEqualTo(cpuLimit + 1e-9);
            }
        }
        double[] mem = s.memReserved.clone();
        for (PlannedMigration m : plan.migrations()) {
            int v = s.vmIndex(m.vm());
            mem[s.hostIndex(m.source())] -= s.vmMem[v];
            mem[s.hostIndex(m.destination())] += s.vmMem[v];
        }
        for (int h = 0; h < s.hostCount(); h++) {
            assertThat(mem[h]).as("memory " + s.hostName(h)).isLessThanOrEqualTo(Math.max(s.memCap[h], s.memReserved[h]));
        }
    }

    /** Deterministic random fleet: 32-core hosts in clusters of 10, about 10 VMs each, some hot. */
    static FleetSnapshot randomFleet(int hosts, int vms, long seed) {
        Random r = new Random(seed);
        TestFleet f = new TestFleet();
        for (int h = 0; h < hosts; h++) {
            f.host("h" + h, "c" + h / 10, 32, 256);
        }
        double[] used = new double[hosts];
        for (int v = 0; v < vms; v++) {
            int h = r.nextInt(hosts);
            double cores = h % 7 == 0 ? 2 + r.nextDouble() * 3 : 0.2 + r.nextDouble() * 2;
            if (used[h] + cores > 32) {
                continue;
            }
            used[h] += cores;
            f.vm(VmSpec.of("v" + v, "h" + h, cores, (1 + r.nextInt(16)) * TestFleet.GIB)
                    .withGroups(null, v % 9 == 0 ? "g" + v % 4 : null));
        }
        return f.build();
    }

    /** The snapshot after a plan has run, some time later: VMs moved, migration times recorded. */
    static FleetSnapshot apply(FleetSnapshot s, Plan plan, Duration later) {
        Map<String, PlannedMigration> moves = new HashMap<>();
        plan.migrations().forEach(m -> moves.put(m.vm(), m));
        Instant at = s.at().plus(later);
        TestFleet f = new TestFleet();
        for (int h = 0; h < s.hostCount(); h++) {
            f.host(HostSpec.of(s.hostNames[h], s.clusterOf(h), s.cpuCap[h], (long) s.memCap[h]).withState(s.hostState[h]));
        }
        List<VmSpec> vms = new ArrayList<>();
        for (int v = 0; v < s.vmCount(); v++) {
            PlannedMigration m = moves.get(s.vmNames[v]);
            VmSpec spec = VmSpec.of(s.vmNames[v], m == null ? s.hostNames[s.vmHost[v]] : m.destination(), s.vmCpu[v],
                    (long) s.vmMem[v]);
            if (m != null) {
                spec = spec.withLastMigration(s.at(), m.source());
            }
            vms.add(spec);
        }
        vms.forEach(f::vm);
        FleetSnapshot next = f.build();
        // rebuild at the later instant
        FleetSnapshot.Builder b = FleetSnapshot.builder(at, s.sampleInterval());
        for (int h = 0; h < next.hostCount(); h++) {
            b.host(new HostSpec(next.hostNames[h], next.clusterOf(h), next.hostState[h], next.cpuCap[h], next.maxVmCpu[h],
                    (long) next.memCap[h], 0, 0, 0, 0, next.cpuUsed[h] / next.cpuCap[h], next.memUtil[h], 0, 0,
                    next.cpuHistory[h], next.loadHistory[h], null, null));
        }
        return b.vms(vms).build();
    }
}
