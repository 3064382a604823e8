package org.jswan.ike.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jswan.ike.base.MonoTime;
import org.jswan.ike.engine.kernel.KernelRequest;
import org.jswan.ike.whack.Policy;
import org.jswan.ike.whack.WhackMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Rekeying over an unreliable network: whichever message of the replacement Quick Mode (or
 * Main Mode) is lost or duplicated, both ends end up with exactly one new SA, the eroute moves
 * to it before the old SA is deleted (no moment without an SA), and the old SA expires.
 */
class RekeyLossTest {
    static final String PSK = "192.0.2.1 192.0.2.2 : PSK \"rekey-loss\"\n";
    /** IPsec lifetime 600 s, margin 60 s, no fuzz: west replaces at 540 s, east would at 570 s. */
    static final Duration REKEY_AT = Duration.ofSeconds(540);

    @TempDir
    Path dir;

    private Sim sim;
    private Sim.Node west;
    private Sim.Node east;
    private MonoTime start;

    private void setUp(long policy) {
        setUp(policy, 71, 3600, 600);
        assertTrue(has(sim.status(west), "#2: \"net\" STATE_QUICK_I2"), sim.status(west).toString());
    }

    /**
     * West (seed {@code seed}) and east ({@code seed + 1}) with "net" under {@code policy}, the
     * lifetimes given, margin 60 s, no fuzz; west initiates and 1 s passes.
     */
    private void setUp(long policy, long seed, int ikeLifetime, int ipsecLifetime) {
        sim = new Sim(dir);
        west = sim.klipsNode("west", "192.0.2.1", 500, PSK, seed);
        east = sim.klipsNode("east", "192.0.2.2", 500, PSK, seed + 1);
        for (Sim.Node n : List.of(west, east)) {
            WhackMessage.Builder b = Sim.conn("net", west, "198.51.100.0/24", east, "203.0.113.0/24", policy);
            b.ipsecLifetimeSeconds = ipsecLifetime;
            b.ikeLifetimeSeconds = ikeLifetime;
            b.rekeyMarginSeconds = 60;
            b.rekeyFuzzPercent = 0;
            sim.whack(n, b.build());
            sim.listen(n);
        }
        start = sim.now;
        sim.initiate(west, "net");
        sim.run(Duration.ofSeconds(1));
    }

    private static boolean has(List<String> lines, String fragment) {
        return lines.stream().anyMatch(l -> l.contains(fragment));
    }

    /** Datagrams sent during the rekey, in order: QI1, QR1, QI2 (and retransmissions). */
    private boolean rekeying() {
        return !sim.now.isBefore(start.plus(REKEY_AT));
    }

    @ParameterizedTest(name = "rekey message {0} lost once")
    @ValueSource(ints = {0, 1, 2})
    void losingOneRekeyMessageStillReplacesTheSaOnBothEnds(int lost) {
        setUp(Policy.PSK | Policy.ENCRYPT | Policy.TUNNEL | Policy.PFS);
        int[] n = {0};
        sim.drop = d -> rekeying() && n[0]++ == lost;
        sim.run(Duration.ofSeconds(REKEY_AT.toSeconds() + 120));
        assertTrue(n[0] > lost, "the message was really lost");
        assertTrue(sim.nodes.stream().flatMap(x -> x.log.stream()).anyMatch(l -> l.contains("retransmi")),
                "something was sent again: " + west.log + east.log);
        assertReplaced(3);
    }

    @ParameterizedTest(name = "every rekey message delivered {0} times")
    @ValueSource(ints = {2, 3})
    void duplicatedRekeyMessagesMakeOneNewSa(int copies) {
        setUp(Policy.PSK | Policy.ENCRYPT | Policy.TUNNEL | Policy.PFS);
        sim.copies = d -> rekeying() ? copies : 1;
        sim.run(Duration.ofSeconds(REKEY_AT.toSeconds() + 120));
        assertReplaced(3);
        assertTrue(west.logged("discarding duplicate packet") || east.logged("discarding duplicate packet")
                || west.logged("retransmitting in response to duplicate packet")
                || east.logged("retransmitting in response to duplicate packet"), east.log.toString());
    }

