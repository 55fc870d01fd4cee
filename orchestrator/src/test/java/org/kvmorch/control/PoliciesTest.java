package org.kvmorch.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.kvmorch.hypervisor.MigrationFlag;
import org.kvmorch.hypervisor.MigrationMode;

class PoliciesTest {

    private static final long GIB = 1L << 30;
    private final MigrationContext oneGib = MigrationContext.defaults(GIB);

    private static Decision decide(String policy, MigrationContext ctx, Observation obs) {
        return Policies.require(policy).newController(ctx).decide(obs);
    }

    @Test
    void everyNamedPolicyIsRegistered() {
        assertThat(Policies.names()).contains("auto", "adaptive", "precopy", "postcopy", "autoconverge", "cold",
                "hybrid-1", "hybrid-10", "ovirt-minimal-downtime", "ovirt-postcopy", "nova", "kubevirt");
        assertThatThrownBy(() -> Policies.require("hybrid-11")).hasMessageContaining("allowed: auto");
    }

    @Test
    void coldAsksForColdMode_autoconvergeForTheFlag() {
        assertThat(Policies.require("cold").initialRequest(oneGib).mode()).isEqualTo(MigrationMode.COLD);
        assertThat(Policies.require("autoconverge").initialRequest(oneGib).has(MigrationFlag.AUTO_CONVERGE)).isTrue();
        assertThat(Policies.require("precopy").initialRequest(oneGib).has(MigrationFlag.AUTO_CONVERGE)).isFalse();
    }

    @Test
    void postcopyPoliciesRefuseAVmThatForbidsPostcopy() {
        MigrationContext noPostcopy = new MigrationContext(GIB, false, true, Duration.ofMillis(300), 0,
                Optional.empty());
        assertThatThrownBy(() -> Policies.require("hybrid-1").initialRequest(noPostcopy))
                .hasMessageContaining("post-copy");
        assertThat(Policies.require("precopy").initialRequest(noPostcopy).has(MigrationFlag.POSTCOPY)).isFalse();
    }

    @Test
    void hybridTwoSwitchesOnlyAfterTheSecondPass() {
        Controller c = Policies.require("hybrid-2").newController(oneGib);
        Duration d = Duration.ofMillis(300);
        assertThat(c.decide(new Observation(Stats.precopy(1000, 2, 100, 10), Stats.passes(1000), d)).isNone()).isTrue();
        Decision at2 = c.decide(new Observation(Stats.precopy(2000, 3, 100, 10), Stats.passes(1000, 500), d));
        assertThat(at2.actions()).containsExactly(new Action.StartPostCopy());
        assertThat(c.decide(new Observation(Stats.precopy(2100, 3, 100, 10), Stats.passes(1000, 500), d)).isNone())
                .as("switches once").isTrue();
    }

    @Test
    void adaptiveSwitchesWhenTwoOfTheLastThreeFactorsExceedOne() {
        Controller c = Policies.require("adaptive").newController(oneGib);
        Duration d = Duration.ofMillis(300);
        // λ = 0.5, 0.5, 0.5: converging, keep going
        assertThat(c.decide(new Observation(Stats.precopy(4000, 5, 1, 1), Stats.passes(800, 400, 200, 100), d))
                .isNone()).isTrue();
        // λ = 0.5, 0.5, 1.5, 1.5 → last three 0.5, 1.5, 1.5: two above 1, mean 1.17
        Decision diverging = c.decide(new Observation(Stats.precopy(6000, 7, 1, 1),
                Stats.passes(800, 400, 200, 300, 450), d));
        assertThat(diverging.actions()).containsExactly(new Action.StartPostCopy());
    }

    @Test
    void ovirtMinimalDowntimeClimbsTheLadderThenAborts() {
        Controller c = Policies.require("ovirt-minimal-downtime").newController(oneGib);
        assertThat(Policies.require("ovirt-minimal-downtime").initialRequest(oneGib).maxDowntime())
                .isEqualTo(Duration.ofMillis(100));
        long[] expectedDowntimeAtIteration = {0, 0, 150, 200, 300, 400, 0, 500};
        for (int it = 1; it <= 7; it++) {
            Decision dec = c.decide(new Observation(Stats.precopy(it * 1000L, it, 1, 1), Stats.passes(), Duration.ZERO));
            if (expectedDowntimeAtIteration[it] == 0) {
                assertThat(dec.isNone()).as("iteration %d", it).isTrue();
            } else {
                assertThat(dec.actions()).as("iteration %d", it).containsExactly(
                        new Action.SetMaxDowntime(Duration.ofMillis(expectedDowntimeAtIteration[it])));
            }
        }
        Decision last = c.decide(new Observation(Stats.precopy(8000, 8, 1, 1), Stats.passes(), Duration.ZERO));
        assertThat(last.actions()).containsExactly(new Action.Abort());
    }

