package org.jswan.interop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a test class leaves what it produced, for the reader of a failure:
 * {@code interop-tests/target/interop/CLASS/} holds the generated configs, charon's and pluto's
 * logs and one pcapng per scenario. Emptied when the class starts again, kept afterwards.
 */
final class Artifacts {
    private Artifacts() {
    }

    static Path base() {
        return Path.of(System.getProperty("jswan.interop.dir", "target/interop")).toAbsolutePath();
    }

    /** A fresh, empty directory for {@code testClass}. */
    static Path forClass(Class<?> testClass) {
        Path d = base().resolve(testClass.getSimpleName());
        Testbed.deleteTree(d);
        try {
            return Files.createDirectories(d);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A file name made from a test's display name: letters, digits, '-' and '_' only. */
    static String safe(String name) {
        String s = name.replaceAll("[^A-Za-z0-9_-]+", "-").replaceAll("-+", "-").replaceAll("^-|-$", "");
        return s.length() > 80 ? s.substring(0, 80) : s;
    }
}
