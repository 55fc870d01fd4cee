package org.kvmorch.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The harness rules that follow CloudSim rather than our planner: the start placement and vanishing VMs. */
class PlannerQualityHarnessTest {

    private static double[][] flat(int vms, double fraction) {
        double[][] t = new double[vms][PlannerQualityBenchmark.STEPS];
        for (double[] row : t) {
            Arrays.fill(row, fraction);
        }
        return t;
    }

    private static PlannerQualityBenchmark.Simulation simulation(double[][] traces,
            PlannerQualityBenchmark.Workload workload) {
        PlannerQualityBenchmark.Strategy idle = new PlannerQualityBenchmark.Strategy("idle",
                sim -> new PlannerQualityBenchmark.Consolidator() {
                    public String label() {
                        return "idle";
                    }

                    public List<int[]> plan(int k, int[] vmHost, double[] demand) {
                        return List.of();
                    }
                });
        return new PlannerQualityBenchmark.Simulation(traces, idle, workload);
    }

    /** "Power after" counts reserved MIPS while the power subtracted is still P(0): an empty host always wins. */
    @Test
    void cloudSimStartsEveryVmOnItsOwnHostWhileEmptyOnesRemain() {
        int[] hosts = simulation(flat(40, 0.5), PlannerQualityBenchmark.Workload.FULL_DAY).initialPlacement();

        assertThat(Arrays.stream(hosts).distinct().count()).isEqualTo(40);
    }

    /** Destroyed at the first update (from 300 s on) where the sample and the next one are both 0. */
    @Test
    void aVmVanishesAtItsFirstTwoZeroSamples() {
        double[] trace = new double[PlannerQualityBenchmark.STEPS];
        Arrays.fill(trace, 0.2);
        trace[0] = 0;   // no update at 0 s
        trace[1] = 0;
        trace[2] = 0;   // the update at 300 s (k = 1) reads 0 towards 0
        assertThat(PlannerQualityBenchmark.Simulation.vanishesAt(trace)).isEqualTo(1);

        trace[1] = 0;
        trace[2] = 0.2; // 0.1 s after a 0 sample the demand is already above 0
        assertThat(PlannerQualityBenchmark.Simulation.vanishesAt(trace)).isEqualTo(PlannerQualityBenchmark.STEPS);

        trace[1] = 0.2;
        trace[5] = 0;
        trace[9] = 0;
        trace[10] = 0;
        assertThat(PlannerQualityBenchmark.Simulation.vanishesAt(trace)).isEqualTo(9);

        trace[9] = 0.2;
        trace[10] = 0.2;
        trace[PlannerQualityBenchmark.STEPS - 1] = 0;   // the last sample, followed by the array's 0
        assertThat(PlannerQualityBenchmark.Simulation.vanishesAt(trace)).isEqualTo(PlannerQualityBenchmark.STEPS - 1);
    }

    /** A destroyed VM is gone for good: strategies see it as GONE and never get it back. */
    @Test
    void onlyTheCloudSimWorkloadDestroysVms() {
        double[][] traces = flat(20, 0.3);
        traces[0][10] = 0;
        traces[0][11] = 0;   // zero at steps 10 and 11, busy again afterwards
        for (PlannerQualityBenchmark.Workload w : PlannerQualityBenchmark.Workload.values()) {
            int[] goneAtStep20 = new int[1];
            PlannerQualityBenchmark.Strategy watcher = new PlannerQualityBenchmark.Strategy("watcher",
                    sim -> new PlannerQualityBenchmark.Consolidator() {
                        public String label() {
                            return "watcher";
                        }

                        public List<int[]> plan(int k, int[] vmHost, double[] demand) {
                            if (k == 20) {
                                goneAtStep20[0] = (int) Arrays.stream(vmHost)
                                        .filter(h -> h == PlannerQualityBenchmark.GONE).count();
                            }
                            return List.of();
                        }
                    });
            new PlannerQualityBenchmark.Simulation(traces, watcher, w).run("d");

            assertThat(goneAtStep20[0]).isEqualTo(w == PlannerQualityBenchmark.Workload.CLOUDSIM_VANISHING ? 1 : 0);
        }
    }
}
