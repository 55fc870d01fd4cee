package org.kvmorch.cli;

import org.kvmorch.prediction.PolicyRun;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.kvmorch.control.MigrationPolicy;
import org.kvmorch.control.Policies;
import org.kvmorch.hypervisor.sim.PassRecord;
import org.kvmorch.hypervisor.sim.SimRunParameters;
import org.kvmorch.hypervisor.sim.SimRunResult;
import org.kvmorch.hypervisor.sim.StopRule;
import org.kvmorch.hypervisor.sim.WorkloadKind;
import org.kvmorch.hypervisor.sim.WorkloadSpec;

/**
 * {@code simulate}: one migration between two simulated hosts, printed as JSON or a table. Plain
 * Java (no Spring) so that benchmarks can call it in-process. The policy is the control engine's
 * own ({@link Policies}), driven by the service's {@link org.kvmorch.control.ControlLoop} through
 * {@link PolicyRun}: what this prints is what the service would do.
 *
 * <p>Exit codes: 0 when the simulation ran (whatever its result), 2 for bad arguments.
 */
public final class SimulateCommand {

    /** Every policy name, as error messages list them. */
    static String policies() {
        return String.join(", ", Policies.names());
    }

    private static final Set<String> OPTIONS = Set.of("--memory-mib", "--bandwidth-mibps", "--workload",
            "--dirty-mibps", "--wss-mib", "--downtime-ms", "--policy", "--stop-rule", "--device-state-kib",
            "--time-limit-s", "--seed", "--storage-path-mibps", "--format", "--write-ramp");

    /** Default virtual time limit: one day, so a non-converging pre-copy ends as NOT_CONVERGED. */
    static final long DEFAULT_TIME_LIMIT_SECONDS = 86_400;

    private SimulateCommand() {
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (java.util.Arrays.asList(args).contains("--help")) {
            out.println(USAGE);
            return 0;
        }
        Parsed parsed;
        try {
            parsed = parse(args);
        } catch (BadArgument e) {
            err.println(e.getMessage());
            return 2;
        }
        PolicyRun.Outcome outcome;
        try {
            outcome = PolicyRun.run(parsed.parameters, parsed.policy);
        } catch (IllegalArgumentException cannotRunHere) {
            err.println("--policy: " + cannotRunHere.getMessage());
            return 2;
        }
        SimRunResult result = outcome.result();
        if (parsed.json) {
            out.println(toJson(parsed, result));
        } else {
            printTable(parsed, result, out);
        }
        return 0;
    }

    // ---------------------------------------------------------------- arguments

    static final String USAGE = String.join("\n",
            "usage: simulate [options]   one migration in the QEMU simulator, page by page",
            "  --memory-mib N          guest memory (default 1024)",
            "  --bandwidth-mibps X     migration link bandwidth (default 125)",
            "  --workload W            " + org.kvmorch.hypervisor.sim.WorkloadKind.allowedNames(),
            "  --dirty-mibps X         dirty rate (constant, hotset)",
            "  --wss-mib N             working set (constant, hotset)",
            "  --write-ramp F,T,S      memcached-rising: write share from F to T over S seconds (default 0.3,0.8,300)",
            "  --downtime-ms N         downtime limit (default 300)",
            "  --policy P              " + String.join(", ", org.kvmorch.control.Policies.names()),
            "  --stop-rule R           qemu (default) or round-end (Clark's model, for the oracle)",
            "  --device-state-kib N    CPU and device state sent at switchover",
            "  --storage-path-mibps X  a second path between the hosts (pa-hybrid, auto)",
            "  --time-limit-s N        virtual time before giving up (NOT_CONVERGED)",
            "  --seed N                random seed (same seed, same run)",
            "  --format F              json or table");

    record Parsed(SimRunParameters parameters, MigrationPolicy policy, WorkloadKind workload, boolean json) {
    }

    static final class BadArgument extends Exception {
        BadArgument(String message) {
            super(message);
        }
    }

    /** {@code FROM,TO,SECONDS}: write shares within 0..1, seconds above 0. */
    private static WorkloadSpec.WriteRamp writeRamp(String value, WorkloadKind kind) throws BadArgument {
        if (kind != WorkloadKind.MEMCACHED_RISING) {
            throw new BadArgument("--write-ramp: only for --workload " + WorkloadKind.MEMCACHED_RISING.cliName());
        }
        String[] parts = value.split(",");
        try {
            if (parts.length == 3) {
                return new WorkloadSpec.WriteRamp(Double.parseDouble(parts[0].trim()),
                        Double.parseDouble(parts[1].trim()), Double.parseDouble(parts[2].trim()));
            }
        } catch (IllegalArgumentException bad) { // NumberFormatException is one
            throw new BadArgument("--write-ramp: '" + value + "': " + (bad instanceof NumberFormatException
                    ? "not a number" : bad.getMessage()) + " (FROM,TO,SECONDS, e.g. 0.3,0.8,300)");
        }
        throw new BadArgument("--write-ramp: '" + value + "': expected FROM,TO,SECONDS, e.g. 0.3,0.8,300");
    }

