package org.kvmorch.hypervisor.sim;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Locale;
import org.kvmorch.hypervisor.JobPhase;

/**
 * Wall time to simulate seed 002's Table 5 migration page by page: a 32 GiB memcached guest (3:7,
 * 8 Mi pages) over a 50 MiB/s link, as 1-hybrid and as pure pre-copy cut at 1,200 s of virtual
 * time. Warm JVM: a few runs first, then the median of the timed ones. Prints wall ms, MiB
 * allocated per run (mostly the three 1 MiB bitmaps) and the simulated outcome.
 *
 * <pre>
 * mvn -q -pl libvirt-adapter test-compile
 * java -cp libvirt-adapter/target/classes:libvirt-adapter/target/test-classes \
 *     org.kvmorch.hypervisor.sim.SimulatorSpeedBenchmark
 * </pre>
 */
public final class SimulatorSpeedBenchmark {

    private SimulatorSpeedBenchmark() {
    }

    public static void main(String[] args) {
        int warmup = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 7;
        SimRunParameters base = SimRunParameters.of(32 * 1024, 50, WorkloadSpec.of(WorkloadKind.MEMCACHED));
        measure("hybrid-1", base, hybrid(1), warmup, runs);
        measure("precopy, 1200 s limit", base.withTimeLimitSeconds(1200), MigrationController.none(), warmup, runs);
    }

    static MigrationController hybrid(int rounds) {
        return (stats, job) -> {
            if (stats.phase() == JobPhase.PRECOPY && stats.memoryIteration() >= rounds + 1) {
                job.startPostCopy();
            }
        };
    }

    private static void measure(String name, SimRunParameters p, MigrationController c, int warmup, int runs) {
        for (int i = 0; i < warmup; i++) {
            SimulatedMigrationRun.run(p, c);
        }
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().getId();
        double[] wall = new double[runs];
        double[] alloc = new double[runs];
        SimRunResult last = null;
        for (int i = 0; i < runs; i++) {
            long a0 = threads.getThreadAllocatedBytes(tid);
            long t0 = System.nanoTime();
            last = SimulatedMigrationRun.run(p, c);
            wall[i] = (System.nanoTime() - t0) / 1e6;
            alloc[i] = (threads.getThreadAllocatedBytes(tid) - a0) / 1048576.0;
        }
        Arrays.sort(wall);
        Arrays.sort(alloc);
        System.out.printf(Locale.ROOT,
                "%-22s wall median %6.1f ms (min %6.1f, max %6.1f), allocated %5.1f MiB/run | %s, %.1f s, %.0f MiB,"
                        + " %d rounds, post-copy %.1f s %.0f MiB %d faults, %d pages sent%n",
                name, wall[runs / 2], wall[0], wall[runs - 1], alloc[runs / 2], last.result(),
                last.totalTimeMs() / 1000.0, last.totalMib(), last.precopyRounds(), last.postcopyMs() / 1000.0,
                last.postcopyMib(), last.postcopyFaults(), last.pagesSent());
    }
}
