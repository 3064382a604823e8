package org.jswan.ike.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.jswan.ike.whack.Policy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * pluto(8): a Quick Mode responder picks the connection whose client subnets match the
 * initiator's IDs, even when the ISAKMP SA was negotiated for another connection between the
 * same two hosts; with no match it refuses with INVALID_ID_INFORMATION.
 */
class QuickModeSelectionTest {
    static final String PSK = "192.0.2.1 192.0.2.2 : PSK \"selection\"\n";
    static final long POLICY = Policy.PSK | Policy.ENCRYPT | Policy.TUNNEL;

    @TempDir
    Path dir;

    private static boolean has(List<String> lines, String fragment) {
        return lines.stream().anyMatch(l -> l.contains(fragment));
    }

    @Test
    void aSecondConnectionBetweenTheSameHostsIsSelectedByItsSubnetsOverTheFirstsIsakmpSa() {
        Sim sim = new Sim(dir);
        Sim.Node west = sim.node("west", "192.0.2.1", 500, PSK, 91);
        Sim.Node east = sim.node("east", "192.0.2.2", 500, PSK, 92);
        for (Sim.Node n : List.of(west, east)) {
            sim.whack(n, Sim.conn("a", west, "198.51.100.0/25", east, "203.0.113.0/25", POLICY).build());
            sim.whack(n, Sim.conn("b", west, "198.51.100.128/25", east, "203.0.113.128/25", POLICY).build());
            sim.listen(n);
        }
        long ca = sim.initiate(west, "a");
        sim.run(Duration.ofSeconds(2));
        assertTrue(has(west.lines(ca), "IPsec SA established"), west.lines(ca).toString());
        long cb = sim.initiate(west, "b");
        sim.run(Duration.ofSeconds(2));
        assertTrue(has(west.lines(cb), "IPsec SA established"), west.lines(cb).toString());
        List<String> st = sim.status(east);
        assertTrue(has(st, "\"b\" STATE_QUICK_R2"), st.toString());
        assertTrue(has(st, "\"a\" STATE_QUICK_R2"), st.toString());
        assertTrue(has(st, "\"b\":   newest ISAKMP SA: #0; newest IPsec SA: #"), "b's Quick Mode ran over a's ISAKMP SA: " + st);
        assertEquals(1, st.stream().filter(l -> l.contains("ISAKMP SA established")).count(), "one ISAKMP SA: " + st);
    }

    @Test
    void quickModeIdsMatchingNoConnectionAreRefused() {
        Sim sim = new Sim(dir);
        Sim.Node west = sim.node("west", "192.0.2.1", 500, PSK, 93);
        Sim.Node east = sim.node("east", "192.0.2.2", 500, PSK, 94);
        sim.whack(west, Sim.conn("a", west, "198.51.100.0/25", east, "203.0.113.0/25", POLICY).build());
        sim.whack(west, Sim.conn("c", west, "198.51.100.0/24", east, "203.0.113.0/24", POLICY).build());
        sim.whack(east, Sim.conn("a", west, "198.51.100.0/25", east, "203.0.113.0/25", POLICY).build());
        sim.listen(west);
        sim.listen(east);
        sim.initiate(west, "a");
        sim.run(Duration.ofSeconds(2));
        long cc = sim.initiate(west, "c");
        sim.run(Duration.ofSeconds(2));
        assertTrue(east.logged("cannot respond to IPsec SA request because no connection is known for "
                + "203.0.113.0/24===192.0.2.2...192.0.2.1===198.51.100.0/24"), east.log.toString());
        assertTrue(west.logged("INVALID_ID_INFORMATION"), west.log.toString());
        assertTrue(!has(west.lines(cc), "IPsec SA established"), west.lines(cc).toString());
    }
}
