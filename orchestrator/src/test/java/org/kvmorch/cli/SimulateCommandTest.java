package org.kvmorch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The {@code simulate} command, without Spring. */
class SimulateCommandTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return SimulateCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    /** Oracle row "1 GiB, 125 MB/s, D = 25": stop round 3, 1278 MB, 66 ms (see OracleTest). */
    @Test
    void printsOneJsonObjectWithTheOracleNumbers() {
        int rc = run("--memory-mib", "1024", "--bandwidth-mibps", "125", "--workload", "constant",
                "--dirty-mibps", "25", "--wss-mib", "1024", "--device-state-kib", "0", "--stop-rule", "round-end");
        assertThat(rc).isZero();
        String json = out().trim();
        assertThat(json).startsWith("{").endsWith("}").doesNotContain("\n");
        assertThat(json).contains("\"policy\":\"precopy\"", "\"workload\":\"constant\"", "\"result\":\"COMPLETED\"",
                "\"precopyRounds\":3", "\"downtimeMs\":66", "\"totalMib\":1277.9");
        for (String key : new String[] {"totalTimeMs", "postcopyMs", "postcopyMib", "postcopyFaults", "pagesSent",
            "floorMib"}) {
            assertThat(json).contains("\"" + key + "\":");
        }
        assertThat(err()).isEmpty();
    }

    @Test
    void lambdaAboveOneIsNotConvergedWithATimeLimit() {
        int rc = run("--memory-mib", "512", "--bandwidth-mibps", "50", "--workload", "constant", "--dirty-mibps", "60",
                "--time-limit-s", "100");
        assertThat(rc).isZero();
        assertThat(out()).contains("\"result\":\"NOT_CONVERGED\"");
    }

    @Test
    void hybridPolicySwitchesAfterItsRoundsAndCountsFaults() {
        int rc = run("--memory-mib", "1024", "--bandwidth-mibps", "100", "--workload", "memcached",
                "--policy", "hybrid-2");
        assertThat(rc).isZero();
        assertThat(out()).contains("\"policy\":\"hybrid-2\"", "\"precopyRounds\":2", "\"result\":\"COMPLETED\"")
                .doesNotContain("\"postcopyFaults\":0,");
    }

    @Test
    void everyPolicyRuns() {
        for (String policy : org.kvmorch.control.Policies.names()) {
            out.reset();
            assertThat(run("--memory-mib", "256", "--bandwidth-mibps", "200", "--workload", "kernel-compile",
                    "--policy", policy, "--time-limit-s", "60", "--storage-path-mibps", "1192")).as(policy).isZero();
            assertThat(out()).contains("\"policy\":\"" + policy + "\"");
        }
    }

    @Test
    void paHybridNeedsAStoragePathOnBothHosts() {
        assertThat(run("--memory-mib", "256", "--workload", "idle", "--policy", "pa-hybrid")).isEqualTo(2);
        assertThat(err().trim()).doesNotContain("\n").startsWith("--policy").contains("storage path");
        err.reset();
        assertThat(run("--memory-mib", "256", "--workload", "idle", "--policy", "pa-hybrid",
                "--storage-path-mibps", "1192")).isZero();
        assertThat(out()).contains("\"policy\":\"pa-hybrid\"", "\"result\":\"COMPLETED\"");
    }

    @Test
    void tableFormatListsThePasses() {
        assertThat(run("--memory-mib", "256", "--workload", "idle", "--format", "table")).isZero();
        assertThat(out()).contains("pass", "LIVE", "STOP_AND_COPY", "COMPLETED");
    }

    @Test
    void badValuesGiveOneLineNamingTheArgumentAndTheAllowedValues() {
        assertThat(run("--workload", "redis")).isEqualTo(2);
        assertThat(err().trim()).doesNotContain("\n").startsWith("--workload")
                .contains("constant, hotset, kernel-compile, lmbench, memcached, memcached-rising, bursty, idle");
        assertThat(out()).isEmpty();
    }

    @Test
    void badPolicyStopRuleFormatAndNumbersAreRejected() {
        assertThat(run("--policy", "hybrid-11")).isEqualTo(2);
        assertThat(err()).startsWith("--policy").contains("hybrid-10", "pa-hybrid", "auto", "nova");
        err.reset();
        assertThat(run("--stop-rule", "clark")).isEqualTo(2);
        assertThat(err()).startsWith("--stop-rule").contains("qemu, round-end");
        err.reset();
        assertThat(run("--format", "xml")).isEqualTo(2);
        assertThat(err()).contains("json, table");
        err.reset();
        assertThat(run("--memory-mib", "-5")).isEqualTo(2);
        assertThat(err()).startsWith("--memory-mib");
        err.reset();
        assertThat(run("--memory-mib")).isEqualTo(2);
        assertThat(err()).startsWith("--memory-mib");
        err.reset();
        assertThat(run("--colour", "red")).isEqualTo(2);
        assertThat(err()).contains("--colour").contains("--memory-mib");
        assertThat(err().trim().lines().count()).isEqualTo(1);
    }

    @Test
    void aWriteRampShapesMemcachedRising() {
        // Writes rising slowly (600 s) let pre-copy get further before they outrun the 50 MiB/s link than
        // the default 300 s ramp does: adaptive switches later and leaves post-copy less.
        String[] base = {"--memory-mib", "8192", "--bandwidth-mibps", "50", "--workload", "memcached-rising",
                "--policy", "adaptive", "--format", "json"};
        assertThat(run(base)).isZero();
        String byDefault = out();
        out.reset();
        String[] slow = java.util.Arrays.copyOf(base, base.length + 2);
        slow[base.length] = "--write-ramp";
        slow[base.length + 1] = "0.3,0.8,600";
        assertThat(run(slow)).isZero();
        assertThat(postcopyMs(out())).isLessThan(postcopyMs(byDefault));
    }

    @Test
    void aBadWriteRampNamesTheOption() {
        assertThat(run("--workload", "memcached", "--write-ramp", "0.3,0.8,300")).isEqualTo(2);
        assertThat(err()).startsWith("--write-ramp").contains("memcached-rising");
        err.reset();
        assertThat(run("--workload", "memcached-rising", "--write-ramp", "0.3,1.8,300")).isEqualTo(2);
        assertThat(err()).startsWith("--write-ramp").contains("within 0..1");
        err.reset();
        assertThat(run("--workload", "memcached-rising", "--write-ramp", "fast")).isEqualTo(2);
        assertThat(err()).startsWith("--write-ramp").contains("FROM,TO,SECONDS");
        assertThat(err().trim().lines().count()).isEqualTo(1);
    }

    private static long postcopyMs(String json) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"postcopyMs\"\\s*:\\s*(\\d+)").matcher(json);
        assertThat(m.find()).as(json).isTrue();
        return Long.parseLong(m.group(1));
    }

    @Test
    void helpListsEveryOptionAndExitsZero() {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        int code = SimulateCommand.run(new String[] {"--help"}, new java.io.PrintStream(out), System.err);
        org.assertj.core.api.Assertions.assertThat(code).isZero();
        org.assertj.core.api.Assertions.assertThat(out.toString())
                .contains("--memory-mib", "--policy", "pa-hybrid", "--workload", "memcached-rising", "--stop-rule",
                        "--write-ramp");
    }
}
