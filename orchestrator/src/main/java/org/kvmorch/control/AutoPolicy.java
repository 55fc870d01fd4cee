package org.kvmorch.control;

import java.time.Duration;
import java.util.List;
import org.kvmorch.hypervisor.MigrationFlag;
import org.kvmorch.hypervisor.MigrationRequest;

/**
 * Our default. Each part is there for a measured reason (docs/control.md):
 * <ul>
 * <li><b>Let pre-copy finish when it converges within budget</b>: no post-copy means no page
 *     faults and no risk of losing a link with the guest split across hosts.</li>
 * <li><b>Online switch point</b>: after each pass, project the data of "one more pass, then
 *     post-copy" from the last convergence factor; iterate while that stays within
 *     {@value #DATA_BUDGET}× the bulk pass, otherwise switch now. More passes shrink what
 *     post-copy must fault in (seed 002 found pass 5 best by brute force; this predicts it).</li>
 * <li><b>Seed 002's λ rule</b> as a safety net: two of the last three λ above 1 → post-copy.</li>
 * <li><b>Downtime escalation</b>: converging slowly, raise the limit step by step up to the VM's
 *     ceiling, so the last pass fits without more rounds.</li>
 * <li><b>Auto-converge</b> where post-copy is not allowed.</li>
 * <li><b>Deadline</b>: post-copy when allowed, else abort (the VM stays on the source).</li>
 * </ul>
 */
final class AutoPolicy implements MigrationPolicy {

    /** Total link data allowed, as a multiple of the bulk pass (≈ the physical floor). */
    static final double DATA_BUDGET = 1.15;
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
        return Requests.live(ctx, start);
    }

    @Override
    public Controller newController(MigrationContext ctx) {
        return new AutoController(ctx, initialRequest(ctx).maxDowntime());
    }

    static final class AutoController implements Controller {
        private final MigrationContext ctx;
        private Duration downtime;
        private int judgedPasses;
        private boolean done;

        AutoController(MigrationContext ctx, Duration startDowntime) {
            this.ctx = ctx;
            this.downtime = startDowntime;
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
            if (passes.completedPasses() == judgedPasses || passes.completedPasses() < 1) {
                return Decision.none();
            }
            judgedPasses = passes.completedPasses();
            List<PassRecord> list = passes.passes();
            PassRecord last = list.get(list.size() - 1);
            List<Double> lambdas = passes.lambdas();
            double lambda = lambdas.isEmpty() ? 1.0 : lambdas.get(lambdas.size() - 1);

            if (ctx.postcopyAllowed()) {
                if (LambdaRule.judge(lambdas) == LambdaRule.Verdict.DIVERGING) {
                    return switchNow("auto: λ rule says pre-copy diverges " + lambdas);
                }
                if (!lambdas.isEmpty() && !oneMorePassFits(list, lambda)) {
                    return switchNow(String.format("auto: one more pass (λ=%.2f) would exceed %.2f× the bulk pass",
                            lambda, DATA_BUDGET));
                }
            }
            if (lambda > SLOW_LAMBDA && downtime.compareTo(ctx.maxDowntime()) < 0) {
                Duration raised = min(downtime.multipliedBy(2), ctx.maxDowntime());
                downtime = raised;
                return Decision.of(new Action.SetMaxDowntime(raised),
                        String.format("auto: slow convergence (λ=%.2f), downtime limit to %d ms", lambda,
                                raised.toMillis()));
            }
            return Decision.none();
        }

        /** Sent so far + the next pass + the post-copy after it must fit the budget. */
        private boolean oneMorePassFits(List<PassRecord> list, double lambda) {
            long bulk = list.get(0).bytes();
            long sent = list.stream().mapToLong(PassRecord::bytes).sum();
            double nextPass = list.get(list.size() - 1).bytes() * lambda;
            double postcopyAfter = nextPass * Math.min(1.0, lambda);
            return sent + nextPass + postcopyAfter <= DATA_BUDGET * bulk;
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