    @Test
    void lossAndDuplicationTogetherDuringTheRekeyStillEndWithOneSa() {
        setUp(Policy.PSK | Policy.ENCRYPT | Policy.TUNNEL | Policy.PFS);
        int[] n = {0};
        // the first QI1 lost, everything after it doubled
        sim.drop = d -> rekeying() && n[0]++ == 0;
        sim.copies = d -> rekeying() ? 2 : 1;
        sim.run(Duration.ofSeconds(REKEY_AT.toSeconds() + 120));
        assertReplaced(3);
    }

    @Test
    void anIsakmpRekeyWithALostMessageStillEndsWithOneNewIsakmpSa() {
        setUp(Policy.PSK | Policy.ENCRYPT | Policy.TUNNEL, 73, 600, 3000);
        int[] n = {0};
        // lose MR2, the 4th message of the replacement Main Mode
        sim.drop = d -> rekeying() && n[0]++ == 3;
        sim.run(Duration.ofSeconds(REKEY_AT.toSeconds() + 200));
        List<String> w = sim.status(west);
        List<String> e = sim.status(east);
        assertTrue(has(w, "#3: \"net\" STATE_MAIN_I4 (ISAKMP SA established)"), w.toString());
        assertTrue(has(e, "#3: \"net\" STATE_MAIN_R3 (sent MR3, ISAKMP SA established)"), e.toString());
        assertFalse(has(w, "#1: "), "the old ISAKMP SA expired: " + w);
        assertFalse(has(e, "#1: "), "the old ISAKMP SA expired: " + e);
        assertTrue(has(w, "#2: \"net\" STATE_QUICK_I2"), "the IPsec SA lives on: " + w);
        assertEquals(2, west.states(), w.toString());
        assertEquals(2, east.states(), e.toString());
    }

    /** Both ends: the IPsec SA {@code serial} replaced #2, the eroute moved first, #2 is gone. */
    private void assertReplaced(long serial) {
        List<String> w = sim.status(west);
        List<String> e = sim.status(east);
        assertTrue(has(w, "#" + serial + ": \"net\" STATE_QUICK_I2"), w.toString());
        assertTrue(has(e, "#" + serial + ": \"net\" STATE_QUICK_R2"), e.toString() + east.log);
        assertFalse(has(w, "#2: "), "old SA expired on west: " + w);
        assertFalse(has(e, "#2: "), "old SA expired on east: " + e);
        assertEquals(2, west.states(), "ISAKMP SA and one IPsec SA on west: " + w);
        assertEquals(2, east.states(), "ISAKMP SA and one IPsec SA on east: " + e);
        for (Sim.Node node : List.of(west, east)) {
            assertEroutePrecedesDelete(node, serial);
        }
    }

    /**
     * In {@code node}'s kernel requests: SAs of {@code serial} were added once per direction, the
     * eroute was replaced to point at them, and only then were #2's SAs deleted.
     */
    private static void assertEroutePrecedesDelete(Sim.Node node, long serial) {
        List<KernelRequest> k = node.kernel;
        int added = -1;
        int moved = -1;
        int deleted = -1;
        int adds = 0;
        List<String> seen = new ArrayList<>();
        for (int i = 0; i < k.size(); i++) {
            KernelRequest r = k.get(i);
            seen.add(r.describe());
            if (r instanceof KernelRequest.AddSas a && a.serial() == serial) {
                adds++;
                added = added < 0 ? i : added;
            } else if (r instanceof KernelRequest.Eroute er && er.serial() == serial
                    && er.op() == KernelRequest.Eroute.Op.REPLACE) {
                moved = moved < 0 ? i : moved;
            } else if (r instanceof KernelRequest.DeleteSas d && d.serial() == 2) {
                deleted = i;
            }
        }
        assertTrue(adds >= 1 && adds <= 2, node.name + ": SAs of #" + serial + " added once per direction: " + seen);
        assertTrue(added >= 0 && moved > added, node.name + ": eroute replaced after the new SAs: " + seen);
        assertTrue(deleted > moved, node.name + ": #2 deleted after the eroute moved: " + seen);
    }
}