    @Test
    void novaStepsDowntimeLinearlyAndForcesPostcopyAtTheCompletionTimeout() {
        // 4 GiB: step every 4 × 75 s = 300 s; completion timeout 4 × 800 s = 3200 s.
        MigrationContext fourGib = MigrationContext.defaults(4 * GIB);
        Controller c = Policies.require("nova").newController(fourGib);
        assertThat(c.decide(new Observation(Stats.precopy(299_000, 2, 1, 1), Stats.passes(), Duration.ZERO)).isNone())
                .isTrue();
        assertThat(c.decide(new Observation(Stats.precopy(300_000, 2, 1, 1), Stats.passes(), Duration.ZERO)).actions())
                .containsExactly(new Action.SetMaxDowntime(Duration.ofMillis(95)));
        assertThat(c.decide(new Observation(Stats.precopy(3_000_000, 9, 1, 1), Stats.passes(), Duration.ZERO)).actions())
                .containsExactly(new Action.SetMaxDowntime(Duration.ofMillis(500)));
        assertThat(c.decide(new Observation(Stats.precopy(3_200_001, 9, 1, 1), Stats.passes(), Duration.ZERO)).actions())
                .containsExactly(new Action.StartPostCopy());
    }

    @Test
    void novaCountsAtLeastTwoGibibytes() {
        // 1 GiB counts as 2: first step at 150 s, not 75 s.
        Controller c = Policies.require("nova").newController(oneGib);
        assertThat(c.decide(new Observation(Stats.precopy(100_000, 2, 1, 1), Stats.passes(), Duration.ZERO)).isNone())
                .isTrue();
        assertThat(c.decide(new Observation(Stats.precopy(150_000, 2, 1, 1), Stats.passes(), Duration.ZERO)).isNone())
                .isFalse();
    }

    @Test
    void kubevirtAbortsAfter150sWithoutProgress() {
        MigrationContext big = MigrationContext.defaults(100 * GIB); // completion timeout far away
        Controller c = Policies.require("kubevirt").newController(big);
        assertThat(c.decide(new Observation(Stats.precopy(1_000, 1, 1, 5000), Stats.passes(), Duration.ZERO)).isNone())
                .isTrue();
        assertThat(c.decide(new Observation(Stats.precopy(100_000, 3, 1, 6000), Stats.passes(), Duration.ZERO)).isNone())
                .isTrue();
        assertThat(c.decide(new Observation(Stats.precopy(151_001, 5, 1, 7000), Stats.passes(), Duration.ZERO))
                .actions()).containsExactly(new Action.Abort());
    }

    @Test
    void autoLetsAFastConvergingPrecopyFinish() {
        Controller c = Policies.require("auto").newController(oneGib);
        // λ = 0.1: one more pass + post-copy after it = 0.1 + 0.01 of the bulk pass → within 1.15
        Decision d = c.decide(new Observation(Stats.precopy(2000, 3, 1, 1), Stats.passes(1000, 100),
                Duration.ofMillis(300)));
        assertThat(d.actions()).doesNotContain(new Action.StartPostCopy());
    }

    @Test
    void autoKeepsIteratingWhenAPassOnlyCarriedTheLeftoverUnderTheStopThreshold() {
        // A kernel compile on 125 MiB/s: the stop threshold is 300 ms × 125 MiB/s = 9,600 pages. QEMU syncs once
        // fewer than that are left, so each sync's remainder holds that leftover: 18,925 pages after the bulk pass,
        // 15,240 after the second (which sent 9,600). The excess over the threshold shrank 9,325 → 5,640 (0.6):
        // converging, although the remainder is 1.6× what the second pass sent.
        Controller c = Policies.require("auto").newController(oneGib);
        long link = 125L << 20;
        Duration limit = Duration.ofMillis(300);
        assertThat(c.decide(new Observation(Stats.precopy(8600, 2, 262_144, 18_925L * 4096, link),
                Stats.passes(262_144), limit)).actions()).doesNotContain(new Action.StartPostCopy());
        assertThat(c.decide(new Observation(Stats.precopy(8900, 3, 271_744, 15_240L * 4096, link),
                Stats.passes(262_144, 9_600), limit)).actions()).doesNotContain(new Action.StartPostCopy());
    }

