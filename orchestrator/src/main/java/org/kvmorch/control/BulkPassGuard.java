package org.kvmorch.control;

import java.util.Locale;
import java.util.Optional;
import org.kvmorch.hypervisor.JobStats;

/**
 * Keeps the bulk (first) pass within auto's data budget when the guest's writes are known. A page
 * sent in the bulk pass goes over the link a second time only if the guest writes it again before
 * the switch to post-copy, so by time t the pass has wasted at most
 * {@code min(write rate × t, working set, data sent)}: a guest cannot dirty more than it writes,
 * nor outside the pages it writes, nor pages not sent yet. The floor is at least
 * {@code max(working set, data sent)}: written pages hold data; where the host reports the guest's
 * resident set (the pages holding data before the start) the floor is that much from the first
 * look, which lets the pass run longer (scenario 2: the switch comes at 67 % of the pass instead of
 * 10 %, with a quarter of the post-copy faults). The guard ends the pass when that
 * bound, one look ahead, would still be growing past the budget's share of the floor then, so the
 * migration stays within budget whatever the write pattern (give or take one look's writes, if the
 * next look's pages turn out to hold less data than those before).
 *
 * <p>The bound is pessimistic for guests that rewrite the same pages (memcached): they switch
 * earlier than they had to and spend longer in post-copy. Once the bound has stopped growing (it
 * reached the working set), switching would not lower it, so the guard stays quiet. Without a
 * measured write rate and working set it does nothing: it could not tell a guest whose pages are
 * mostly data from one that is mostly zero pages (real libvirt hosts measure no working set today).
 */
final class BulkPassGuard {

    /** How far ahead the guard looks: the control loop's one-second cadence. */
    static final double LOOKAHEAD_SECONDS = 1.0;

    private final MigrationContext.GuestWrites writes;
    private final long workingSetBytes;
    private final long residentBytes;
    private final double spareShare;

    /** @param budget total data allowed as a multiple of the floor (above 1) */
    BulkPassGuard(MigrationContext ctx, double budget) {
        this.writes = ctx.guestWrites();
        this.workingSetBytes = Math.min(writes.workingSetBytes(), ctx.memoryBytes());
        // The resident set may count the hypervisor's own memory beside the guest's: never above the guest's size.
        this.residentBytes = Math.min(writes.residentBytes(), ctx.memoryBytes());
        this.spareShare = budget - 1.0;
    }

    /** Empty while the bulk pass may go on; else why it should end now. */
    Optional<String> check(JobStats s) {
        double t = s.timeElapsedMillis() / 1000.0;
        if (!writes.known() || t <= 0) {
            return Optional.empty();
        }
        double sent = s.memoryNormalBytes();
        double linkPerLook = s.memoryBytesPerSecond() * LOOKAHEAD_SECONDS;
        double wastedNow = wasted(t, sent);
        double wastedAhead = wasted(t + LOOKAHEAD_SECONDS, sent + linkPerLook);
        // The floor one look ahead: what has been sent, plus the next look's pages at the share of
        // data seen so far (zero pages cost nothing). Wrong by at most one look, which the next corrects.
        double pages = s.memoryNormalPages() + s.memoryConstantPages();
        double dataShare = pages == 0 ? 0 : s.memoryNormalPages() / pages;
        double floor = Math.max(Math.max(workingSetBytes, residentBytes), sent + linkPerLook * dataShare);
        if (wastedAhead <= wastedNow || wastedAhead <= spareShare * floor) {
            return Optional.empty();
        }
        return Optional.of(String.format(Locale.ROOT, "auto: the bulk pass could send up to %d MiB twice by the"
                + " next look (guest writes %d MiB/s over %d MiB), more than %.0f %% of the %d MiB holding data"
                + " by then; switching with %.0f %% of the pages sent", (long) wastedAhead >> 20,
                writes.bytesPerSecond() >> 20, workingSetBytes >> 20, spareShare * 100, (long) floor >> 20,
                100.0 * (s.memoryNormalPages() + s.memoryConstantPages()) * s.memoryPageSizeBytes()
                        / Math.max(1, s.memoryTotalBytes())));
    }

    private double wasted(double seconds, double sent) {
        return Math.min(writes.bytesPerSecond() * seconds, Math.min(workingSetBytes, sent));
    }
}
