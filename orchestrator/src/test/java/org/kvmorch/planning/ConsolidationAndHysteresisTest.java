package org.kvmorch.planning;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ConsolidationAndHysteresisTest {

    private static PlannerConfig consolidating() {
        return TestFleet.config(4).with(new UnderloadParams.BelowCpu(0.2));
    }

    @Test
    void anUnderloadedHostIsEmptiedWhenAllItsVmsFit() {
        FleetSnapshot s = new TestFleet().host("a", "c", 10, 64).host("b", "c", 10, 64).host("idle", "c", 10, 64)
                .vm("a1", "a", 3, 1).vm("b1", "b", 3, 1).vm("i1", "idle", 0.5, 1).vm("i2", "idle", 0.5, 1).build();
        Plan plan = new Planner(consolidating()).plan(s);
        assertThat(plan.emptiedHosts()).isEqualTo(1);
        assertThat(plan.migrations()).extracting(PlannedMigration::source).containsOnly("idle");
        assertThat(plan.migrations()).extracting(PlannedMigration::reason).containsOnly(MigrationReason.CONSOLIDATION);
        assertThat(plan.hostLoads().get(2).vmsAfter()).isZero();
    }

    @Test
    void nothingMovesWhenOneVmDoesNotFit() {
        FleetSnapshot s = new TestFleet().host("a", "c", 10, 64).host("idle", "c", 10, 64)
                .vm("a1", "a", 3, 1).vm("i1", "idle", 1, 1).vm("i2", "idle", 1, 62).build();
        Plan plan = new Planner(consolidating()).plan(s);
        assertThat(plan.migrations()).isEmpty();
        assertThat(plan.emptiedHosts()).isZero();
    }

    @Test
    void consolidationNeverWakesAnIdleHost() {
        FleetSnapshot s = new TestFleet().host("idle", "c", 10, 64).host("off", "c", 10, 64)
                .vm("i1", "idle", 1, 1).build();
        assertThat(new Planner(consolidating()).plan(s).migrations()).isEmpty();
    }

    @Test
    void aVmInCoolDownIsNotSelected() {
        FleetSnapshot s = new TestFleet().host("hot", "c", 10, 64).host("dest", "c", 10, 64)
                .vm(VmSpec.of("recent", "hot", 4, TestFleet.GIB)
                        .withLastMigration(TestFleet.NOW.minus(Duration.ofMinutes(10)), "elsewhere"))
                .vm("older", "hot", 4, 1).build();
        Plan plan = new Planner(TestFleet.config(4).withHysteresis(Duration.ofHours(1), Duration.ZERO, 1)).plan(s);
        assertThat(plan.migrations()).extracting(PlannedMigration::vm).containsExactly("older");
    }

    @Test
    void aVmIsNeverSentBackWhereARecentPlanTookItFrom() {
        FleetSnapshot s = new TestFleet().host("hot", "c", 10, 64).host("previous", "c", 10, 64)
                .host("third", "c", 10, 64).vm("filler", "third", 3, 1)
                .vm(VmSpec.of("bouncer", "hot", 4, TestFleet.GIB)
                        .withLastMigration(TestFleet.NOW.minus(Duration.ofHours(2)), "previous"))
                .vm("other", "hot", 4, 1).build();
        PlannerConfig config = TestFleet.config(4).withHysteresis(Duration.ofHours(1), Duration.ofHours(6), 1)
                .explaining(java.util.Set.of("bouncer"));
        Plan plan = new Planner(config).plan(s);
        assertThat(plan.migrations()).filteredOn(m -> m.vm().equals("bouncer"))
                .allSatisfy(m -> assertThat(m.destination()).isNotEqualTo("previous"));
        assertThat(plan.explanations().get("bouncer")).filteredOn(h -> h.host().equals("previous"))
                .singleElement().satisfies(h -> assertThat(h.rejections()).contains(Rejection.RECENT_SOURCE));
    }

    @Test
    void replanningTheResultOfAPlanMovesNothingBack() {
        FleetSnapshot first = ScenarioFixturesTest.randomFleet(30, 300, 11);
        PlannerConfig config = TestFleet.config(4).with(new UnderloadParams.BelowCpu(0.15))
                .withHysteresis(Duration.ofHours(1), Duration.ofHours(6), 0.9);
        Plan plan = new Planner(config).plan(first);
        FleetSnapshot second = ScenarioFixturesTest.apply(first, plan, Duration.ofMinutes(5));
        Plan again = new Planner(config).plan(second);
        for (PlannedMigration m : again.migrations()) {
            assertThat(plan.migrations()).noneMatch(p -> p.vm().equals(m.vm()));
        }
    }
}
