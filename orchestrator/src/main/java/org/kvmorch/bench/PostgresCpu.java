package org.kvmorch.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time used so far by a PostgreSQL server: the postmaster and its children (backends,
 * background writers), from /proc on Linux, in milliseconds at the kernel's 100 ticks a second.
 * A child that exited between two readings (an autovacuum worker) is not counted.
 */
final class PostgresCpu {

    private static final int TICK_MS = 10;

    private final long postmaster;

    private PostgresCpu(long postmaster) {
        this.postmaster = postmaster;
    }

    /** The server whose data directory holds {@code postmaster.pid}; pid -1 where that cannot be read. */
    static PostgresCpu of(Path dataDirectory) {
        try {
            String first = Files.readAllLines(dataDirectory.resolve("postmaster.pid")).get(0).trim();
            return new PostgresCpu(Files.isDirectory(Path.of("/proc", first)) ? Long.parseLong(first) : -1);
        } catch (IOException | RuntimeException e) {
            return new PostgresCpu(-1);
        }
    }

    boolean available() {
        return postmaster > 0;
    }

    long millis() {
        if (!available()) {
            return 0;
        }
        long ticks = 0;
        try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path p : procs) {
                long[] stat = stat(p);
                if (stat != null && (stat[0] == postmaster || stat[1] == postmaster)) {
                    ticks += stat[2];
                }
            }
        } catch (IOException e) {
            return 0;
        }
        return ticks * TICK_MS;
    }

    /** pid, parent pid, utime + stime in ticks; null if the process is gone. */
    private static long[] stat(Path proc) {
        try {
            String s = Files.readString(proc.resolve("stat"));
            // The command name may hold spaces and parentheses: fields count from the last ')'.
            String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
            return new long[] {Long.parseLong(proc.getFileName().toString()), Long.parseLong(f[1]),
                    Long.parseLong(f[11]) + Long.parseLong(f[12])};
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
