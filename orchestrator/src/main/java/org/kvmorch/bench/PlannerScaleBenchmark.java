package org.kvmorch.bench;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import org.kvmorch.fleet.LoadIndex;
import org.kvmorch.planning.DetectorParams;
import org.kvmorch.planning.FleetSnapshot;
import org.kvmorch.planning.HostSpec;
import org.kvmorch.planning.Plan;
import org.kvmorch.planning.Planner;
import org.kvmorch.planning.PlannerConfig;
import org.kvmorch.planning.UnderloadParams;
import org.kvmorch.planning.VmSpec;

/**
 * Planner speed on synthetic fleets (issue 6: 1,000 x 20,000 in <= 100 ms, 10,000 x 200,000 in
 * <= 1 s on two cores). Hosts come in clusters of 100; about 5 % are pushed over the load-index
 * threshold and about 10 % are nearly idle, so every phase of the planner has work. Prints the warm
 * median of several plans, the heap the snapshot holds and what one plan allocates.
 *
 * <p>Usage: {@code PlannerScaleBenchmark [runs]}.
 */
public final class PlannerScaleBenchmark {

    private static final long GIB = 1L << 30;

    public static void main(String[] args) {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        System.out.printf("%-18s %10s %10s %10s %10s %12s %12s %10s%n", "fleet", "build ms", "plan p50",
                "plan max", "moves", "snapshot MB", "alloc/plan", "overload");
        for (int[] size : new int[][] {{1_000, 20_000}, {10_000, 200_000}}) {
            run(size[0], size[1], runs);
        }
    }

    static void run(int hosts, int vms, int runs) {
        long heapBefore = usedHeap();
        long t0 = System.nanoTime();
        FleetSnapshot snapshot = fleet(hosts, vms, new Random(42));
        long buildMs = (System.nanoTime() - t0) / 1_000_000;
        long heapSnapshot = usedHeap() - heapBefore;
        PlannerConfig config = PlannerConfig.defaults()
                .with(new DetectorParams.LoadIndexParams(8, Duration.ofMinutes(5), EnumSet.allOf(DetectorParams.Resource.class)))
                .with(new UnderloadParams.BelowCpu(0.15))
                .withConsolidationLimit(hosts / 20);
        Planner planner = new Planner(config);
        for (int i = 0; i < 3; i++) {
            planner.plan(snapshot); // warm-up: JIT
        }
        long[] times = new long[runs];
        Plan plan = null;
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long alloc = 0;
        for (int i = 0; i < runs; i++) {
            long a0 = threads.getCurrentThreadAllocatedBytes();
            long s = System.nanoTime();
            plan = planner.plan(snapshot);
            times[i] = System.nanoTime() - s;
            alloc = threads.getCurrentThreadAllocatedBytes() - a0;
        }
        Arrays.sort(times);
        System.out.printf("%-18s %10d %10.1f %10.1f %10d %12.1f %10.1fMB %10d%n", hosts + "x" + vms, buildMs,
                times[runs / 2] / 1e6, times[runs - 1] / 1e6, plan.migrations().size(), heapSnapshot / 1e6,
                alloc / 1e6, plan.overloadedHosts());
    }

    private static long usedHeap() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return rt.totalMemory() - rt.freeMemory();
    }

    /** 64-core, 512 GiB, 10 GbE hosts; VMs of 0.5-4 cores and 2-32 GiB; 20 VMs a host on average. */
    static FleetSnapshot fleet(int hosts, int vms, Random rnd) {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        FleetSnapshot.Builder b = FleetSnapshot.builder(now, Duration.ofMinutes(1));
        int perHost = vms / hosts;
        List<VmSpec> all = new ArrayList<>(vms);
        double[] cpu = new double[hosts];
        long[] mem = new long[hosts];
        for (int v = 0; v < vms; v++) {
            int h = v / perHost;
            double demand;
            if (h % 20 == 7) {
                demand = 2.6 + rnd.nextDouble() * 0.6;      // hot hosts: ~58 cores of 64
            } else if (h % 10 == 3) {
                demand = 0.1 + rnd.nextDouble() * 0.3;       // nearly idle hosts
            } else {
                demand = 0.5 + rnd.nextDouble() * 2.5;
            }
            long ram = (2 + rnd.nextInt(15)) * GIB;
            cpu[h] += demand;
            mem[h] += ram;
            VmSpec vm = VmSpec.of("vm-" + v, "host-" + h, demand, ram)
                    .withIo(rnd.nextDouble() * 20e6, rnd.nextDouble() * 30e6)
                    .withDirtying(rnd.nextDouble() * 200e6, ram / 4);
            if (v % 50 == 0) {
                vm = vm.withGroups(null, "anti-" + (v / 1000));
            }
            if (v % 97 == 0) {
                vm = vm.withLastMigration(now.minus(Duration.ofMinutes(10)), "host-" + ((h + 1) % hosts));
            }
            all.add(vm);
        }
        for (int h = 0; h < hosts; h++) {
            double cpuShare = Math.min(1, cpu[h] / 64);
            double memShare = Math.min(0.95, mem[h] / (512.0 * GIB));
            double li = LoadIndex.of(cpuShare, memShare * 0.6, 0.05, 0.1);
            HostSpec host = new HostSpec("host-" + h, "cluster-" + (h / 100), org.kvmorch.planning.HostState.ACTIVE,
                    64, 64, 512 * GIB, 2e9, 1.25e9, 2, 2, cpuShare, memShare * 0.6, 0.05, 0.1,
                    new double[] {cpuShare, cpuShare, cpuShare}, new double[] {li, li, li, li, li, li}, null, null);
            b.host(host);
        }
        return b.vms(all).build();
    }
}
