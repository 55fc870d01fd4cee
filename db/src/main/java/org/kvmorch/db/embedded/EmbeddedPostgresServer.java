package org.kvmorch.db.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import javax.sql.DataSource;

/**
 * A real PostgreSQL server started from Maven-shipped binaries, keeping its data in a directory
 * that survives restarts. Used by the default run (no datasource configured) and by tests on
 * machines without Docker.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    private final EmbeddedPostgres postgres;
    private final Path dataDirectory;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres, Path dataDirectory) {
        this.postgres = postgres;
        this.dataDirectory = dataDirectory;
    }

    /**
     * Starts PostgreSQL on a free loopback port with its cluster in {@code dataDirectory}
     * (created, or reused as it is when it already holds a cluster).
     *
     * @throws EmbeddedPostgresException with an operator-readable message when it cannot start
     */
    public static EmbeddedPostgresServer start(Path dataDirectory) {
        Path dir = dataDirectory.toAbsolutePath().normalize();
        try {
            Files.createDirectories(dir);
        } catch (IOException | SecurityException e) {
            throw new EmbeddedPostgresException("cannot create the data directory " + dir + " (" + e.getMessage()
                    + "); set orchestrator.data-dir to a writable directory", e);
        }
        if (!Files.isWritable(dir)) {
            throw new EmbeddedPostgresException("the data directory " + dir
                    + " is not writable; set orchestrator.data-dir to a writable directory", null);
        }
        try {
            EmbeddedPostgres pg = EmbeddedPostgres.builder()
                    .setDataDirectory(dir)
                    .setCleanDataDirectory(false)
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .start();
            return new EmbeddedPostgresServer(pg, dir);
        } catch (IOException | RuntimeException e) {
            throw new EmbeddedPostgresException("embedded PostgreSQL did not start with data directory " + dir
                    + " (" + rootMessage(e) + "); check the directory or point spring.datasource.url at a server", e);
        }
    }

    public DataSource dataSource() {
        return postgres.getPostgresDatabase();
    }

    public String jdbcUrl() {
        return postgres.getJdbcUrl("postgres", "postgres");
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not stop cleanly", e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
