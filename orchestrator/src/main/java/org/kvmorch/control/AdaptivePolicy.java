package org.kvmorch.control;

import java.util.List;
import org.kvmorch.hypervisor.MigrationRequest;

/**
 * Seed 002's adaptive hybrid (As-hybrid): after each pass, judge the last three convergence factors
 * λ(i) = pages(i+1)/pages(i) with {@link LambdaRule}; switch to post-copy once pre-copy diverges.
 * While it converges, QEMU's own stop rule finishes the migration as pure pre-copy.
 */
final class AdaptivePolicy implements MigrationPolicy {

    @Override
    public String name() {
        return "adaptive";
    }

    @Override
    public MigrationRequest initialRequest(MigrationContext ctx) {
        PostcopyPolicy.requirePostcopy(ctx, name());
        return Requests.live(ctx);
    }

    @Override
    public Controller newController(MigrationContext ctx) {
        return new Controller() {
            private int judgedPasses;
            private boolean switched;

            @Override
            public Decision decide(Observation obs) {
                if (switched || obs.inPostcopy() || obs.passes().completedPasses() == judgedPasses) {
                    return Decision.none();
                }
                judgedPasses = obs.passes().completedPasses();
                List<Double> lambdas = obs.passes().lambdas();
                if (LambdaRule.judge(lambdas) == LambdaRule.Verdict.DIVERGING) {
                    switched = true;
                    return Decision.of(new Action.StartPostCopy(),
                            "pre-copy diverges: last λ " + lambdas.subList(lambdas.size() - 3, lambdas.size()));
                }
                return Decision.none();
            }
        };
    }
}
