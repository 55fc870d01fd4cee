package org.kvmorch.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each rung of seed 002's rule on the last three convergence factors. */
class LambdaRuleTest {

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("fewer than three factors", List.of(1.5, 1.5), LambdaRule.Verdict.UNDECIDED),
                Arguments.of("all three below 1", List.of(0.9, 0.5, 0.4, 0.3), LambdaRule.Verdict.CONVERGING),
                Arguments.of("two above 1, mean 1.1", List.of(1.2, 0.9, 1.2), LambdaRule.Verdict.DIVERGING),
                Arguments.of("two above 1 but mean below 1", List.of(1.05, 0.3, 1.05), LambdaRule.Verdict.UNDECIDED),
                Arguments.of("one above 1 only", List.of(0.9, 0.9, 1.5), LambdaRule.Verdict.UNDECIDED),
                Arguments.of("three above 1", List.of(1.1, 1.2, 1.3), LambdaRule.Verdict.DIVERGING),
                Arguments.of("only the last three count", List.of(2.0, 2.0, 0.5, 0.6, 0.7), LambdaRule.Verdict.CONVERGING),
                Arguments.of("exactly 1 is neither", List.of(1.0, 1.0, 1.0), LambdaRule.Verdict.UNDECIDED));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void judgesTheLastThreeFactors(String name, List<Double> lambdas, LambdaRule.Verdict expected) {
        assertThat(LambdaRule.judge(lambdas)).isEqualTo(expected);
    }
}
