package org.kvmorch.control;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.kvmorch.hypervisor.MigrationFlag;
import org.kvmorch.hypervisor.MigrationRequest;

/**
 * Our default. Priorities, in order: finish (never strand a migration), keep the downtime within
 * the VM's limit, keep the data near the physical floor ({@value #DATA_BUDGET}× every page once),
 * and within that budget leave post-copy as little as possible. Each part is there for a measured
 * reason (simulated, {@code bench policies} and {@code bench switch-point}; docs/control.md):
 * <ul>
 * <li><b>Second path when both hosts have one</b>: the bulk pass goes over shared storage while the
 *     link carries only dirtied pages (seed 002's par-migrate). Table 5: 50 s instead of 615 s
 *     for hybrid-1, at 1.09× the floor.</li>
 * <li><b>Budgeted switch point, predicted after every pass</b>: right after a bitmap sync,
 *     {@code memory_remaining} is what the next pass will send (QEMU's leftover under the stop
 *     threshold included). If sent + that pass + the
 *     post-copy after it (the pass × its own shrink factor) would exceed the budget, switch now;
 *     if the next pass would not shrink by at least {@value #MIN_SHRINK} (more passes no longer
 *     reduce what post-copy must fault in), switch now; else iterate. This is the seed's
 *     brute-forced "best round" predicted online: fixed hybrid-k wastes a pass per k on
 *     memcached (+2.7 GiB each at 32 GiB) while post-copy shrinks by less each time.</li>
 * <li><b>Bulk-pass guard</b> where the poller measured the guest's writes: the bulk pass alone
 *     lets a write-heavy guest re-dirty more than the budget (hybrid-1 is 1.22–1.6× the floor on
 *     lmbench, constant-0.5, hotset-heavy), so the pass ends early, into post-copy, once what it
 *     could have sent twice would pass the budget ({@link BulkPassGuard}).</li>
 * <li><b>Seed 002's λ rule</b> as a safety net: two of the last three λ above 1 → post-copy.</li>
 * <li><b>Let pre-copy finish when passes shrink fast</b>: QEMU's own stop rule ends it with no
 *     post-copy faults at all (kernel compile, idle, bursty memcached).</li>
 * <li><b>Downtime escalation</b>: converging slowly, raise the limit step by step up to the VM's
 *     ceiling, so the last pass fits without more rounds.</li>
 * <li><b>Auto-converge</b> where post-copy is not allowed: the only way a write-heavy guest
 *     converges then (Table 5: 910 s, 299 ms).</li>
 * <li><b>Deadline</b>: post-copy when allowed, else abort (the VM stays on the source).</li>
 * </ul>
 */
final class AutoPolicy implements MigrationPolicy {

    /** Total data allowed, as a multiple of the bulk pass (≈ the physical floor). */
    static final double DATA_BUDGET = 1.15;
    /** With the storage path, the link's data budget as a share of the VM's memory. */
    static final double LINK_BUDGET_WITH_STORAGE = 0.10;
    /** The next pass must be at most this share of the last for another pass to pay off. */
    static final double MIN_SHRINK = 0.8;
    /** Start at QEMU's default downtime (or the VM's ceiling if lower) and escalate from there. */
    static final Duration START_DOWNTIME = Duration.ofMillis(300);
    /** A pass that shrinks the next by less than this counts as slow convergence. */
    static final double SLOW_LAMBDA = 0.7;

    @Override
    public String name() {
        return "auto";
    }

    @Override
    public MigrationRequest initialRequest(MigrationContext ctx) {
        Duration start = ctx.maxDowntime().compareTo(START_DOWNTIME) < 0 ? ctx.maxDowntime() : START_DOWNTIME;
        if (!ctx.postcopyAllowed() && ctx.autoConvergeAllowed()) {
            return Requests.live(ctx, start, MigrationFlag.AUTO_CONVERGE);
        }
        if (ctx.postcopyAllowed() && ctx.storagePathShared()) {
            return Requests.live(ctx, start, MigrationFlag.BULK_OVER_STORAGE_PATH);
        }
        return Requests.live(ctx, start);
    }

    @Override
    public Controller newController(MigrationContext ctx) {
        return new AutoController(ctx, initialRequest(ctx));
    }

    static final class AutoController implements Controller {
        private final MigrationContext ctx;
        private final boolean storage;
        private final Optional<BulkPassGuard> bulkPassGuard;
        private Duration downtime;
        private int judgedPasses;
        private long remainingAtPassStart = Long.MAX_VALUE;
        /** memory_remaining over the stop threshold at the last sync judged with the link alone carrying memory. */
        private long excessAtMergedSync = Long.MIN_VALUE;
        private boolean merged;
        private boolean done;

