package dev.holdfast.platform.shared.settings;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalysisReporter;

/**
 * Reports an analysed start-up failure as one line on standard error, instead of Spring Boot's banner of
 * asterisks and a stack trace. (Boot's own reporter is silenced in application.yaml.)
 */
public class OneLineFailureReporter implements FailureAnalysisReporter {

    @Override
    public void report(FailureAnalysis analysis) {
        System.err.println("Holdfast cannot start: " + oneLine(analysis.getDescription()) + " " + oneLine(analysis.getAction()));
    }

    private static String oneLine(String text) {
        return text.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
