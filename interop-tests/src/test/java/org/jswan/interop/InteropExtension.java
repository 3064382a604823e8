package org.jswan.interop;

import java.util.Optional;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * JUnit glue for {@link Interop}: prerequisites before all, and on failure the test instance's
 * {@link Diagnosable#diagnostics()} (log tails, where the captures are) on stderr, which failsafe
 * keeps in {@code target/failsafe-reports/*-output.txt}.
 */
final class InteropExtension implements BeforeAllCallback, TestWatcher {

    /** A test class that can say what it saw, for a failure report. */
    interface Diagnosable {
        String diagnostics();
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        boolean jswan = context.getRequiredTestClass().getAnnotation(Interop.class).jswan();
        Prerequisites.require(jswan ? Prerequisites.missingForJswan() : Prerequisites.missingForCharon());
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