    static Parsed parse(String[] args) throws BadArgument {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String name = arg;
            String value = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                name = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            }
            if (!OPTIONS.contains(name)) {
                throw new BadArgument("unknown argument '" + arg + "'; allowed: " + String.join(", ",
                        OPTIONS.stream().sorted().toList()));
            }
            if (value == null) {
                if (i + 1 >= args.length) {
                    throw new BadArgument(name + " needs a value");
                }
                value = args[++i];
            }
            values.put(name, value);
        }
        long memoryMib = positiveLong(values, "--memory-mib", 1024);
        double bandwidth = positiveDouble(values, "--bandwidth-mibps", 125);
        String workloadName = values.getOrDefault("--workload", "constant");
        WorkloadKind kind = WorkloadKind.byName(workloadName).orElseThrow(() -> new BadArgument(
                "--workload: unknown value '" + workloadName + "'; allowed: " + WorkloadKind.allowedNames()));
        boolean constantLike = kind == WorkloadKind.CONSTANT || kind == WorkloadKind.HOTSET;
        Double dirty = values.containsKey("--dirty-mibps") ? nonNegativeDouble(values, "--dirty-mibps") : null;
        Long wssMib = values.containsKey("--wss-mib") ? positiveLong(values, "--wss-mib", 0) : null;
        if (wssMib != null && wssMib > memoryMib) {
            throw new BadArgument("--wss-mib: must not exceed --memory-mib (" + memoryMib + ")");
        }
        Optional<WorkloadSpec.WriteRamp> ramp = values.containsKey("--write-ramp")
                ? Optional.of(writeRamp(values.get("--write-ramp"), kind)) : Optional.empty();
        WorkloadSpec workload = new WorkloadSpec(kind,
                dirty != null ? OptionalLong.of(Math.round(dirty * 1024 * 1024))
                        : constantLike ? OptionalLong.of(0) : OptionalLong.empty(),
                wssMib != null ? OptionalLong.of(wssMib * 1024 * 1024)
                        : constantLike ? OptionalLong.of(memoryMib * 1024 * 1024)
                                : OptionalLong.empty(), ramp);
        long downtime = positiveLong(values, "--downtime-ms", 300);
        String policyName = values.getOrDefault("--policy", "precopy");
        MigrationPolicy policy = Policies.byName(policyName).orElseThrow(() -> new BadArgument(
                "--policy: unknown value '" + policyName + "'; allowed: " + policies()));
        String ruleName = values.getOrDefault("--stop-rule", "qemu");
        StopRule rule = switch (ruleName) {
            case "qemu" -> StopRule.QEMU;
            case "round-end" -> StopRule.ROUND_END;
            default -> throw new BadArgument("--stop-rule: unknown value '" + ruleName + "'; allowed: qemu, round-end");
        };
        long deviceKib = nonNegativeLong(values, "--device-state-kib", 256);
        long timeLimit = nonNegativeLong(values, "--time-limit-s", DEFAULT_TIME_LIMIT_SECONDS);
        long seed = anyLong(values, "--seed", 1);
        double storage = values.containsKey("--storage-path-mibps")
                ? nonNegativeDouble(values, "--storage-path-mibps") : 0;
        String format = values.getOrDefault("--format", "json");
        if (!format.equals("json") && !format.equals("table")) {
            throw new BadArgument("--format: unknown value '" + format + "'; allowed: json, table");
        }
        SimRunParameters p = SimRunParameters.of(memoryMib, bandwidth, workload)
                .withDowntimeMs(downtime)
                .withStopRule(rule)
                .withDeviceStateKib(deviceKib)
                .withTimeLimitSeconds(timeLimit)
                .withSeed(seed)
                .withStoragePath(storage, false);
        return new Parsed(p, policy, kind, format.equals("json"));
    }

    private static long positiveLong(Map<String, String> v, String name, long fallback) throws BadArgument {
        long x = anyLong(v, name, fallback);
        if (x < 1) {
            throw new BadArgument(name + ": must be a positive integer, was '" + v.get(name) + "'");
        }
        return x;
    }

    private static long nonNegativeLong(Map<String, String> v, String name, long fallback) throws BadArgument {
        long x = anyLong(v, name, fallback);
        if (x < 0) {
            throw new BadArgument(name + ": must be an integer >= 0, was '" + v.get(name) + "'");
        }
        return x;
    }

    private static long anyLong(Map<String, String> v, String name, long fallback) throws BadArgument {
        String s = v.get(name);
        if (s == null) {
            return fallback;
        }
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            throw new BadArgument(name + ": must be an integer, was '" + s + "'");
        }
    }

    private static double positiveDouble(Map<String, String> v, String name, double fallback) throws BadArgument {
        String s = v.get(name);
        if (s == null) {
            return fallback;
        }
        double x = parseDouble(name, s);
        if (!(x > 0)) {
            throw new BadArgument(name + ": must be a number > 0, was '" + s + "'");
        }
        return x;
    }

    private static double nonNegativeDouble(Map<String, String> v, String name) throws BadArgument {
        String s = v.get(name);
        double x = parseDouble(name, s);
        if (!(x >= 0)) {
            throw new BadArgument(name + ": must be a number >= 0, was '" + s + "'");
        }
        return x;
    }

    private static double parseDouble(String name, String s) throws BadArgument {
        try {
            double x = Double.parseDouble(s.trim());
            if (Double.isNaN(x) || Double.isInfinite(x)) {
                throw new NumberFormatException();
            }
            return x;
        } catch (NumberFormatException e) {
            throw new BadArgument(name + ": must be a number, was '" + s + "'");
        }
    }

    // ---------------------------------------------------------------- output

    static String toJson(Parsed parsed, SimRunResult r) {
        SimRunParameters p = parsed.parameters();
        StringBuilder b = new StringBuilder("{");
        field(b, "policy", quote(parsed.policy().name()));
        field(b, "workload", quote(parsed.workload().cliName()));
        field(b, "result", quote(r.result().name()));
        field(b, "reason", quote(r.reason()));
        field(b, "totalTimeMs", Long.toString(r.totalTimeMs()));
        field(b, "totalMib", number(r.totalMib()));
        field(b, "downtimeMs", Long.toString(r.downtimeMs()));
        field(b, "precopyRounds", Integer.toString(r.precopyRounds()));
        field(b, "postcopyMs", Long.toString(r.postcopyMs()));
        field(b, "postcopyMib", number(r.postcopyMib()));
        field(b, "postcopyFaults", Long.toString(r.postcopyFaults()));
        field(b, "pagesSent", Long.toString(r.pagesSent()));
        field(b, "floorMib", number(r.floorMib()));
        field(b, "storageMib", number(r.storageMib()));
        field(b, "memoryIteration", Long.toString(r.memoryIteration()));
        field(b, "maxThrottlePercent", Integer.toString(r.maxThrottlePercent()));
        field(b, "memoryMib", Long.toString(p.memoryMib()));
        field(b, "bandwidthMibps", number(p.bandwidthMibps()));
        field(b, "downtimeLimitMs", Long.toString(p.downtimeMs()));
        field(b, "stopRule", quote(p.stopRule() == StopRule.QEMU ? "qemu" : "round-end"));
        field(b, "seed", Long.toString(p.seed()));
        b.setLength(b.length() - 1);
        return b.append('}').toString();
    }

    private static void field(StringBuilder b, String name, String value) {
        b.append('"').append(name).append("\":").append(value).append(',');
    }

    private static String number(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }

    private static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    private static void printTable(Parsed parsed, SimRunResult r, PrintStream out) {
        out.printf(Locale.ROOT, "policy %s, workload %s: %s (%s)%n", parsed.policy().name(),
                parsed.workload().cliName(), r.result(), r.reason());
        out.printf(Locale.ROOT, "total %.3f s, %.1f MiB (floor %.1f MiB), downtime %d ms, %d pre-copy rounds,"
                        + " %d syncs%n", r.totalTimeMs() / 1000.0, r.totalMib(), r.floorMib(), r.downtimeMs(),
                r.precopyRounds(), r.memoryIteration());
        out.printf(Locale.ROOT, "post-copy %.3f s, %.1f MiB, %d faults; %d pages sent; storage path %.1f MiB%n",
                r.postcopyMs() / 1000.0, r.postcopyMib(), r.postcopyFaults(), r.pagesSent(), r.storageMib());
        out.printf(Locale.ROOT, "%5s %-13s %10s %10s %12s %10s %10s %9s%n", "pass", "kind", "start s", "length s",
                "pages", "MiB", "dirtied", "throttle");
        for (PassRecord pass : r.passes()) {
            out.printf(Locale.ROOT, "%5d %-13s %10.3f %10.3f %12d %10.1f %10d %8d%%%n", pass.index(), pass.kind(),
                    pass.startNanos() / 1e9, pass.durationNanos() / 1e9, pass.pagesSent(),
                    pass.bytes() / 1048576.0, pass.dirtyPagesAtSync(), pass.throttlePercent());
        }
    }
}
