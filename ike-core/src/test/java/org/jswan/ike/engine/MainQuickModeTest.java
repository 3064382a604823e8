package org.jswan.ike.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.jswan.ike.whack.Policy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two engines on a virtual clock negotiate Main Mode + Quick Mode with pre-shared keys. */
class MainQuickModeTest {
    static final String PSK = "127.0.0.1 127.0.0.1 : PSK \"sim-test-secret\"\n";

    @TempDir
    Path dir;

    private Sim sim;
    private Sim.Node west;
    private Sim.Node east;

    private void twoPlutos(String westSecrets, String eastSecrets, long policy) {
        sim = new Sim(dir);
        west = sim.node("west", "127.0.0.1", 8500, westSecrets, 1);
        east = sim.node("east", "127.0.0.1", 8501, eastSecrets, 2);
        for (Sim.Node n : List.of(west, east)) {
            sim.whack(n, Sim.conn("net", west, "198.51.100.0/24", east, "203.0.113.0/24", policy).build());
            sim.listen(n);
        }
    }

    @Test
    void pskTunnelWithPfsEstablishesBothSides() {
        twoPlutos(PSK, PSK, Policy.PSK | Policy.ENCRYPT | Policy.TUNNEL | Policy.PFS);
        long c = sim.initiate(west, "net");
        sim.run(Duration.ofSeconds(5));
        List<String> lines = west.lines(c);
        assertTrue(lines.contains("104 \"net\" #1: STATE_MAIN_I1: initiate"), lines.toString());
        assertTrue(lines.contains("004 \"net\" #1: STATE_MAIN_I4: ISAKMP SA established"), lines.toString());
        assertTrue(lines.contains("112 \"net\" #2: STATE_QUICK_I1: initiate"), lines.toString());
        assertTrue(lines.contains("004 \"net\" #2: STATE_QUICK_I2: sent QI2, IPsec SA established"), lines.toString());
        assertTrue(west.whackDone.contains(c));
        List<String> st = sim.status(east);
        assertTrue(st.stream().anyMatch(l -> l.contains("STATE_QUICK_R2 (IPsec SA established)")), st.toString());
        assertTrue(st.stream().anyMatch(l -> l.contains("STATE_MAIN_R3")), st.toString());
    }
}
