package org.kvmorch.hypervisor.libvirt;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * The libvirt lab (deploy/lab) as tests see it: hosts from $LAB_DIR/hosts.env, guests from the
 * lab's template, link faults through lab.sh, and libvirt's own view of domains through virsh
 * (independent of the adapter under test).
 */
public final class Lab {

    private static final AtomicInteger SEQ = new AtomicInteger();

    private final Properties env;
    private final Path repo;

    private Lab(Properties env, Path repo) {
        this.env = env;
        this.repo = repo;
    }

    public static Lab load() {
        String dir = Optional.ofNullable(System.getenv("LAB_DIR")).orElse("/var/tmp/kvmorch-lab");
        Path file = Paths.get(dir, "hosts.env");
        if (!Files.exists(file)) {
            throw new IllegalStateException(file + " not found: start the lab with deploy/lab/lab.sh up");
        }
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path here = Paths.get("").toAbsolutePath();
        while (here != null && !Files.exists(here.resolve("deploy/lab/lab.sh"))) {
            here = here.getParent();
        }
        if (here == null) {
            throw new IllegalStateException("cannot find the repository root (deploy/lab/lab.sh) above the working directory");
        }
        return new Lab(p, here);
    }

    public String uri(String host) {
        return env.getProperty(key(host, "URI"));
    }

    public String migrateUri(String host) {
        return env.getProperty(key(host, "MIGRATE_URI"));
    }

    private static String key(String host, String field) {
        return "HOST" + host.replace("host", "") + "_" + field;
    }

    /** host1 and host2 with the lab's migration network and nominal capacities (guests have no disk/NIC). */
    public List<LibvirtHostConfig> hostConfigs() {
        List<LibvirtHostConfig> list = new ArrayList<>();
        for (String h : env.getProperty("LAB_HOSTS").split(",")) {
            list.add(new LibvirtHostConfig(h, uri(h), Optional.of(migrateUri(h)), 500L << 20, 125_000_000L));
        }
        return list;
    }

    public static String uniqueName(String prefix) {
        return prefix + "-" + ProcessHandle.current().pid() + "-" + SEQ.incrementAndGet();
    }

    public String guestXml(String name, int memMib, int wssMib, double dirtyMibps) {
        try {
            String t = Files.readString(Paths.get(env.getProperty("LAB_GUEST_TEMPLATE")));
            return t.replace("@NAME@", name).replace("@MEM_MIB@", Integer.toString(memMib))
                    .replace("@EMULATOR@", env.getProperty("LAB_EMULATOR"))
                    .replace("@KERNEL@", env.getProperty("LAB_KERNEL"))
                    .replace("@INITRD@", env.getProperty("LAB_INITRD"))
                    .replace("@WSS_MIB@", Integer.toString(wssMib))
                    .replace("@DIRTY_MIBPS@", Double.toString(dirtyMibps))
                    .replace("@PATTERN@", "seq").replace("@REPORT_S@", "1");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Defines and starts a guest on {@code host} and waits until it dirties its working set. */
    public String startGuest(String host, String name, int memMib, int wssMib, double dirtyMibps) {
        try {
            Path xml = Files.createTempFile("kvmorch-guest", ".xml");
            Files.writeString(xml, guestXml(name, memMib, wssMib, dirtyMibps));
            Path log = serialLog(host, name);
            Files.deleteIfExists(log);
            virsh(host, "define", xml.toString());
            virsh(host, "start", name);
            Files.deleteIfExists(xml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!awaitConsole(host, name, console -> console.contains("working set ready"), Duration.ofSeconds(90))) {
            throw new IllegalStateException("guest " + name + " did not get ready on " + host);
        }
        return name;
    }

    /**
     * Waits until the guest's console on {@code host} shows {@code count} progress reports (it
     * writes one a second while it runs): proof that it really runs there, not just that libvirt
     * says so. Returns false on timeout.
     */
    public boolean awaitProgressReports(String host, String name, int count, Duration timeout) {
        return awaitConsole(host, name, console -> console.lines().filter(l -> l.contains(" dirtied ")).count() >= count,
                timeout);
    }

    /** Polls the guest's console log on {@code host} until it {@code shows} what is awaited; false on timeout. */
    private boolean awaitConsole(String host, String name, Predicate<String> shows, Duration timeout) {
        Path log = serialLog(host, name);
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (System.nanoTime() < deadline) {
                if (Files.exists(log) && shows.test(Files.readString(log, StandardCharsets.ISO_8859_1))) {
                    return true;
                }
                Thread.sleep(200);
            }
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public Path serialLog(String host, String name) {
        return Paths.get(env.getProperty(key(host, "SERIAL_LOG_DIR")), name + ".serial.log");
    }

    /** libvirt's own view: "running (migrated)", "paused (post-copy failed)", or empty if not defined there. */
    public Optional<String> state(String host, String name) {
        Result r = run(List.of("virsh", "-q", "-c", uri(host), "domstate", "--reason", name), Duration.ofSeconds(20));
        return r.code == 0 ? Optional.of(r.out.strip()) : Optional.empty();
    }

    public boolean runningOn(String host, String name) {
        return state(host, name).map(s -> s.startsWith("running")).orElse(false);
    }

    /** Destroys and undefines the guest on every host (test clean-up). */
    public void removeEverywhere(String name) {
        for (String h : env.getProperty("LAB_HOSTS").split(",")) {
            run(List.of("virsh", "-q", "-c", uri(h), "destroy", name), Duration.ofSeconds(20));
            run(List.of("virsh", "-q", "-c", uri(h), "undefine", name), Duration.ofSeconds(20));
        }
    }

    public void virsh(String host, String... args) {
        List<String> cmd = new ArrayList<>(List.of("virsh", "-q", "-c", uri(host)));
        cmd.addAll(List.of(args));
        Result r = run(cmd, Duration.ofSeconds(60));
        if (r.code != 0) {
            throw new IllegalStateException(String.join(" ", cmd) + " failed: " + r.out);
        }
    }

    /** deploy/lab/lab.sh SUBCOMMAND ARGS (cut, heal, reset, throttle, unthrottle). */
    public void labSh(String... args) {
        List<String> cmd = new ArrayList<>(List.of(repo.resolve("deploy/lab/lab.sh").toString()));
        cmd.addAll(List.of(args));
        Result r = run(cmd, Duration.ofSeconds(60));
        if (r.code != 0) {
            throw new IllegalStateException("lab.sh " + String.join(" ", args) + " failed: " + r.out);
        }
    }

    /** The PID of a host's libvirtd (for the connection-loss test). */
    public long daemonPid(String host) {
        try {
            return Long.parseLong(Files.readString(Paths.get(env.getProperty(key(host, "DIR")), "libvirtd.pid")).strip());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void signal(long pid, String signal) {
        run(List.of("kill", "-" + signal, Long.toString(pid)), Duration.ofSeconds(10));
    }

    private record Result(int code, String out) {
    }

    private static Result run(List<String> cmd, Duration timeout) {
        try {
            // Output to a file, not a pipe: a command that hangs must not hang the reader too.
            Path out = Files.createTempFile("kvmorch-lab-cmd", ".out");
            try {
                Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
                if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    p.destroyForcibly();
                    return new Result(-1, "timed out: " + String.join(" ", cmd));
                }
                return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(-1, "interrupted");
        }
    }
}
