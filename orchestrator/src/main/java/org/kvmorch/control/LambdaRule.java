package org.kvmorch.control;

import java.util.List;

/**
 * Seed 002's switching rule on the last three convergence factors: all below 1 → converging,
 * keep iterating; at least two above 1 and their mean ≥ 1 → diverging, switch to post-copy;
 * anything else (or fewer than three factors) → undecided, keep iterating.
 */
public final class LambdaRule {

    public enum Verdict { CONVERGING, DIVERGING, UNDECIDED }

    static final int WINDOW = 3;

    private LambdaRule() {
    }

    public static Verdict judge(List<Double> lambdas) {
        if (lambdas.size() < WINDOW) {
            return Verdict.UNDECIDED;
        }
        List<Double> last = lambdas.subList(lambdas.size() - WINDOW, lambdas.size());
        long above = last.stream().filter(l -> l > 1.0).count();
        if (above == 0 && last.stream().allMatch(l -> l < 1.0)) {
            return Verdict.CONVERGING;
        }
        double mean = last.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        if (above >= 2 && mean >= 1.0) {
            return Verdict.DIVERGING;
        }
        return Verdict.UNDECIDED;
    }
}
