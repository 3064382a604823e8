package org.jswan.interop;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/**
 * What the interop tests need from the machine, and what happens when something is missing: the
 * tests are skipped with a one-line reason, except under {@code CI=true}, where a missing
 * prerequisite is a failure (CI installs everything, so a skip there would hide a broken setup).
 */
final class Prerequisites {
    static final Path CHARON = Path.of(System.getProperty("jswan.charon", "/usr/lib/ipsec/charon"));
    static final Path LIBIPSEC_PLUGIN = Path.of("/usr/lib/ipsec/plugins/libstrongswan-kernel-libipsec.so");
    private static final List<String> TOOLS = List.of("ip", "swanctl", "tshark", "ping", "kill", "sh", "bash", "mount", "sysctl", "iperf3", "ss");

    private Prerequisites() {
    }

    /** What is missing for charon-only tests (empty if nothing). */
    static List<String> missingForCharon() {
        List<String> missing = new ArrayList<>();
        if (!isRoot()) {
            missing.add("root (network namespaces, UDP 500)");
        }
        for (String tool : TOOLS) {
            if (onPath(tool) == null) {
                missing.add("`" + tool + "` on PATH");
            }
        }
        if (!Files.isExecutable(CHARON)) {
            missing.add(CHARON + " (strongswan-charon)");
        }
        if (!Files.isRegularFile(LIBIPSEC_PLUGIN)) {
            missing.add("charon's kernel-libipsec plugin (libcharon-extra-plugins)");
        }
        if (!Files.exists(Path.of("/dev/net/tun"))) {
            missing.add("/dev/net/tun (kernel-libipsec's TUN device)");
        }
        return missing;
    }

    /** What is missing for tests that also run jswan (empty if nothing). */
    static List<String> missingForJswan() {
        List<String> missing = missingForCharon();
        missing.addAll(Jswan.missingBuild());
        return missing;
    }

    /** Returns if nothing is missing; else skips the tests (or, with CI=true, fails them). */
    static void require(List<String> missing) {
        require(missing, inCi());
    }

    static void require(List<String> missing, boolean ci) {
        if (missing.isEmpty()) {
            return;
        }
        String reason = "interop tests skipped: need " + String.join(", ", missing);
        if (ci) {
            throw new AssertionError(reason.replace("skipped", "cannot run")
                    + " (CI=true: a missing prerequisite fails instead of skipping)");
        }
        Assumptions.abort(reason);
    }

    static boolean inCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    static boolean isRoot() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    return line.split("\\s+")[2].equals("0"); // effective UID
                }
            }
        } catch (IOException e) {
            return false;
        }
        return false;
    }

    /** The first executable called {@code tool} on PATH (or in /usr/sbin, /sbin), or null. */
    static Path onPath(String tool) {
        List<String> dirs = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(":")));
        dirs.add("/usr/sbin");
        dirs.add("/sbin");
        for (String d : dirs) {
            if (d.isEmpty()) {
                continue;
            }
            Path p = Path.of(d, tool);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }
}
