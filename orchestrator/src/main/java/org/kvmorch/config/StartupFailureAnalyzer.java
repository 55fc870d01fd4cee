package org.kvmorch.config;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import org.kvmorch.db.embedded.EmbeddedPostgresException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.web.server.PortInUseException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.context.EnvironmentAware;

/**
 * Turns the start-up failures operators actually meet into a sentence and a fix: the data
 * directory, the database connection, the HTTP port, invalid configuration. Anything else still
 * gets one line (its root cause) rather than a stack trace; run with --debug for the trace.
 */
@Order(Ordered.LOWEST_PRECEDENCE)
public class StartupFailureAnalyzer implements FailureAnalyzer, EnvironmentAware {

    private Environment environment;

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public FailureAnalysis analyze(Throwable failure) {
        EmbeddedPostgresException embedded = find(failure, EmbeddedPostgresException.class);
        if (embedded != null) {
            return new FailureAnalysis(embedded.getMessage(), null, failure);
        }
        PortInUseException port = find(failure, PortInUseException.class);
        if (port != null) {
            return new FailureAnalysis("port " + port.getPort() + " is already in use",
                    "stop the process listening on it or start with --server.port=<free port>", failure);
        }
        org.springframework.boot.context.properties.bind.BindException bind =
                find(failure, org.springframework.boot.context.properties.bind.BindException.class);
        if (bind != null) {
            return new FailureAnalysis("invalid configuration property '" + bind.getName() + "': "
                    + rootMessage(bind), "fix the value in application.yml, the environment or the command line",
                    failure);
        }
        if (find(failure, SQLException.class) != null || find(failure, ConnectException.class) != null
                || find(failure, UnknownHostException.class) != null) {
            String url = environment == null ? null : environment.getProperty("spring.datasource.url");
            return new FailureAnalysis("cannot use the database" + (url == null ? "" : " at " + url) + ": "
                    + rootMessage(failure),
                    "check spring.datasource.url, spring.datasource.username and spring.datasource.password "
                            + "(or unset spring.datasource.url to use the embedded PostgreSQL)", failure);
        }
        return new FailureAnalysis(rootMessage(failure), "run with --debug for the full stack trace", failure);
    }

    private static <T extends Throwable> T find(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    private static String rootMessage(Throwable failure) {
        Throwable t = failure;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String message = t.getMessage();
        return message == null ? t.getClass().getSimpleName() : OneLineFailureReporter.oneLine(message);
    }
}
