package org.jswan.interop;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * JUnit glue for {@link Interop}.
 *
 * <ul>
 *   <li>Prerequisites missing and not in CI: the class is disabled with a one-line reason (an
 *       execution condition, so failsafe reports every test as skipped with that message).
 *   <li>Prerequisites missing with {@code CI=true}: enabled, and {@code beforeAll} fails it.
 *   <li>A failed test: the test instance's {@link Diagnosable#diagnostics()} (log tails, where
 *       the captures are) on stderr, which failsafe keeps in
 *       {@code target/failsafe-reports/CLASS-output.txt}.
 * </ul>
 */
final class InteropExtension implements ExecutionCondition, BeforeAllCallback, TestWatcher {

    /** A test class that can say what it saw, for a failure report. */
    interface Diagnosable {
        String diagnostics();
    }

    private static List<String> missing(ExtensionContext context) {
        Interop a = context.getRequiredTestClass().getAnnotation(Interop.class);
        return a.jswan() ? Prerequisites.missingForJswan() : Prerequisites.missingForCharon();
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (context.getTestClass().isEmpty() || context.getTestMethod().isPresent()) {
            return ConditionEvaluationResult.enabled("decided for the class");
        }
        List<String> missing = missing(context);
        if (missing.isEmpty() || Prerequisites.inCi()) {
            return ConditionEvaluationResult.enabled("prerequisites checked in beforeAll");
        }
        return ConditionEvaluationResult.disabled("interop tests skipped: need " + String.join(", ", missing));
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        Prerequisites.require(missing(context));
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        Optional<Object> instance = context.getTestInstance();
        if (instance.isPresent() && instance.get() instanceof Diagnosable d) {
            try {
                System.err.println("=== interop diagnostics for " + context.getDisplayName() + " ===");
                System.err.println(d.diagnostics());
            } catch (RuntimeException | AssertionError e) {
                System.err.println("interop: diagnostics failed: " + e);
            }
        }
    }
}
