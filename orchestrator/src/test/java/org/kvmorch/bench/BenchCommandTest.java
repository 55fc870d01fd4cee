package org.kvmorch.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Argument handling and output files of {@code bench}; the heavy suites run only from the command line. */
class BenchCommandTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return BenchCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void badArgumentsGiveOneLineAndExitTwo() {
        assertThat(run()).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8).trim()).doesNotContain("\n").contains("policies", "all");
        err.reset();
        assertThat(run("speed")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8).trim()).doesNotContain("\n")
                .startsWith("suite: unknown value 'speed'").contains("simulator-speed", "planner-quality");
        err.reset();
        assertThat(run("oracle", "--colour", "red")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--colour", "--out");
        err.reset();
        assertThat(run("oracle", "--out")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("--out");
    }

    @Test
    void missingPlanetLabDataFailsWithOneLine(@TempDir Path dir) {
        assertThat(run("planner-quality", "--out", dir.toString(), "--planetlab", dir.resolve("nope").toString()))
                .isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("PlanetLab directory").contains("--planetlab");
    }

    @Test
    void tablesAreWrittenAsCsvAndJson(@TempDir Path dir) throws Exception {
        ResultTable t = new ResultTable("demo", "workload", "total_s", "note");
        t.add("table5", 49.9, "a, \"quoted\"");
        t.write(dir);
        assertThat(Files.readString(dir.resolve("demo.csv"))).isEqualTo(
                "workload,total_s,note\ntable5,49.900,\"a, \"\"quoted\"\"\"\n");
        assertThat(Files.readString(dir.resolve("demo.json")))
                .contains("\"workload\": \"table5\"", "\"total_s\": 49.9000", "\"note\": \"a, \\\"quoted\\\"\"");
    }
}
