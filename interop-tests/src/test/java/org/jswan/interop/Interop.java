package org.jswan.interop;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks an interop test class: checks the prerequisites before the class starts (skip, or fail
 * with {@code CI=true}), and prints the diagnostics of a failed test (see {@link InteropExtension}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag("interop")
@ExtendWith(InteropExtension.class)
@interface Interop {
    /** True if the class runs jswan too (needs the built tree), not only charon. */
    boolean jswan();
}
