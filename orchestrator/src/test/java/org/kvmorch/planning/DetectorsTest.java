package org.kvmorch.planning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.EnumSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DetectorsTest {

    private static FleetSnapshot oneHost(double cpuShare, double[] cpuHistory, double[] loadHistory) {
        HostSpec h = HostSpec.of("h", "c", 10, 64 * TestFleet.GIB).withUtilization(cpuShare, 0, 0, 0)
                .withHistory(cpuHistory, loadHistory, null);
        return FleetSnapshot.builder(TestFleet.NOW, Duration.ofMinutes(1)).host(h)
                .vm(VmSpec.of("v", "h", cpuShare * 10, TestFleet.GIB)).build();
    }

    private static double[] li(double... v) {
        return v;
    }

    static Stream<Arguments> loadIndexCases() {
        return Stream.of(
                // threshold 4, duration 3 min at 1-min samples: the last 3 samples must be above 4
                Arguments.of("sustained above", 0.8, li(2, 5, 5, 5), true),
                Arguments.of("a dip inside the window", 0.8, li(5, 5, 3, 5), false),
                Arguments.of("recovered now", 0.5, li(5, 5, 5, 5), false),
                Arguments.of("too short a history, no overloaded-since", 0.8, li(5, 5), false),
                Arguments.of("below", 0.3, li(1.2, 1.3, 1.4), false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("loadIndexCases")
    void loadIndexNeedsTheWholeDuration(String name, double cpu, double[] history, boolean overloaded) {
        OverloadDetector d = new DetectorParams.LoadIndexParams(4, Duration.ofMinutes(3),
                EnumSet.allOf(DetectorParams.Resource.class)).create();
        assertThat(d.assess(oneHost(cpu, null, history), 0).overloaded()).isEqualTo(overloaded);
    }

    @Test
    void loadIndexFallsBackToOverloadedSince() {
        OverloadDetector d = new DetectorParams.LoadIndexParams(4, Duration.ofMinutes(3),
                EnumSet.allOf(DetectorParams.Resource.class)).create();
        HostSpec long_ = HostSpec.of("h", "c", 10, TestFleet.GIB).withUtilization(0.9, 0, 0, 0)
                .withHistory(null, null, TestFleet.NOW.minus(Duration.ofMinutes(4)));
        HostSpec fresh = long_.withHistory(null, null, TestFleet.NOW.minus(Duration.ofMinutes(1)));
        assertThat(d.assess(FleetSnapshot.builder(TestFleet.NOW, Duration.ofMinutes(1)).host(long_).build(), 0)
                .overloaded()).isTrue();
        assertThat(d.assess(FleetSnapshot.builder(TestFleet.NOW, Duration.ofMinutes(1)).host(fresh).build(), 0)
                .overloaded()).isFalse();
    }

    static Stream<Arguments> cpuCases() {
        double[] flat = {0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5};
        double[] jumpy = {0.1, 0.9, 0.1, 0.9, 0.1, 0.9, 0.1, 0.9, 0.1, 0.9, 0.1, 0.9};
        double[] rising = {0.40, 0.45, 0.50, 0.55, 0.60, 0.65, 0.70, 0.75, 0.80, 0.85};
        double[] falling = {0.85, 0.80, 0.75, 0.70, 0.65, 0.60, 0.55, 0.50, 0.45, 0.40};
        return Stream.of(
                Arguments.of("thr below", new DetectorParams.ThresholdParams(0.8), 0.75, flat, false),
                Arguments.of("thr above", new DetectorParams.ThresholdParams(0.8), 0.85, flat, true),
                // MAD of a flat history is 0: threshold 1
                Arguments.of("mad flat history", new DetectorParams.MadParams(2.5, 12, 0.7), 0.85, flat, false),
                // MAD of 0.1/0.9 alternation is 0.4: threshold 1 - 2.5 * 0.4 = 0 -> overloaded at 0.3
                Arguments.of("mad jumpy history", new DetectorParams.MadParams(2.5, 12, 0.7), 0.3, jumpy, true),
                Arguments.of("iqr jumpy history", new DetectorParams.IqrParams(1.5, 12, 0.7), 0.3, jumpy, true),
                Arguments.of("mad short history falls back to 0.7", new DetectorParams.MadParams(2.5, 12, 0.7), 0.75,
                        rising, true),
                // rising 5 %/sample: predicted 0.90 one sample ahead, x1.2 = 1.08 >= 1
                Arguments.of("lr rising", new DetectorParams.LocalRegressionParams(1.2, 10, 0.7, 0.5), 0.85, rising,
                        true),
                Arguments.of("lr falling", new DetectorParams.LocalRegressionParams(1.2, 10, 0.7, 0.5), 0.4, falling,
                        false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cpuCases")
    void cpuDetectors(String name, DetectorParams params, double cpu, double[] cpuHistory, boolean overloaded) {
        Assessment a = params.create().assess(oneHost(cpu, cpuHistory, null), 0);
        assertThat(a.overloaded()).as(a.why()).isEqualTo(overloaded);
        assertThat(a.metric()).isEqualTo(Metric.CPU_CORES);
    }

    @Test
    void localRegressionPredictsOneIntervalAhead() {
        double[] rising = {0.40, 0.45, 0.50, 0.55, 0.60, 0.65, 0.70, 0.75, 0.80, 0.85};
        assertThat(Stats.predictLinear(rising, 10, 1)).isCloseTo(0.90, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void namesAreAClosedVocabulary() {
        for (String name : new String[] {"load-index", "thr", "mad", "iqr", "lr"}) {
            assertThat(DetectorParams.defaults(name).name()).isEqualTo(name);
        }
        assertThatThrownBy(() -> DetectorParams.defaults("magic")).hasMessageContaining("known:");
        assertThatThrownBy(() -> new DetectorParams.ThresholdParams(1.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DetectorParams.LoadIndexParams(0.5, Duration.ZERO,
                EnumSet.allOf(DetectorParams.Resource.class))).hasMessageContaining("> 1");
    }

    @Test
    void underloadRules() {
        FleetSnapshot s = new TestFleet().host("idle", "c", 10, 64).host("busy", "c", 10, 64)
                .vm("a", "idle", 0.5, 1).vm("b", "busy", 6, 1).build();
        assertThat(new UnderloadParams.BelowCpu(0.2).isCandidate(s, 0)).isTrue();
        assertThat(new UnderloadParams.BelowCpu(0.2).isCandidate(s, 1)).isFalse();
        assertThat(new UnderloadParams.BelowLoadIndex(1.25).isCandidate(s, 0)).isTrue();
        assertThat(new UnderloadParams.BelowLoadIndex(1.25).isCandidate(s, 1)).isFalse();
    }
}
