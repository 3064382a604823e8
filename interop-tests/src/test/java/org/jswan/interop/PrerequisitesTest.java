package org.jswan.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

/** Missing prerequisites skip the interop tests with a one-line reason, except with CI=true. */
class PrerequisitesTest {
    @Test
    void nothing_missing_runs() {
        Prerequisites.require(List.of(), false);
        Prerequisites.require(List.of(), true);
    }

    @Test
    void missing_skips_with_one_line_reason() {
        TestAbortedException e = assertThrows(TestAbortedException.class,
                () -> Prerequisites.require(List.of("root (network namespaces, UDP 500)", "`tshark` on PATH"), false));
        assertEquals("interop tests skipped: need root (network namespaces, UDP 500), `tshark` on PATH",
                e.getMessage());
        assertTrue(!e.getMessage().contains("\n"));
    }

    @Test
    void missing_fails_in_ci() {
        AssertionError e = assertThrows(AssertionError.class,
                () -> Prerequisites.require(List.of("root (network namespaces, UDP 500)"), true));
        assertTrue(e.getMessage().startsWith("interop tests cannot run: need root"), e.getMessage());
        assertTrue(e.getMessage().contains("CI=true"), e.getMessage());
    }
}
