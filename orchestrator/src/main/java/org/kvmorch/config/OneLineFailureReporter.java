package org.kvmorch.config;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalysisReporter;

/**
 * Prints why the service could not start as one line an operator can act on, instead of Spring
 * Boot's banner block or a stack trace. Registered in META-INF/spring.factories.
 */
public class OneLineFailureReporter implements FailureAnalysisReporter {

    @Override
    public void report(FailureAnalysis analysis) {
        String action = analysis.getAction() == null ? "" : " -- " + oneLine(analysis.getAction());
        System.err.println("kvmorch: cannot start: " + oneLine(analysis.getDescription()) + action);
    }

    static String oneLine(String text) {
        return text.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
