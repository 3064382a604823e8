package org.jswan.ike.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.jswan.ike.whack.Policy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Two engines on a virtual clock negotiate Main Mode + Quick Mode with pre-shared keys. */
class MainQuickModeTest {
    static final String PSK = "127.0.0.1 127.0.0.1 : PSK \"sim-test-secret\"\n";
    static final long ESP_TUNNEL = Policy.PSK | Policy.ENCRYPT | Policy.TUNNEL;

    @TempDir
    Path dir;

    private Sim sim;
    private Sim.Node west;
    private Sim.Node east;

    private void twoPlutos(String westSecrets, String eastSecrets, long policy, String westClient, String eastClient) {
        sim = new Sim(dir);
        west = sim.node("west", "127.0.0.1", 8500, westSecrets, 1);
        east = sim.node("east", "127.0.0.1", 8501, eastSecrets, 2);
        for (Sim.Node n : List.of(west, east)) {
            sim.whack(n, Sim.conn("net", west, westClient, east, eastClient, policy).build());
            sim.listen(n);
        }
    }

    private void twoPlutos(long policy) {
        twoPlutos(PSK, PSK, policy, "198.51.100.0/24", "203.0.113.0/24");
    }

    private static boolean has(List<String> lines, String fragment) {
        return lines.stream().anyMatch(l -> l.contains(fragment));
    }

    @Test
    void pskTunnelWithPfsEstablishesBothSides() {
        twoPlutos(ESP_TUNNEL | Policy.PFS);
        long c = sim.initiate(west, "net");
        sim.run(Duration.ofSeconds(5));
        List<String> lines = west.lines(c).stream().map(l -> l.replaceAll("0x[0-9a-f]{8}", "0xSPI")).toList();
        // HDR, SA --> ... <-- HDR*, IDir, HASH_R ; then HDR*, HASH(1), SA, Ni, KE, IDci, IDcr --> ...
        assertEquals(List.of(
                "002 \"net\" #1: initiating Main Mode",
                "104 \"net\" #1: STATE_MAIN_I1: initiate",
                "106 \"net\" #1: STATE_MAIN_I2: sent MI2, expecting MR2",
                "002 \"net\" #1: NAT-Traversal: Result using RFC 3947: no NAT detected",
                "108 \"net\" #1: STATE_MAIN_I3: sent MI3, expecting MR3",
                "002 \"net\" #1: ISAKMP SA established {auth=PRESHARED_KEY cipher=AES_CBC_256-SHA2_256-MODP2048}",
                "004 \"net\" #1: STATE_MAIN_I4: ISAKMP SA established",
                "002 \"net\" #2: initiating Quick Mode PSK+ENCRYPT+TUNNEL+PFS {using isakmp#1}",
                "112 \"net\" #2: STATE_QUICK_I1: initiate",
                "002 \"net\" #2: sent QI2, IPsec SA established {ESP=>0xSPI <0xSPI AES_CBC_256-HMAC_SHA2_256_128"
                        + " PFS=MODP2048}",
                "004 \"net\" #2: STATE_QUICK_I2: sent QI2, IPsec SA established"), lines);
        assertTrue(west.whackDone.contains(c));
        List<String> st = sim.status(east);
        assertTrue(has(st, "STATE_QUICK_R2 (IPsec SA established); EVENT_SA_REPLACE in"), st.toString());
        assertTrue(has(st, "STATE_MAIN_R3 (sent MR3, ISAKMP SA established)"), st.toString());
        assertTrue(has(st, "\"net\": 198.51.100.0/24===127.0.0.1:8500...127.0.0.1:8501===203.0.113.0/24; erouted"),
                st.toString());
        // QI1 carries KE (PFS) and two IDs: 8 messages in all, one each way per step, no retransmits
        assertEquals(9, sim.sent.size());
    }

    @Test
    void theSpisOnBothSidesMatch() {
        twoPlutos(ESP_TUNNEL);
        sim.initiate(west, "net");
        sim.run(Duration.ofSeconds(5));
        String w = sim.status(west).stream().filter(l -> l.contains(" esp.")).findFirst().orElseThrow();
        String e = sim.status(east).stream().filter(l -> l.contains(" esp.")).findFirst().orElseThrow();
        String[] wp = w.split(" ");
        String[] ep = e.split(" ");
        // west: "000 #2: "net" esp.PEER@127.0.0.1 esp.OURS@127.0.0.1 ..."; east lists them the other way round
        assertEquals(wp[3], ep[4]);
        assertEquals(wp[4], ep[3]);
    }

