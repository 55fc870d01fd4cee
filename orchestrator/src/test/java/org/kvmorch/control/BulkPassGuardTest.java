package org.kvmorch.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.kvmorch.hypervisor.JobPhase;
import org.kvmorch.hypervisor.JobStats;

/** The bulk-pass guard on hand-made statistics; the expected look is worked out in each test. */
class BulkPassGuardTest {

    private static final long MIB = 1L << 20;
    private static final long GIB = 1L << 30;
    private static final Duration LIMIT = Duration.ofMillis(300);

    /** In the bulk pass at {@code seconds}, every page sent so far held data, at {@code linkMibps}. */
    private static JobStats bulk(double seconds, long linkMibps, long memoryMib) {
        long sent = Math.round(seconds * linkMibps * MIB);
        return new JobStats(JobPhase.PRECOPY, Math.round(seconds * 1000), 0, sent, 0, memoryMib * MIB, sent,
                memoryMib * MIB - sent, linkMibps * MIB, 0, 1, 0, sent / 4096, sent, 4096, 0, 0, 5, -1, -1);
    }

    private static MigrationContext writing(long memoryBytes, long mibPerSecond, long workingSetMib) {
        return MigrationContext.defaults(memoryBytes)
                .withGuestWrites(new MigrationContext.GuestWrites(mibPerSecond * MIB, workingSetMib * MIB));
    }

    @Test
    void endsThePassOnceWhatItCouldSendTwiceOutgrowsTheBudget() {
        // 1 GiB hot set written at 150 MiB/s, 100 MiB/s link: the floor is at least 1,024 MiB, so 153.6 MiB
        // may be sent twice. At 0.5 s, one look ahead: min(150 × 1.5, 1024, 50 + 100) = 150 MiB: go on.
        // At 1 s: min(150 × 2, 1024, 100 + 100) = 200 MiB: stop.
        BulkPassGuard guard = new BulkPassGuard(writing(4 * GIB, 150, 1024), 1.15);
        assertThat(guard.check(bulk(0.5, 100, 4096))).isEmpty();
        assertThat(guard.check(bulk(1.0, 100, 4096))).hasValueSatisfying(reason -> assertThat(reason)
                .contains("up to 200 MiB twice").contains("150 MiB/s over 1024 MiB").contains("of the 1024 MiB holding"));
    }

    @Test
    void aKnownResidentSetIsTheFloorFromTheFirstLook() {
        // 1 GiB written at 10 MiB/s, 50 MiB/s link, 6,656 MiB resident of 8 GiB. At 20 s, one look ahead:
        // min(10 × 21, 1024, 1000 + 50) = 210 MiB. Without the resident set the floor is max(1,024, 1,050) MiB
        // (157.5 MiB allowed: stop); with it 6,656 MiB (998.4 MiB allowed: go on, until 10 × (t + 1) > 998.4).
        MigrationContext known = MigrationContext.defaults(8 * GIB)
                .withGuestWrites(new MigrationContext.GuestWrites(10 * MIB, 1024 * MIB, 6656 * MIB));
        assertThat(new BulkPassGuard(writing(8 * GIB, 10, 1024), 1.15).check(bulk(20, 50, 8192))).isPresent();
        BulkPassGuard guard = new BulkPassGuard(known, 1.15);
        assertThat(guard.check(bulk(20, 50, 8192))).isEmpty();
        assertThat(guard.check(bulk(98, 50, 8192))).isEmpty();
        assertThat(guard.check(bulk(99, 50, 8192))).hasValueSatisfying(reason -> assertThat(reason)
                .contains("up to 1000 MiB twice").contains("of the 6656 MiB holding"));
    }

    @Test
    void aResidentSetAboveTheGuestsMemoryCountsAsTheGuestsMemory() {
        // The host's resident set can hold the hypervisor's own memory too: 1 GiB guest, 4 GiB "resident".
        // 512 MiB written at 100 MiB/s, 100 MiB/s link: at 2 s, one look ahead min(300, 512, 300) = 300 MiB,
        // over 15 % of 1,024 MiB (153.6): stop. Believing 4 GiB of floor (614 MiB allowed), it would go on.
        MigrationContext ctx = MigrationContext.defaults(GIB)
                .withGuestWrites(new MigrationContext.GuestWrites(100 * MIB, 512 * MIB, 4 * GIB));
        assertThat(new BulkPassGuard(ctx, 1.15).check(bulk(2, 100, 1024))).isPresent();
    }

