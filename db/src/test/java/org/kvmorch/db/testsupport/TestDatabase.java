package org.kvmorch.db.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;
import org.kvmorch.db.embedded.EmbeddedPostgresServer;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The one real PostgreSQL every test JVM shares, chosen once: an external server when
 * {@code ORCHESTRATOR_TEST_JDBC_URL} is set, Testcontainers when a Docker engine answers,
 * the embedded server otherwise. Never H2.
 */
public final class TestDatabase {

    public record Connection(String jdbcUrl, String username, String password, String kind) {
    }

    private static Connection connection;

    private TestDatabase() {
    }

    /**
     * A new, empty database on the shared server, for a test that needs its own fleet (a second
     * Spring context would otherwise see the first one's hosts and VMs).
     */
    public static synchronized Connection fresh(String name) {
        Connection shared = get();
        if (!name.matches("[a-z][a-z0-9_]{0,40}")) {
            throw new IllegalArgumentException("database name must be lower-case letters, digits, _: " + name);
        }
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(shared.jdbcUrl(), shared.username(),
                shared.password()); java.sql.Statement st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + name);
            st.execute("CREATE DATABASE " + name);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("cannot create test database " + name + ": " + e.getMessage(), e);
        }
        String url = shared.jdbcUrl().replaceFirst("(jdbc:postgresql://[^/]+/)[^?]*", "$1" + name);
        return new Connection(url, shared.username(), shared.password(), shared.kind());
    }

    /** Points a Spring test at the shared test database. */
    public static void register(org.springframework.test.context.DynamicPropertyRegistry registry) {
        register(registry, get());
    }

    /** Points a Spring test at a database of its own (see {@link #fresh}). */
    public static void registerFresh(org.springframework.test.context.DynamicPropertyRegistry registry, String name) {
        register(registry, fresh(name));
    }

    private static void register(org.springframework.test.context.DynamicPropertyRegistry registry, Connection db) {
        registry.add("spring.datasource.url", db::jdbcUrl);
        registry.add("spring.datasource.username", db::username);
        registry.add("spring.datasource.password", db::password);
    }

    public static synchronized Connection get() {
        if (connection == null) {
            connection = start();
        }
        return connection;
    }

    private static Connection start() {
        String external = System.getenv("ORCHESTRATOR_TEST_JDBC_URL");
        if (external != null && !external.isBlank()) {
            return new Connection(external, env("ORCHESTRATOR_TEST_JDBC_USER", "postgres"),
                    env("ORCHESTRATOR_TEST_JDBC_PASSWORD", "postgres"), "external");
        }
        if (dockerAvailable()) {
            PostgreSQLContainer container = new PostgreSQLContainer("postgres:17-alpine");
            container.start();
            Runtime.getRuntime().addShutdownHook(new Thread(container::stop, "test-postgres-stop"));
            return new Connection(container.getJdbcUrl(), container.getUsername(), container.getPassword(),
                    "testcontainers");
        }
        try {
            Path dir = Files.createTempDirectory("kvmorch-test-pg");
            EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dir);
            Runtime.getRuntime().addShutdownHook(new Thread(server::close, "test-postgres-stop"));
            return new Connection(server.jdbcUrl(), "postgres", "postgres", "embedded");
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot create a temporary directory for the test database", e);
        }
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (Throwable e) {
            return false;
        }
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
