package org.kvmorch.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kvmorch.OrchestratorApplication;
import org.kvmorch.db.testsupport.TestDatabase;

/**
 * Starts the real service in a child JVM with bad settings and checks what an operator sees:
 * exit status 1 and one line saying what is wrong and what to do, no stack trace.
 */
class StartupFailureTest {

    @TempDir
    Path tmp;

    record Outcome(int exit, String output) {
    }

    @Test
    void unreachableDatabaseSaysWhichUrlAndWhatToCheck() throws Exception {
        Outcome o = start("--spring.datasource.url=jdbc:postgresql://127.0.0.1:1/nowhere",
                "--spring.datasource.hikari.initialization-fail-timeout=1");
        assertOneLine(o, "cannot use the database at jdbc:postgresql://127.0.0.1:1/nowhere", "spring.datasource.url");
    }

    @Test
    void occupiedPortNamesThePort() throws Exception {
        try (ServerSocket busy = new ServerSocket(0)) {
            TestDatabase.Connection db = TestDatabase.get();
            Outcome o = start("--server.port=" + busy.getLocalPort(), "--spring.datasource.url=" + db.jdbcUrl(),
                    "--spring.datasource.username=" + db.username(), "--spring.datasource.password=" + db.password(),
                    "--orchestrator.hypervisor.simulated.hosts=2", "--orchestrator.hypervisor.simulated.vms=2");
            assertOneLine(o, "port " + busy.getLocalPort() + " is already in use", "--server.port");
        }
    }

    @Test
    void unusableDataDirectorySaysSoAndNamesTheSetting() throws Exception {
        Path file = Files.writeString(tmp.resolve("a-file"), "not a directory");
        Outcome o = start("--orchestrator.data-dir=" + file.resolve("data"));
        assertOneLine(o, "data directory", "orchestrator.data-dir");
    }

    @Test
    void invalidSettingNamesTheProperty() throws Exception {
        Outcome o = start("--orchestrator.monitoring.load-threshold=0.5",
                "--orchestrator.data-dir=" + tmp.resolve("data"));
        assertOneLine(o, "orchestrator.monitoring.load-threshold=0.5", "must be greater than or equal to 1.0");
    }

    @Test
    void aZeroPostcopyStallIsRefused() throws Exception {
        Outcome o = start("--orchestrator.migration.postcopy-stall=0s",
                "--orchestrator.data-dir=" + tmp.resolve("data"));
        assertOneLine(o, "orchestrator.migration.postcopy-stall=0s");
    }

    @Test
    void aHostTimeoutTooShortToAnswerIsRefused() throws Exception {
        Outcome o = start("--orchestrator.monitoring.host-timeout=10ms",
                "--orchestrator.data-dir=" + tmp.resolve("data"));
        assertOneLine(o, "orchestrator.monitoring.host-timeout=10ms");
    }

    private static void assertOneLine(Outcome o, String... fragments) {
        assertThat(o.exit()).as(o.output()).isEqualTo(1);
        List<String> ours = o.output().lines().filter(l -> l.startsWith("kvmorch: cannot start:")).toList();
        assertThat(ours).as(o.output()).hasSize(1);
        assertThat(ours.get(0)).contains(fragments);
        assertThat(o.output()).as("no stack trace").doesNotContain("\tat ", "Caused by:");
    }

    private Outcome start(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Xshare:off",
                OrchestratorApplication.class.getName()));
        cmd.addAll(List.of(args));
        if (cmd.stream().noneMatch(a -> a.startsWith("--server.port="))) {
            cmd.add("--server.port=0");
        }
        // Both streams into one file: an operator's terminal shows both, so neither may hold a stack trace.
        Path out = tmp.resolve("output-" + System.nanoTime());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("service neither started nor failed within 120 s");
        }
        return new Outcome(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
    }
}
