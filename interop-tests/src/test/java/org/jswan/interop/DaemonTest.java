package org.jswan.interop;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A Daemon is signalled only while /proc confirms the PID is still the process it started. */
class DaemonTest {
    @TempDir
    Path tmp;

    @Test
    void stop_signals_only_a_pid_that_is_still_ours() throws Exception {
        AtomicBoolean looksLikeOurs = new AtomicBoolean(false);
        Path out = Files.createFile(tmp.resolve("out"));
        Daemon d = Daemon.start("sleeper", List.of("sleep", "37"), Map.of(), out, out,
                pid -> looksLikeOurs.get() && Daemon.cmdline(pid).equals("sleep 37"));
        try {
            d.stop(Duration.ofMillis(200));
            assertTrue(d.alive(), "a PID /proc does not confirm is left alone");
            assertFalse(d.signal("TERM"));
        } finally {
            looksLikeOurs.set(true);
            d.stop(Duration.ofSeconds(5));
        }
        assertFalse(d.alive(), "stopped once /proc confirms it");
        assertTrue(Teardown.live().stream().noneMatch(s -> s.startsWith("sleeper")));
    }

    @Test
    void exec_kills_a_command_at_its_deadline() {
        Exec.Result r = Exec.run(Duration.ofMillis(300), "sleep", "30");
        assertTrue(r.timedOut());
        assertFalse(r.ok());
        assertTrue(r.took().compareTo(Duration.ofSeconds(10)) < 0, "bounded: " + r.took());
    }
}
