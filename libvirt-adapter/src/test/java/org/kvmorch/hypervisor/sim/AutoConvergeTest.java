package org.kvmorch.hypervisor.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.kvmorch.hypervisor.MigrationFlag;

class AutoConvergeTest {

    @Test
    void secondHighPeriodStartsTheThrottleThenEveryOtherAddsTheIncrement() {
        AutoConverge ac = new AutoConverge(true, 20, 10);
        assertThat(ac.onPeriod(600, 1000)).isFalse(); // high #1 (600 > 500)
        assertThat(ac.onPeriod(600, 1000)).isTrue(); // high #2
        assertThat(ac.throttlePercent()).isEqualTo(20);
        assertThat(ac.onPeriod(400, 1000)).isFalse(); // low: does not reset the count
        assertThat(ac.onPeriod(600, 1000)).isFalse(); // high #1
        assertThat(ac.onPeriod(501, 1000)).isTrue(); // high #2
        assertThat(ac.throttlePercent()).isEqualTo(30);
        assertThat(ac.runFraction()).isCloseTo(0.7, within(1e-9));
    }

    @Test
    void throttleStopsAtNinetyNinePercent() {
        AutoConverge ac = new AutoConverge(true, 20, 30);
        for (int i = 0; i < 20; i++) {
            ac.onPeriod(1, 0);
        }
        assertThat(ac.throttlePercent()).isEqualTo(99);
    }

    @Test
    void disabledWithoutTheFlag() {
        AutoConverge ac = new AutoConverge(false, 20, 10);
        ac.onPeriod(1000, 1000);
        ac.onPeriod(1000, 1000);
        assertThat(ac.throttlePercent()).isZero();
    }

    /**
     * 1 GiB at 125 MiB/s, sequential writer at 150 MiB/s (λ 1.2), round-end rule, auto-converge
     * 20 % + 10 %. By hand (MiB, s; each pass takes V/125 s; dirtied = D·(1 − throttle)·T, at most
     * 1024):
     * pass 1, 2: 1024 each, all pages re-dirtied: syncs 2 and 3 are high → 20 % from pass 3;
     * pass 3: D 120 → 983; pass 4: 7.86 s → 944 (high #2 → 30 %); pass 5: D 105 → 793;
     * pass 6: → 666 (→ 40 %); pass 7: D 90 → 479; pass 8: → 345 (→ 50 %); pass 9: D 75 → 207;
     * pass 10: → 124 (→ 60 %); pass 11: D 60, 0.99 s → 59.7, a sync less than 1 s after the last
     * evaluated one is not evaluated; pass 12: 0.48 s → 28.6: period dirtied 88 vs 50 % of 184 sent,
     * low. 28.6 ≤ 37.5: stop, downtime 229 ms, 12 live passes.
     */
    @Test
    void throttleRampsAtQemusPaceUntilPreCopyConverges() {
        SimRunResult r = SimulatedMigrationRun.run(SimRunParameters.of(1024, 125, SimFixtures.sequential(150, 1024))
                        .withStopRule(StopRule.ROUND_END).withDeviceStateKib(0)
                        .withExtraFlags(Set.of(MigrationFlag.AUTO_CONVERGE)),
                MigrationController.none());
        assertThat(r.result()).isEqualTo(SimRunResult.Result.COMPLETED);
        assertThat(r.passes().stream().filter(p -> p.kind() == PassRecord.Kind.LIVE)
                .mapToInt(PassRecord::throttlePercent).toArray())
                .containsExactly(0, 0, 20, 20, 30, 30, 40, 40, 50, 50, 60, 60);
        assertThat(r.precopyRounds()).isEqualTo(12);
        assertThat(r.downtimeMs()).isCloseTo(229, within(10L));
    }
}
