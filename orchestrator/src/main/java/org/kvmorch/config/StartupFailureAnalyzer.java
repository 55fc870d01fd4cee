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
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.context.properties.bind.validation.ValidationErrors;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.core.env.Environment;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;

/**
 * Turns the start-up failures operators actually meet into a sentence and a fix: the data
 * directory, the database connection, the HTTP port, invalid configuration. Anything else still
 * gets one line (its root cause) rather than a stack trace; run with --debug for the trace.
 */
@Order(Ordered.LOWEST_PRECEDENCE)
public class StartupFailureAnalyzer implements FailureAnalyzer {

    private final Environment environment;

    /** Spring Boot passes the environment in when it creates analyzers from spring.factories. */
    public StartupFailureAnalyzer(Environment environment) {
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
        BindValidationException invalid = find(failure, BindValidationException.class);
        if (invalid != null) {
            return new FailureAnalysis(describe(invalid.getValidationErrors()),
                    "fix the value in application.yml, the environment or the command line", failure);
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
            String url = environment.getProperty("spring.datasource.url");
            return new FailureAnalysis("cannot use the database" + (url == null ? "" : " at " + url) + ": "
                    + rootMessage(failure),
                    "check spring.datasource.url, spring.datasource.username and spring.datasource.password "
                            + "(or unset spring.datasource.url to use the embedded PostgreSQL)", failure);
        }
        return new FailureAnalysis(rootMessage(failure), "run with --debug for the full stack trace", failure);
    }

    /** "orchestrator.monitoring.load-threshold=0.5: must be greater than or equal to 1.0; ..." */
    private static String describe(ValidationErrors errors) {
        StringBuilder out = new StringBuilder("invalid configuration: ");
        String separator = "";
        for (ObjectError error : errors.getAllErrors()) {
            out.append(separator);
            separator = "; ";
            if (error instanceof FieldError field) {
                String name = errors.getName() + "." + kebab(field.getField());
                out.append(name).append('=').append(asWritten(errors, name, field.getRejectedValue())).append(": ");
            }
            out.append(error.getDefaultMessage());
        }
        return out.toString();
    }

    /** The value as the operator wrote it ("0s"), not as it was converted (PT0S). */
    private static Object asWritten(ValidationErrors errors, String name, Object rejected) {
        for (ConfigurationProperty property : errors.getBoundProperties()) {
            if (property.getName().toString().equals(name)) {
                return property.getValue();
            }
        }
        return rejected;
    }

    /** monitoring.loadThreshold → monitoring.load-threshold, as operators write it. */
    static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
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