    @Test
    void staysQuietOnceTheWorkingSetCapsTheWaste() {
        // 32 MiB written at 125 MiB/s, 125 MiB/s link: at 1 s the bound is min(125, 32, 125) = 32 MiB
        // already and cannot grow; switching would not lower it.
        BulkPassGuard guard = new BulkPassGuard(writing(2 * GIB, 125, 32), 1.15);
        assertThat(guard.check(bulk(1.0, 125, 2048))).isEmpty();
        assertThat(guard.check(bulk(5.0, 125, 2048))).isEmpty();
    }

    @Test
    void aSmallWorkingSetOnAFastLinkIsLeftInPrecopy() {
        // 512 MiB written at 100 MiB/s, 1 GiB/s link, every page so far data. At 1 s, one look ahead:
        // min(200, 512, 2048) = 200 MiB against 15 % of 1,024 + 1,024 MiB = 307 MiB; later the bound
        // stops at 512 MiB while the data grows by 1 GiB a second.
        BulkPassGuard guard = new BulkPassGuard(writing(16 * GIB, 100, 512), 1.15);
        for (double t = 1; t <= 8; t++) {
            assertThat(guard.check(bulk(t, 1024, 16_384))).as("at %.0f s", t).isEmpty();
        }
    }

    @Test
    void aSlowWriterGetsMoreTimeAsTheKnownDataGrows() {
        // 2 MiB/s over 8 GiB, 100 MiB/s link: the floor is at least 8,192 MiB (1,228.8 MiB allowed, more
        // once more data has been sent); the bound is the write rate, 2 × (t + 1): 122 MiB at 60 s, 328 at 163 s.
        BulkPassGuard guard = new BulkPassGuard(writing(16 * GIB, 2, 8192), 1.15);
        assertThat(guard.check(bulk(60, 100, 16_384))).isEmpty();
        assertThat(guard.check(bulk(163, 100, 16_384))).isEmpty();
    }

    @Test
    void doesNothingWithoutAMeasuredWriteRateAndWorkingSet() {
        for (MigrationContext unknown : new MigrationContext[] {MigrationContext.defaults(4 * GIB),
                writing(4 * GIB, 150, 0), writing(4 * GIB, 0, 1024)}) {
            BulkPassGuard guard = new BulkPassGuard(unknown, 1.15);
            assertThat(guard.check(bulk(1.0, 100, 4096))).isEmpty();
            assertThat(guard.check(bulk(30.0, 100, 4096))).isEmpty();
        }
    }

    @Test
    void autoConsultsItInTheBulkPassOnlyAndNotOverTheStoragePath() {
        MigrationContext hot = writing(4 * GIB, 150, 1024);
        Decision inBulk = Policies.require("auto").newController(hot)
                .decide(new Observation(bulk(1.0, 100, 4096), new PassHistory(), LIMIT));
        assertThat(inBulk.actions()).containsExactly(new Action.StartPostCopy());
        assertThat(inBulk.reason()).contains("bulk pass");

        Decision withStorage = Policies.require("auto").newController(hot.withStoragePathShared(true))
                .decide(new Observation(bulk(1.0, 100, 4096), new PassHistory(), LIMIT));
        assertThat(withStorage.isNone()).isTrue();

        MigrationContext noPostcopy = new MigrationContext(4 * GIB, false, true, LIMIT, 0, Optional.empty(), false)
                .withGuestWrites(hot.guestWrites());
        assertThat(Policies.require("auto").newController(noPostcopy)
                .decide(new Observation(bulk(1.0, 100, 4096), new PassHistory(), LIMIT)).actions())
                .doesNotContain(new Action.StartPostCopy());
    }
}