    @Test
    void autoJudgesEachSyncAgainstItsOwnThresholdWhenItRaisedTheLimitInBetween() {
        // 1 GiB, 25 MiB/s, ceiling 2 s. At 300 ms the threshold is 1,920 pages: remainders 4,000 then 3,500 pages
        // are excesses 2,080 → 1,580 (0.76, slow): the limit goes to 600 ms (threshold 3,840). The next sync leaves
        // 3,900 pages, 60 over its threshold: converging (0.04), not "1.00" as 3,500 − 3,840 < 0 would make it.
        MigrationContext ctx = new MigrationContext(GIB, true, true, Duration.ofSeconds(2), 0, Optional.empty());
        Controller c = Policies.require("auto").newController(ctx);
        long link = 25L << 20;
        assertThat(c.decide(new Observation(Stats.precopy(41_000, 2, 262_144, 4_000L * 4096, link),
                Stats.passes(262_144), Duration.ofMillis(300))).isNone()).isTrue();
        assertThat(c.decide(new Observation(Stats.precopy(42_000, 3, 266_144, 3_500L * 4096, link),
                Stats.passes(262_144, 4_000), Duration.ofMillis(300))).actions())
                .containsExactly(new Action.SetMaxDowntime(Duration.ofMillis(600)));
        assertThat(c.decide(new Observation(Stats.precopy(43_000, 4, 269_644, 3_900L * 4096, link),
                Stats.passes(262_144, 4_000, 3_500), Duration.ofMillis(600))).isNone()).isTrue();
    }

    @Test
    void autoSwitchesWhenOneMorePassWouldBreakTheDataBudget() {
        Controller c = Policies.require("auto").newController(oneGib);
        // passes 1000, 900 pages, 900 pending for the next: sent 1900 > 1.15 × 1000 already → switch now
        Decision d = c.decide(new Observation(Stats.precopy(2000, 3, 1900, 900L * 4096), Stats.passes(1000, 900),
                Duration.ofMillis(300)));
        assertThat(d.actions()).containsExactly(new Action.StartPostCopy());
    }

    @Test
    void autoWithoutPostcopyUsesAutoConvergeAndAbortsAtTheDeadline() {
        MigrationContext ctx = new MigrationContext(GIB, false, true, Duration.ofMillis(300), 0,
                Optional.of(Duration.ofSeconds(60)));
        assertThat(Policies.require("auto").initialRequest(ctx).has(MigrationFlag.AUTO_CONVERGE)).isTrue();
        Decision d = Policies.require("auto").newController(ctx).decide(
                new Observation(Stats.precopy(60_000, 9, 1, 1), Stats.passes(1000, 900), Duration.ofMillis(300)));
        assertThat(d.actions()).containsExactly(new Action.Abort());
    }

    @Test
    void autoEscalatesDowntimeWhenConvergingSlowlyUpToTheVmCeiling() {
        MigrationContext ctx = new MigrationContext(GIB, false, true, Duration.ofMillis(1000), 0, Optional.empty());
        Controller c = Policies.require("auto").newController(ctx);
        // the next pass (700 pages) is 0.875 of the last (800): slow, double the limit
        Decision first = c.decide(new Observation(Stats.precopy(2000, 3, 1800, 700L * 4096), Stats.passes(1000, 800),
                Duration.ofMillis(300)));
        assertThat(first.actions()).containsExactly(new Action.SetMaxDowntime(Duration.ofMillis(600)));
        Decision second = c.decide(new Observation(Stats.precopy(3000, 4, 2500, 600L * 4096),
                Stats.passes(1000, 800, 700),
                Duration.ofMillis(600)));
        assertThat(second.actions()).containsExactly(new Action.SetMaxDowntime(Duration.ofMillis(1000)));
    }
}
