package org.kvmorch.bench;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.kvmorch.OrchestratorApplication;
import org.kvmorch.fleet.FleetPoller;
import org.kvmorch.fleet.PollSummary;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The poll cycle at fleet scale: the real service (embedded PostgreSQL, the real poller and
 * recorder) over a simulated fleet of 1,000 hosts and 20,000 VMs; reports wall time and the JVM's
 * CPU time per cycle (PostgreSQL's own CPU is a separate process and not included).
 * Usage: {@code bench poll [hosts] [vms] [cycles]}.
 */
public final class PollBenchmark {

    private PollBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        System.exit(run(args, System.out));
    }

    public static int run(String[] args, PrintStream out) throws java.io.IOException {
        int hosts = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int vms = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        int cycles = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        Path dataDir = Files.createTempDirectory("kvmorch-poll-bench");
        out.printf("poll benchmark: %d hosts, %d VMs, %d cycles (data in %s)%n", hosts, vms, cycles, dataDir);
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(OrchestratorApplication.class)
                .web(WebApplicationType.NONE).logStartupInfo(false)
                .run("--orchestrator.data-dir=" + dataDir,
                        "--orchestrator.hypervisor.simulated.hosts=" + hosts,
                        "--orchestrator.hypervisor.simulated.vms=" + vms,
                        "--orchestrator.hypervisor.simulated.overloaded-hosts=" + hosts / 10,
                        "--orchestrator.monitoring.interval=1h",
                        "--orchestrator.planning.rebalance-mode=off",
                        "--logging.level.root=WARN")) {
            FleetPoller poller = app.getBean(FleetPoller.class);
            com.sun.management.OperatingSystemMXBean os =
                    (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            poller.pollOnce(); // warm-up (the first poll at start-up registered the fleet)
            List<Double> wall = new ArrayList<>();
            List<Double> cpu = new ArrayList<>();
            PollSummary last = null;
            for (int i = 0; i < cycles; i++) {
                long cpu0 = os.getProcessCpuTime();
                long t0 = System.nanoTime();
                last = poller.pollOnce();
                wall.add((System.nanoTime() - t0) / 1e6);
                cpu.add((os.getProcessCpuTime() - cpu0) / 1e6);
            }
            out.printf("%-28s %10s %10s%n", "per cycle", "median", "max");
            out.printf("%-28s %10.1f %10.1f%n", "wall ms", median(wall), Collections.max(wall));
            out.printf("%-28s %10.1f %10.1f%n", "JVM CPU ms (all threads)", median(cpu), Collections.max(cpu));
            out.printf("rows written per cycle: %d (hosts %d, domains %d)%n", last.samples(), last.hosts(),
                    last.domains());
        }
        return 0;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
