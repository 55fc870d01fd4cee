package org.kvmorch.planning;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A hot host (8 of 10 cores, limit 75 %) must shed its only VM, "mover". The only candidate
 * destination is made unsuitable in one way per case; the VM must then stay and the record must
 * say why.
 */
class PlacementTest {

    private static TestFleet base(String moverAntiAffinity) {
        return new TestFleet().host("hot", "c", 10, 64).host("dest", "c", 10, 64)
                .vm(VmSpec.of("mover", "hot", 8, 8 * TestFleet.GIB).withGroups(null, moverAntiAffinity));
    }

    static Stream<Arguments> blockers() {
        return Stream.of(
                Arguments.of("dest in maintenance", base(null).state("dest", HostState.MAINTENANCE), Rejection.NOT_ACTIVE),
                Arguments.of("dest lacks CPU", base(null).vm("filler", "dest", 7.5, 1), Rejection.CPU),
                Arguments.of("dest lacks memory", base(null).vm("filler", "dest", 0.1, 60), Rejection.MEMORY),
                Arguments.of("dest would overload", base(null).vm("filler", "dest", 0.5, 1), Rejection.WOULD_OVERLOAD),
                Arguments.of("anti-affinity", base("db").vm(VmSpec.of("replica", "dest", 0.1, TestFleet.GIB)
                        .withGroups(null, "db")), Rejection.ANTI_AFFINITY));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("blockers")
    void aBlockedDestinationIsNotUsedAndSaysWhy(String name, TestFleet fleet, Rejection expected) {
        Plan plan = new Planner(TestFleet.config(4).explaining(Set.of("mover"))).plan(fleet.build());
        assertThat(plan.migrations()).isEmpty();
        assertThat(plan.unresolved()).extracting(Unresolved::vm).contains("mover");
        HostSuitability dest = plan.explanations().get("mover").stream().filter(h -> h.host().equals("dest"))
                .findFirst().orElseThrow();
        assertThat(dest.suitable()).isFalse();
        assertThat(dest.rejections()).contains(expected);
        assertThat(dest.reason()).contains(expected.text());
    }

    @Test
    void withoutTheBlockerTheVmMoves() {
        FleetSnapshot s = new TestFleet().host("hot", "c", 10, 64).host("dest", "c", 16, 64)
                .vm("mover", "hot", 8, 8).build(); // 8 of 16 cores: 50 %, under the 75 % limit
        Plan plan = new Planner(TestFleet.config(4)).plan(s);
        assertThat(plan.migrations()).singleElement().extracting(PlannedMigration::destination).isEqualTo("dest");
    }

    @Test
    void migrationsStayInsideTheCluster() {
        FleetSnapshot s = new TestFleet().host("hot", "c", 10, 64).host("dest", "other", 10, 64)
                .vm("mover", "hot", 3, 8).vm("stay", "hot", 5, 8).build();
        Plan plan = new Planner(TestFleet.config(4)).plan(s);
        assertThat(plan.migrations()).isEmpty();
        assertThat(plan.unresolved()).extracting(Unresolved::reason).anyMatch(r -> r.contains("cluster c"));
    }

    @Test
    void incomingLimitSpreadsMoves() {
        FleetSnapshot s = new TestFleet().host("hot", "c", 10, 64)
                .host(HostSpec.of("a", "c", 10, 64 * TestFleet.GIB).withLimits(0, 1))
                .host(HostSpec.of("b", "c", 10, 64 * TestFleet.GIB).withLimits(0, 1))
                .vm("v1", "hot", 3, 1).vm("v2", "hot", 3, 1).vm("v3", "hot", 3, 1).build();
        Plan plan = new Planner(TestFleet.config(1.5)).plan(s);
        assertThat(plan.migrations()).extracting(PlannedMigration::destination).containsExactlyInAnyOrder("a", "b");
    }

    @Test
    void outgoingLimitCapsTheSource() {
        FleetSnapshot s = new TestFleet().host(HostSpec.of("hot", "c", 10, 64 * TestFleet.GIB).withLimits(1, 0))
                .host("a", "c", 10, 64).host("b", "c", 10, 64)
                .vm("v1", "hot", 3, 1).vm("v2", "hot", 3, 1).vm("v3", "hot", 3, 1).build();
        Plan plan = new Planner(TestFleet.config(1.5)).plan(s);
        assertThat(plan.migrations()).hasSize(1);
        assertThat(plan.unresolved()).extracting(Unresolved::host).contains("hot");
    }

    @Test
    void affinityGroupsStayTogether() {
        FleetSnapshot s = new TestFleet().host("hot", "c", 10, 64).host("dest", "c", 10, 64)
                .vm(VmSpec.of("web1", "hot", 4, TestFleet.GIB).withGroups("web", null))
                .vm(VmSpec.of("web2", "hot", 4, TestFleet.GIB).withGroups("web", null)).build();
        Plan plan = new Planner(TestFleet.config(4)).plan(s);
        assertThat(plan.migrations()).isEmpty(); // moving one alone would split the group
    }

    @Test
    void bestFitPicksTheFullestHostThatStaysUnderTheLimit() {
        FleetSnapshot s = new TestFleet().host("hot", "c", 10, 64).host("empty", "c", 10, 64)
                .host("half", "c", 10, 64).host("nearlyFull", "c", 10, 64)
                .vm("mover", "hot", 2, 1).vm("stay", "hot", 7, 8)
                .vm("h1", "half", 4, 1).vm("f1", "nearlyFull", 6.5, 1).build();
        // limit: index 4 = 75 % CPU; mover (least RAM) would take nearlyFull to 85 %, half to 60 %
        Plan plan = new Planner(TestFleet.config(4).with(new SelectionParams.MinMigrationTime())).plan(s);
        assertThat(plan.migrations()).singleElement().extracting(PlannedMigration::destination).isEqualTo("half");
    }

    @Test
    void noDestinationEndsOverloaded() {
        FleetSnapshot s = ScenarioFixturesTest.randomFleet(40, 400, 7);
        Plan plan = new Planner(TestFleet.config(4)).plan(s);
        for (HostLoad h : plan.hostLoads()) {
            if (!h.overloadedBefore() && h.vmsAfter() > h.vmsBefore()) {
                assertThat(h.cpuAfter()).as(h.host()).isLessThanOrEqualTo(0.75 + 1e-9);
            }
        }
    }

    @Test
    void drainingHostsGiveEverythingAwayEvenInCoolDown() {
        FleetSnapshot s = new TestFleet().host("old", "c", 10, 64).host("new", "c", 10, 64)
                .vm(VmSpec.of("v1", "old", 1, TestFleet.GIB).withLastMigration(TestFleet.NOW.minusSeconds(60), "new"))
                .vm("v2", "old", 1, 1).state("old", HostState.DRAINING).build();
        Plan plan = new Planner(TestFleet.config(4).withHysteresis(Duration.ofHours(1), Duration.ZERO, 1)).plan(s);
        assertThat(plan.migrations()).extracting(PlannedMigration::reason)
                .containsOnly(MigrationReason.DRAIN).hasSize(2);
    }

    @Test
    void eachMoveIsCostedUnderTheVmsOwnPolicy() {
        FleetSnapshot s = new TestFleet().host("old", "c", 10, 64).host("new", "c", 10, 64)
                .vm(VmSpec.of("own", "old", 1, TestFleet.GIB).withPolicy("postcopy"))
                .vm("default", "old", 1, 1).state("old", HostState.DRAINING).build();
        // A model that charges one second per byte of its policy's name, the default's being "auto".
        MigrationCostModel byPolicy = (guest, bandwidth, policy) -> {
            double n = (policy == null ? "auto" : policy).length();
            return new MigrationCost(n, n, 0, true);
        };
        Plan plan = new Planner(TestFleet.config(4).withCostModel(byPolicy)).plan(s);
        assertThat(plan.migrations()).extracting(m -> m.vm() + ":" + m.predictedCost().seconds())
                .containsExactlyInAnyOrder("own:8.0", "default:4.0");
    }
}
