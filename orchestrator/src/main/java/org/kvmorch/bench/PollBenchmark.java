package org.kvmorch.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.kvmorch.OrchestratorApplication;
import org.kvmorch.db.embedded.EmbeddedPostgresServer;
import org.kvmorch.fleet.FleetPoller;
import org.kvmorch.fleet.PollSummary;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The poll cycle at fleet scale: the real service (the real poller and recorder) over a simulated
 * fleet of 1,000 hosts and 20,000 VMs, once per poll writer, side by side in one run on one
 * PostgreSQL server (each writer on a database of its own). Per cycle: wall time, the JVM's CPU
 * time (all threads) and PostgreSQL's CPU time (postmaster and its children, from /proc).
 * Usage: {@code bench poll [hosts] [vms] [cycles] [variants]}, variants a comma list of
 * {@code jpa}, {@code jpa-rewrite} (PgJDBC reWriteBatchedInserts=true), {@code batch}; a variant
 * may repeat (the JIT warms up over the first ones: the later rows are the fair comparison).
 */
public final class PollBenchmark {

    static final List<String> VARIANTS = List.of("jpa", "jpa-rewrite", "batch");
    /** Each writer twice: the first pass warms the JIT for all of them, the second is the comparison. */
    static final List<String> DEFAULT_RUN = List.of("jpa", "batch", "jpa-rewrite", "jpa", "batch", "jpa-rewrite");

    private PollBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        System.exit(run(args, System.out));
    }

    public static int run(String[] args, PrintStream out) throws IOException {
        int hosts = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int vms = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        int cycles = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        List<String> variants = args.length > 3 ? List.of(args[3].split(",")) : DEFAULT_RUN;
        if (!VARIANTS.containsAll(variants)) {
            throw new IllegalArgumentException("variants: " + variants + "; allowed: " + VARIANTS);
        }
        Path dataDir = Files.createTempDirectory("kvmorch-poll-bench");
        out.printf("poll benchmark: %d hosts, %d VMs, %d cycles per writer (data in %s), load average %s%n", hosts,
                vms, cycles, dataDir, loadAverage());
        List<String> rows = new ArrayList<>();
        try (EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(dataDir.resolve("postgres"))) {
            PostgresCpu pgCpu = PostgresCpu.of(postgres.dataDirectory());
            for (int i = 0; i < variants.size(); i++) {
                String variant = variants.get(i);
                String db = "poll_" + i + "_" + variant.replace('-', '_');
                createDatabase(postgres.jdbcUrl(), db);
                String url = postgres.jdbcUrl().replaceFirst("(jdbc:postgresql://[^/]+/)[^?]*", "$1" + db)
                        + (variant.endsWith("-rewrite") ? "&reWriteBatchedInserts=true" : "");
                rows.add(measure(variant, url, hosts, vms, cycles, pgCpu));
            }
        }
        out.printf("%-12s %12s %12s %12s %12s %12s %8s%n", "writer", "wall ms", "wall max", "JVM CPU ms",
                "JVM CPU max", "PG CPU ms", "rows");
        rows.forEach(out::println);
        out.printf("load average after: %s%n", loadAverage());
        return 0;
    }

    private static String measure(String variant, String url, int hosts, int vms, int cycles, PostgresCpu pgCpu) {
        String writer = variant.startsWith("jpa") ? "jpa" : "batch";
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(OrchestratorApplication.class)
                .web(WebApplicationType.NONE).logStartupInfo(false)
                .run("--spring.datasource.url=" + url,
                        "--spring.datasource.username=postgres", "--spring.datasource.password=postgres",
                        "--orchestrator.hypervisor.simulated.hosts=" + hosts,
                        "--orchestrator.hypervisor.simulated.vms=" + vms,
                        "--orchestrator.hypervisor.simulated.overloaded-hosts=" + hosts / 10,
                        "--orchestrator.monitoring.interval=1h",
                        "--orchestrator.monitoring.writer=" + writer,
                        "--orchestrator.planning.rebalance-mode=off",
                        "--logging.level.root=WARN")) {
            FleetPoller poller = app.getBean(FleetPoller.class);
            com.sun.management.OperatingSystemMXBean os =
                    (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            for (int i = 0; i < 3; i++) {
                poller.pollOnce(); // warm-up (the first poll at start-up registered the fleet)
            }
            List<Double> wall = new ArrayList<>();
            List<Double> cpu = new ArrayList<>();
            List<Double> pg = new ArrayList<>();
            PollSummary last = null;
            for (int i = 0; i < cycles; i++) {
                long pg0 = pgCpu.millis();
                long cpu0 = os.getProcessCpuTime();
                long t0 = System.nanoTime();
                last = poller.pollOnce();
                wall.add((System.nanoTime() - t0) / 1e6);
                cpu.add((os.getProcessCpuTime() - cpu0) / 1e6);
                pg.add((double) (pgCpu.millis() - pg0));
            }
            return String.format("%-12s %12.1f %12.1f %12.1f %12.1f %12s %8d", variant, median(wall),
                    Collections.max(wall), median(cpu), Collections.max(cpu),
                    pgCpu.available() ? String.format("%.0f", median(pg)) : "n/a", last.samples());
        }
    }

    private static void createDatabase(String adminUrl, String name) {
        try (Connection c = DriverManager.getConnection(adminUrl, "postgres", "postgres");
             Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name + ": " + e.getMessage(), e);
        }
    }

    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            return "n/a";
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
