package org.kvmorch.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.kvmorch.hypervisor.JobPhase;
import org.kvmorch.hypervisor.JobStats;
import org.kvmorch.hypervisor.MigrationFlag;

/** pa-hybrid and auto decisions on hand-made pass histories; expectations derived by hand. */
class PaHybridAndAutoTest {

    private static final long MIB = 1L << 20;
    private static final long GIB = 1L << 30;
    private static final Duration LIMIT = Duration.ofMillis(300);
    private final MigrationContext withStorage = MigrationContext.defaults(32 * GIB).withStoragePathShared(true);
    private final MigrationContext noStorage = MigrationContext.defaults(32 * GIB);

    /** Statistics right after a sync: {@code remainingMib} is what the next pass will send. */
    private static JobStats afterSync(long elapsedMs, long iteration, long sentMib, long remainingMib) {
        return new JobStats(JobPhase.PRECOPY, elapsedMs, 0, sentMib * MIB, remainingMib * MIB, 0, sentMib * MIB,
                remainingMib * MIB, 50 * MIB, 0, iteration, 0, sentMib * 256, sentMib * MIB, 4096, 0, 0, 5, -1, -1);
    }

    /** A history of passes of these sizes in MiB (256 pages per MiB). */
    private static PassHistory mib(long... sizes) {
        long[] pages = new long[sizes.length];
        for (int i = 0; i < sizes.length; i++) {
            pages[i] = sizes[i] * 256;
        }
        return Stats.passes(pages);
    }

    @Test
    void paHybridAsksForTheStoragePathAndRefusesHostsWithout() {
        assertThat(Policies.require("pa-hybrid").initialRequest(withStorage).has(MigrationFlag.BULK_OVER_STORAGE_PATH))
                .isTrue();
        assertThatThrownBy(() -> Policies.require("pa-hybrid").initialRequest(noStorage))
                .hasMessageContaining("storage path");
        MigrationContext noPostcopy = new MigrationContext(GIB, false, true, LIMIT, 0, Optional.empty(), true);
        assertThatThrownBy(() -> Policies.require("pa-hybrid").initialRequest(noPostcopy))
                .hasMessageContaining("post-copy");
    }

    @Test
    void autoUsesTheStoragePathOnlyWhenBothHostsHaveOne() {
        assertThat(Policies.require("auto").initialRequest(withStorage).has(MigrationFlag.BULK_OVER_STORAGE_PATH))
                .isTrue();
        assertThat(Policies.require("auto").initialRequest(noStorage).has(MigrationFlag.BULK_OVER_STORAGE_PATH))
                .isFalse();
    }

    /**
     * Link passes of 10, 13, 17, 22 MiB (λ = 1.3, 1.31, 1.29: diverging) while the snapshot still
     * travels: 20 GiB remain at each pass start, far above what the passes send, so no switch. Once a
     * pass (30 MiB) starts with only 30 MiB remaining, the snapshot has merged and λ decides.
     */
    @Test
    void paHybridJudgesOnlyAfterTheSnapshotHasMerged() {
        Controller c = Policies.require("pa-hybrid").newController(withStorage);
        assertThat(c.decide(new Observation(afterSync(1000, 5, 62, 20_000), mib(10, 13, 17, 22), LIMIT)).isNone())
                .as("snapshot still travelling").isTrue();
        assertThat(c.decide(new Observation(afterSync(2000, 6, 92, 30), mib(10, 13, 17, 22, 30), LIMIT)).isNone())
                .as("pass 5 started with 20 GiB remaining: not merged yet").isTrue();
        Decision d = c.decide(new Observation(afterSync(3000, 7, 132, 50), mib(10, 13, 17, 22, 30, 40), LIMIT));
        assertThat(d.actions()).containsExactly(new Action.StartPostCopy());
        assertThat(d.reason()).contains("snapshot merged");
    }

    /**
     * auto without a storage path, after the bulk pass of 1,000 MiB (budget 1,150 MiB), with
     * {@code next} MiB pending: projected = 1,000 + next + next × min(1, next/1,000).
     */
    @ParameterizedTest(name = "next pass {0} MiB → switch {1}")
    @CsvSource({
        // 1000 + 100 + 10 = 1110 ≤ 1150, shrink 0.1 → iterate
        "100, false",
        // 1000 + 140 + 19.6 = 1159.6 > 1150 → switch
        "140, true",
        // 1000 + 400 + 160 > 1150 → switch
        "400, true",
        // 10 MiB is below the stop threshold (50 MiB/s × 0.3 s = 15 MiB): QEMU finishes by itself
        "10, false"})
    void autoSwitchesWhenTheNextPassWouldBreakTheBudget(long nextMib, boolean switches) {
        Controller c = Policies.require("auto").newController(MigrationContext.defaults(GIB));
        Decision d = c.decide(new Observation(afterSync(20_000, 2, 1000, nextMib), mib(1000), LIMIT));
        assertThat(d.actions().contains(new Action.StartPostCopy())).isEqualTo(switches);
    }

    @Test
    void autoSwitchesWhenPassesStopShrinking() {
        MigrationContext big = MigrationContext.defaults(100 * GIB).withStoragePathShared(false);
        Controller c = Policies.require("auto").newController(big);
        // Budget 1.15 × 100 GiB is far away; 500 → 450 MiB shrinks to 0.9 > 0.8: switch.
        Decision d = c.decide(new Observation(afterSync(40_000, 3, 100_000, 450), mib(99_500, 500), LIMIT));
        assertThat(d.actions()).containsExactly(new Action.StartPostCopy());
        assertThat(d.reason()).contains("shrinks only");
    }

    @Test
    void autoWaitsForTheSnapshotBeforeJudging() {
        Controller c = Policies.require("auto").newController(withStorage);
        assertThat(c.decide(new Observation(afterSync(1000, 5, 62, 20_000), mib(10, 13, 17, 22), LIMIT)).isNone())
                .isTrue();
        // Pass 5 (30 MiB) started with 20 GiB remaining: still travelling; pass 6 started with 30 MiB: merged,
        // and the last three λ (1.31, 1.29, 1.36) diverge.
        assertThat(c.decide(new Observation(afterSync(2000, 6, 92, 30), mib(10, 13, 17, 22, 30), LIMIT)).isNone())
                .isTrue();
        Decision d = c.decide(new Observation(afterSync(3000, 7, 132, 50), mib(10, 13, 17, 22, 30, 41), LIMIT));
        assertThat(d.actions()).containsExactly(new Action.StartPostCopy());
    }

    @Test
    void autoWithoutPostcopyUsesAutoConvergeAndNeverSwitches() {
        MigrationContext noPostcopy = new MigrationContext(GIB, false, true, LIMIT, 0, Optional.empty(), true);
        assertThat(Policies.require("auto").initialRequest(noPostcopy).has(MigrationFlag.AUTO_CONVERGE)).isTrue();
        assertThat(Policies.require("auto").initialRequest(noPostcopy).has(MigrationFlag.BULK_OVER_STORAGE_PATH))
                .isFalse();
        Controller c = Policies.require("auto").newController(noPostcopy);
        Decision d = c.decide(new Observation(afterSync(20_000, 2, 1000, 900), mib(1000), LIMIT));
        assertThat(d.actions()).doesNotContain(new Action.StartPostCopy());
    }
}
