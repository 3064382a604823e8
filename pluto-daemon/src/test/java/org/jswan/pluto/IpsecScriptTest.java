package org.jswan.pluto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bin/ipsec}, the POSIX sh front end, run as /bin/sh runs it. */
class IpsecScriptTest {
    /** Surefire runs in the module directory; the script is one level up. */
    private static final Path SCRIPT = Path.of("..", "bin", "ipsec").toAbsolutePath().normalize();

    private record Run(int status, String out, String err) {
    }

    private static Run run(Path script, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("/bin/sh", script.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        File out = File.createTempFile("ipsec", ".out");
        File err = File.createTempFile("ipsec", ".err");
        try {
            pb.redirectOutput(out);
            pb.redirectError(err);
            Process p = pb.start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("ipsec " + List.of(args) + " did not finish");
            }
            return new Run(p.exitValue(), Files.readString(out.toPath()), Files.readString(err.toPath()));
        } finally {
            out.delete();
            err.delete();
        }
    }

    @Test
    void helpListsTheCommands() throws Exception {
        Run r = run(SCRIPT, "--help");
        assertEquals(0, r.status());
        for (String c : List.of("pluto", "whack", "demo", "auto", "setup", "rsasigkey", "showhostkey", "_updown")) {
            assertTrue(r.out().contains("\n  " + c + " "), c);
        }
        assertEquals(2, r.out().lines().filter(l -> l.endsWith("(not yet available)")).count(), r.out());
    }

    @Test
    void versionAndUnknownCommands() throws Exception {
        Run v = run(SCRIPT, "--version");
        assertEquals(0, v.status());
        assertTrue(v.out().matches("jswan \\S+\n"), v.out());
        Run u = run(SCRIPT, "frobnicate");
        assertEquals(1, u.status());
        assertEquals("ipsec: unknown command \"frobnicate\" (\"ipsec --help\" lists the commands)\n", u.err());
        Run a = run(SCRIPT, "auto", "--up", "x");
        assertEquals(1, a.status());
        assertEquals("ipsec: \"auto\" is not yet available in jswan\n", a.err());
        assertEquals(1, run(SCRIPT).status());
    }

    @Test
    void anUnbuiltTreeSaysHowToBuildIt(@TempDir Path tree) throws Exception {
        Path bin = Files.createDirectories(tree.resolve("bin"));
        Path copy = bin.resolve("ipsec");
        Files.copy(SCRIPT, copy);
        Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rwxr-xr-x"));
        for (String c : List.of("pluto", "whack", "rsasigkey", "showhostkey")) {
            Run r = run(copy, c, "--version");
            assertEquals(1, r.status(), c);
            assertEquals("ipsec: jswan is not built; run: mvn -B -q -DskipTests package\n", r.err(), c);
        }
        Path demo = bin.resolve("ipsec-demo");
        Files.writeString(demo, "#!/bin/sh\necho \"demo $* in $IPSEC_DIR\"\n");
        Files.setPosixFilePermissions(demo, PosixFilePermissions.fromString("rwxr-xr-x"));
        Run d = run(copy, "demo", "fast");
        assertEquals(0, d.status(), d.err());
        assertEquals("demo fast in " + tree.toRealPath() + "\n", d.out());
    }
}
