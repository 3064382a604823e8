package org.jswan.updown;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UpdownRunnerTest {
    private final UpdownRunner runner = new UpdownRunner();

    @Test
    void verbArrivesInTheEnvironment() {
        UpdownResult r = runner.run("echo $PLUTO_VERB", "up-client", Map.of(), Duration.ofSeconds(10));
        assertTrue(r.succeeded(), String.valueOf(r));
        assertEquals(List.of("up-client"), r.output());
    }

    @Test
    void variablesAreNeverParsedByTheShell(@TempDir Path dir) {
        Path pwn = dir.resolve("pwn");
        String hostile = "@a';touch " + pwn + ";'b $(touch " + pwn + ") `touch " + pwn + "`";
        UpdownResult r = runner.run("printf '%s\\n' \"$PLUTO_PEER_ID\"; exit 3", "up-host",
                Map.of("PLUTO_PEER_ID", hostile), Duration.ofSeconds(10));
        assertEquals(3, r.exitStatus());
        assertEquals(List.of(hostile), r.output());
        assertFalse(Files.exists(pwn), "a PLUTO_* value was executed");
    }

    @Test
    void aHungCommandIsKilledAndSaysSo() {
        UpdownResult r = runner.run("echo started; sleep 30", "down-client", Map.of(), Duration.ofMillis(300));
        assertTrue(r.timedOut());
        assertEquals(-1, r.exitStatus());
        assertTrue(r.problem().contains("did not finish within 300 ms; command killed"), r.problem());
        assertTrue(r.elapsed().compareTo(Duration.ofSeconds(20)) < 0);
        assertEquals("started", r.output().get(0));
    }
}