        AutoController(MigrationContext ctx, MigrationRequest request) {
            this.ctx = ctx;
            this.downtime = request.maxDowntime();
            this.storage = request.has(MigrationFlag.BULK_OVER_STORAGE_PATH);
            this.merged = !storage;
            this.bulkPassGuard = ctx.postcopyAllowed() && !storage
                    ? Optional.of(new BulkPassGuard(ctx, DATA_BUDGET)) : Optional.empty();
        }

        @Override
        public Decision decide(Observation obs) {
            if (done || obs.inPostcopy()) {
                return Decision.none();
            }
            if (ctx.deadline().isPresent() && obs.elapsedMillis() >= ctx.deadline().get().toMillis()) {
                done = true;
                return ctx.postcopyAllowed()
                        ? Decision.of(new Action.StartPostCopy(), "auto: deadline reached, finishing by post-copy")
                        : Decision.of(new Action.Abort(), "auto: deadline reached and post-copy not allowed");
            }
            PassHistory passes = obs.passes();
            if (passes.completedPasses() == 0 && bulkPassGuard.isPresent()) {
                Optional<String> overBudget = bulkPassGuard.get().check(obs.stats());
                if (overBudget.isPresent()) {
                    return switchNow(overBudget.get());
                }
            }
            if (passes.completedPasses() == judgedPasses || passes.completedPasses() < 1) {
                return Decision.none();
            }
            List<PassRecord> list = passes.passes();
            for (int i = judgedPasses; i < list.size() && !merged; i++) {
                merged = remainingAtPassStart <= PaHybridPolicy.MERGED_SLACK * list.get(i).bytes()
                        + PaHybridPolicy.LEFTOVER_BYTES;
            }
            judgedPasses = passes.completedPasses();
            long next = obs.stats().memoryRemainingBytes();
            remainingAtPassStart = next;
            if (!merged) {
                return Decision.none(); // the snapshot is still on its way over the storage path
            }
            long threshold = stopThreshold(obs);
            long excess = next - threshold;
            PassRecord last = list.get(list.size() - 1);
            double shrink = shrink(excess, excessAtMergedSync, last);
            excessAtMergedSync = excess;
            List<Double> lambdas = passes.lambdas();

            if (ctx.postcopyAllowed()) {
                if (LambdaRule.judge(lambdas) == LambdaRule.Verdict.DIVERGING) {
                    return switchNow("auto: λ rule says pre-copy diverges " + lambdas);
                }
                double sent = obs.stats().memoryProcessedBytes();
                double budget = storage ? LINK_BUDGET_WITH_STORAGE * ctx.memoryBytes()
                        : DATA_BUDGET * list.get(0).bytes();
                // After the next pass: the leftover under the threshold plus the excess, shrunk once more.
                double after = Math.min(next, threshold + Math.max(0, excess) * Math.min(1.0, shrink));
                double projected = sent + next + after;
                if (next > threshold && projected > budget) {
                    return switchNow(String.format("auto: one more pass (%d MiB) would bring the data to %.2f× the"
                            + " budget", next >> 20, projected / budget));
                }
                if (next > threshold && shrink > MIN_SHRINK) {
                    return switchNow(String.format("auto: the next pass shrinks only to %.2f of the last", shrink));
                }
            }
            if (shrink > SLOW_LAMBDA && downtime.compareTo(ctx.maxDowntime()) < 0) {
                Duration raised = min(downtime.multipliedBy(2), ctx.maxDowntime());
                downtime = raised;
                return Decision.of(new Action.SetMaxDowntime(raised),
                        String.format("auto: slow convergence (shrink %.2f), downtime limit to %d ms", shrink,
                                raised.toMillis()));
            }
            return Decision.none();
        }

        /**
         * How much the next pass shrinks pre-copy's way to the final copy. QEMU 7.2 syncs once what is
         * left falls under the stop threshold, so memory_remaining after a sync holds that leftover
         * besides the pages dirtied during the pass: comparing the two syncs' excess over the
         * threshold (each sync's own: the limit may have been raised in between) tells convergence
         * apart from a pass that only carried its leftover forward (a kernel compile's second pass:
         * 75 → 61 MB, threshold 39 MB, excess shrinks to 0.62). The first pass judged (the bulk pass,
         * or the first after the storage path's snapshot) is compared by what it sent, as is a pass
         * after a sync that left less than the threshold.
         */
        private static double shrink(long excess, long previousExcess, PassRecord last) {
            if (previousExcess > 0) {
                return (double) Math.max(0, excess) / previousExcess;
            }
            return last.bytes() == 0 ? 1.0 : (double) Math.max(0, excess) / last.bytes();
        }

        /** What the final copy may hold: the measured bandwidth × the downtime limit in force. */
        private long stopThreshold(Observation obs) {
            return obs.stats().memoryBytesPerSecond() * obs.currentMaxDowntime().toMillis() / 1000;
        }

        private Decision switchNow(String reason) {
            done = true;
            return Decision.of(new Action.StartPostCopy(), reason);
        }

        private static Duration min(Duration a, Duration b) {
            return a.compareTo(b) <= 0 ? a : b;
        }
    }
}