    @ParameterizedTest
    @ValueSource(longs = {
        Policy.PSK | Policy.ENCRYPT | Policy.TUNNEL,
        Policy.PSK | Policy.ENCRYPT | Policy.TUNNEL | Policy.PFS,
        Policy.PSK | Policy.AUTHENTICATE | Policy.TUNNEL,
        Policy.PSK | Policy.ENCRYPT | Policy.AUTHENTICATE | Policy.TUNNEL | Policy.PFS,
    })
    void everyIpsecPolicyFamilyEstablishesInTunnelMode(long policy) {
        twoPlutos(policy);
        long c = sim.initiate(west, "net");
        sim.run(Duration.ofSeconds(5));
        assertTrue(has(west.lines(c), "STATE_QUICK_I2: sent QI2, IPsec SA established"), west.lines(c).toString());
        assertTrue(has(sim.status(east), "STATE_QUICK_R2"));
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void hostToHostTransportModeSendsNoIds(boolean pfs) {
        twoPlutos(PSK, PSK, Policy.PSK | Policy.ENCRYPT | (pfs ? Policy.PFS : 0), null, null);
        long c = sim.initiate(west, "net");
        sim.run(Duration.ofSeconds(5));
        assertTrue(has(west.lines(c), "STATE_QUICK_I2"), west.lines(c).toString());
        List<String> st = sim.status(west);
        assertTrue(has(st, "\"net\": 127.0.0.1:8500...127.0.0.1:8501; erouted"), st.toString());
        assertFalse(has(st, " tun."), "transport mode has no IPIP tunnel SA: " + st);
    }

    @Test
    void isakmpOnlyConnectionStopsAfterMainMode() {
        twoPlutos(PSK, PSK, Policy.PSK, null, null);
        long c = sim.initiate(west, "net");
        sim.run(Duration.ofSeconds(5));
        assertTrue(west.lines(c).contains("004 \"net\" #1: STATE_MAIN_I4: ISAKMP SA established"));
        assertTrue(west.whackDone.contains(c));
        assertEquals(1, west.states());
        assertEquals(1, east.states());
    }

    @Test
    void secondInitiateReusesTheIsakmpSa() {
        twoPlutos(ESP_TUNNEL);
        sim.initiate(west, "net");
        sim.run(Duration.ofSeconds(5));
        long c2 = sim.initiate(west, "net");
        sim.run(Duration.ofSeconds(5));
        assertTrue(west.lines(c2).contains("002 \"net\" #3: initiating Quick Mode PSK+ENCRYPT+TUNNEL {using isakmp#1}"),
                west.lines(c2).toString());
        assertTrue(has(west.lines(c2), "#3: STATE_QUICK_I2"));
        assertEquals(3, west.states());
    }

    @Test
    void wrongPskFailsOnBothSidesAndLeavesNoState() {
        String other = "127.0.0.1 127.0.0.1 : PSK \"a different secret\"\n";
        twoPlutos(PSK, other, ESP_TUNNEL, "198.51.100.0/24", "203.0.113.0/24");
        long c = sim.initiate(west, "net");
        sim.run(Duration.ofSeconds(600));
        List<String> lines = west.lines(c);
        assertTrue(lines.contains("031 \"net\" #1: max number of retransmissions (2) reached STATE_MAIN_I3.  Possible"
                + " authentication failure: no acceptable response to our first encrypted message"), lines.toString());
        assertTrue(east.logged("probable authentication failure (mismatch of preshared secrets?)"), east.log.toString());
        assertEquals(0, west.states(), "initiator states left: " + sim.status(west));
        assertEquals(0, east.states(), "responder states left: " + sim.status(east));
    }

    @Test
    void noPeerMeansThreeSendsThenRc031() {
        sim = new Sim(dir);
        west = sim.node("west", "127.0.0.1", 8500, PSK, 1);
        east = new Sim(dir).node("east", "127.0.0.1", 8501, PSK, 2); // never wired into this network
        var b = Sim.conn("net", west, null, east, null, ESP_TUNNEL);
        b.keyingTries = 1;
        sim.whack(west, b.build());
        sim.listen(west);
        long c = sim.initiate(west, "net");
        sim.run(Duration.ofSeconds(200));
        assertEquals(3, sim.sent.size(), "MI1 sent at 0, 10 and 30 s");
        assertTrue(west.lines(c).contains("010 \"net\" #1: STATE_MAIN_I1: retransmission; will wait 20s for response"));
        assertTrue(west.lines(c).contains("010 \"net\" #1: STATE_MAIN_I1: retransmission; will wait 40s for response"));
        assertTrue(west.lines(c).contains("031 \"net\" #1: max number of retransmissions (2) reached STATE_MAIN_I1."
                + "  No response (or no acceptable response) to our first IKE message"), west.lines(c).toString());
        assertEquals(0, west.states());
    }
}
