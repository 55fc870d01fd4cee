package org.kvmorch.control;

import java.util.List;
import org.kvmorch.hypervisor.MigrationFlag;
import org.kvmorch.hypervisor.MigrationRequest;

/**
 * Seed 002's PA-hybrid: par-migrate plus the adaptive switch. The bulk pass (StaticData, a snapshot
 * of every page) goes over the hosts' second path ({@link MigrationFlag#BULK_OVER_STORAGE_PATH})
 * while the migration link iterates over the pages dirtied since the start (DynamicData). Once the
 * snapshot has arrived ("the target node notifies the source node after the StaticData is
 * merged"), the λ rule ({@link LambdaRule}) judges the last three λ of the link's passes at every
 * pass boundary and switches to post-copy as soon as they stop converging. As in the paper
 * (migrateInfo records every DynamicData iteration), λ counts the link passes made while the
 * snapshot travelled; only the judging waits for the merge.
 *
 * <p>The port has no "snapshot merged" event; job statistics show it instead: while the snapshot
 * travels, {@code memory_remaining} counts its unsent part besides the link's pending pages, so at
 * the start of a link pass it is far above what that pass then sends. A pass whose starting
 * remainder is no more than {@value #MERGED_SLACK}× its own bytes (plus the stop threshold's
 * leftover) started after the merge.
 */
final class PaHybridPolicy implements MigrationPolicy {

    /** Remainder at a pass's start ÷ bytes it sent, at most, for the snapshot to count as merged. */
    static final double MERGED_SLACK = 1.25;
    /** Pages QEMU's stop rule may leave behind at a sync (threshold at 300 ms of a fast link). */
    static final long LEFTOVER_BYTES = 64L << 20;

    @Override
    public String name() {
        return "pa-hybrid";
    }

    @Override
    public MigrationRequest initialRequest(MigrationContext ctx) {
        PostcopyPolicy.requirePostcopy(ctx, name());
        if (!ctx.storagePathShared()) {
            throw new IllegalArgumentException("policy pa-hybrid needs a storage path on both hosts");
        }
        return Requests.live(ctx, ctx.maxDowntime(), MigrationFlag.BULK_OVER_STORAGE_PATH);
    }

    @Override
    public Controller newController(MigrationContext ctx) {
        return new PaHybridController();
    }

    static final class PaHybridController implements Controller {
        private int seenPasses;
        private long remainingAtPassStart = Long.MAX_VALUE;
        private boolean merged;
        private boolean switched;

        @Override
        public Decision decide(Observation obs) {
            if (switched || obs.inPostcopy()) {
                return Decision.none();
            }
            List<PassRecord> passes = obs.passes().passes();
            if (passes.size() == seenPasses) {
                return Decision.none();
            }
            for (int i = seenPasses; i < passes.size(); i++) {
                PassRecord pass = passes.get(i);
                if (!merged && remainingAtPassStart <= MERGED_SLACK * pass.bytes() + LEFTOVER_BYTES) {
                    merged = true;
                }
            }
            seenPasses = passes.size();
            remainingAtPassStart = obs.stats().memoryRemainingBytes();
            List<Double> lambdas = obs.passes().lambdas();
            if (merged && LambdaRule.judge(lambdas) == LambdaRule.Verdict.DIVERGING) {
                switched = true;
                return Decision.of(new Action.StartPostCopy(), "pa-hybrid: snapshot merged, link passes diverge,"
                        + " last λ " + lambdas.subList(lambdas.size() - LambdaRule.WINDOW, lambdas.size()));
            }
            return Decision.none();
        }
    }
}
