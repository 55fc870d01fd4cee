package org.kvmorch.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Stream;
import org.kvmorch.planning.DetectorParams;
import org.kvmorch.planning.PlacementParams;
import org.kvmorch.planning.PlannerConfig;
import org.kvmorch.planning.SelectionParams;
import org.kvmorch.planning.UnderloadParams;

/**
 * How much our planner's outcome on the PlanetLab days depends on its three thresholds (overload
 * trigger, destination fill, underload), each day beside LR-MMT-1.2 (CloudSim rules) in the same
 * run: the full-day workload, migrations / SLATAH / energy (kWh, SPECpower tables) per setting. Shows which conclusions survive a
 * change of setting and which day decides a choice — the settings of {@link PlannerQualityBenchmark}
 * were tuned on 20110303 alone.
 */
final class PlannerSensitivity {

    private static final double[] TRIGGER_CPU = {0.80, 0.85, 0.90};
    private static final double[] FILL = {0.3, 0.4};
    private static final double[] UNDERLOAD_CPU = {0.15, 0.25};

    private PlannerSensitivity() {
    }

    static PlannerConfig ours(double triggerCpu, double fill, double underloadCpu) {
        return PlannerConfig.defaults()
                .with(new DetectorParams.LoadIndexParams(1 / (1 - triggerCpu), Duration.ofMinutes(5),
                        EnumSet.of(DetectorParams.Resource.CPU)))
                .with(new SelectionParams.HighestCpu())
                .with(new PlacementParams.BestFitDecreasing(fill))
                .with(new UnderloadParams.BelowCpu(underloadCpu))
                .withHysteresis(Duration.ofHours(2), Duration.ofHours(6), 0.6);
    }

    static void run(Path root, PrintStream out) throws IOException {
        List<String> days;
        try (Stream<Path> list = Files.list(root)) {
            days = list.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
        }
        PlannerQualityBenchmark.Workload full = PlannerQualityBenchmark.Workload.FULL_DAY;
        PlannerQualityBenchmark.Workload vanishing = PlannerQualityBenchmark.Workload.CLOUDSIM_VANISHING;
        PlannerQualityBenchmark.Strategy lr = PlannerQualityBenchmark.strategies().get(0);
        out.printf("full day: migrations / SLATAH / kWh; \"won\": days with SLATAH no worse than LR-MMT's%n");
        out.printf("%-27s", "setting (trigger/fill/under)");
        for (String day : days) {
            out.printf(" %24s", day);
        }
        out.printf(" %9s %14s%n", "won full", "won CloudSim's");
        List<double[][]> traces = new ArrayList<>();
        double[][] lrSlatah = new double[2][days.size()];
        out.printf("%-27s", "LR-MMT-1.2 (CloudSim rules)");
        for (int d = 0; d < days.size(); d++) {
            traces.add(PlannerQualityBenchmark.readDay(root.resolve(days.get(d))));
            PlannerQualityBenchmark.Result r = simulate(traces.get(d), lr, full, days.get(d));
            lrSlatah[0][d] = r.slatah();
            lrSlatah[1][d] = simulate(traces.get(d), lr, vanishing, days.get(d)).slatah();
            print(out, r);
        }
        out.println();
        for (double t : TRIGGER_CPU) {
            for (double f : FILL) {
                for (double u : UNDERLOAD_CPU) {
                    PlannerQualityBenchmark.Strategy s = PlannerQualityBenchmark.Strategy.planner("ours",
                            ours(t, f, u));
                    out.printf("%-27s", String.format("%.2f / %.1f / %.2f", t, f, u));
                    int wonFull = 0;
                    int wonVanishing = 0;
                    for (int d = 0; d < days.size(); d++) {
                        PlannerQualityBenchmark.Result r = simulate(traces.get(d), s, full, days.get(d));
                        wonFull += r.slatah() <= lrSlatah[0][d] ? 1 : 0;
                        wonVanishing += simulate(traces.get(d), s, vanishing, days.get(d)).slatah()
                                <= lrSlatah[1][d] ? 1 : 0;
                        print(out, r);
                    }
                    out.printf(" %6d/%d %12d/%d%n", wonFull, days.size(), wonVanishing, days.size());
                }
            }
        }
    }

    private static PlannerQualityBenchmark.Result simulate(double[][] traces, PlannerQualityBenchmark.Strategy s,
            PlannerQualityBenchmark.Workload workload, String day) {
        return new PlannerQualityBenchmark.Simulation(traces, s, workload).run(day);
    }

    private static void print(PrintStream out, PlannerQualityBenchmark.Result r) {
        out.printf(" %6d / %4.2f %% / %3.0f", r.migrations(), 100 * r.slatah(), r.energyKwh());
    }
}
