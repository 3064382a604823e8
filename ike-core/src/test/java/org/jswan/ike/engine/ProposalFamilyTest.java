package org.jswan.ike.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.jswan.ike.whack.Policy;
import org.jswan.ike.whack.WhackMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each proposal family (jswan {@code --ike} / {@code --esp}) is negotiated when it is all the
 * initiator offers, and a responder that accepts none of what is offered says, transform by
 * transform, why — then sums up what it received and what it has configured.
 */
class ProposalFamilyTest {
    static final String PSK = "127.0.0.1 127.0.0.1 : PSK \"family-test\"\n";
    static final long POLICY = Policy.PSK | Policy.ENCRYPT | Policy.TUNNEL | Policy.PFS;

    @TempDir
    Path dir;

    private Sim sim;
    private Sim.Node west;
    private Sim.Node east;

    private void setUp(String westIke, String westEsp, String eastIke, String eastEsp) {
        sim = new Sim(dir);
        west = sim.node("west", "127.0.0.1", 8500, PSK, 21);
        east = sim.node("east", "127.0.0.1", 8501, PSK, 22);
        add(west, westIke, westEsp);
        add(east, eastIke, eastEsp);
    }

    private void add(Sim.Node n, String ike, String esp) {
        WhackMessage.Builder b = Sim.conn("net", west, "198.51.100.0/24", east, "203.0.113.0/24", POLICY);
        b.ike = ike;
        b.esp = esp;
        sim.whack(n, b.build());
        sim.listen(n);
    }

    private static boolean has(List<String> lines, String fragment) {
        return lines.stream().anyMatch(l -> l.contains(fragment));
    }

    @ParameterizedTest(name = "{0} / {2}")
    @CsvSource({
        "3des-md5-modp1024, 3DES_CBC-MD5-MODP1024, 3des-md5, 3DES_CBC-HMAC_MD5_96, MODP1024",
        "3des-sha1-modp1536, 3DES_CBC-SHA1-MODP1536, 3des-sha1, 3DES_CBC-HMAC_SHA1_96, MODP1536",
        "aes128-sha1-modp2048, AES_CBC_128-SHA1-MODP2048, aes128-sha1, AES_CBC_128-HMAC_SHA1_96, MODP2048",
        "aes256-sha256-modp2048, AES_CBC_256-SHA2_256-MODP2048, aes256-sha256, AES_CBC_256-HMAC_SHA2_256_128, MODP2048",
    })
    void eachFamilyIsNegotiatedWhenItIsAllThatIsOffered(String ike, String ikeLabel, String esp, String espLabel,
                                                        String pfs) {
        setUp(ike, esp, null, null);
        long c = sim.initiate(west, "net");
        sim.run(Duration.ofSeconds(5));
        List<String> lines = west.lines(c);
        assertTrue(has(lines, "ISAKMP SA established {auth=PRESHARED_KEY cipher=" + ikeLabel + "}"), lines.toString());
        assertTrue(has(lines, " " + espLabel + " PFS=" + pfs + "}"), lines.toString());
        assertTrue(has(lines, "004 \"net\" #2: STATE_QUICK_I2"), lines.toString());
    }

    @Test
    void theResponderTakesTheInitiatorsFirstAcceptableChoice() {
        setUp("3des-md5-modp1024,aes128-sha1-modp2048", "3des-sha1,aes128-sha1", "aes128-sha1-modp2048,3des-md5-modp1024",
                "aes128-sha1,3des-sha1");
        long c = sim.initiate(west, "net");
        sim.run(Duration.ofSeconds(5));
        assertTrue(has(west.lines(c), "cipher=3DES_CBC-MD5-MODP1024"), west.lines(c).toString());
        assertTrue(has(west.lines(c), " 3DES_CBC-HMAC_SHA1_96 "), west.lines(c).toString());
    }

    @Test
    void noCommonPhase1ProposalIsExplainedAndRefused() {
        setUp("3des-md5-modp1024", null, "aes256-sha256-modp2048", null);
        long c = sim.initiate(west, "net");
        sim.run(Duration.ofSeconds(3));
        assertTrue(east.logged("Oakley transform 1 refused: 3DES_CBC-MD5-MODP1024 is not in this connection's --ike list"),
                east.log.toString());
        assertTrue(east.logged("no acceptable Oakley Transform: received TRIPLE_DES_CBC-MD5-MODP1024;"
                + " configured AES_CBC_256-SHA2_256-MODP2048-PSK"), east.log.toString());
        assertTrue(east.logged("STATE_MAIN_R0: NO_PROPOSAL_CHOSEN"), east.log.toString());
        assertTrue(west.logged("ignoring unauthenticated informational payload, type NO_PROPOSAL_CHOSEN"),
                west.log.toString());
        assertEquals(0, east.states());
        assertTrue(has(west.lines(c), "peer says NO_PROPOSAL_CHOSEN"), west.lines(c).toString());
    }

    @Test
    void noCommonPhase2ProposalIsExplainedAndNotified() {
        setUp(null, "3des-md5", null, "aes256-sha256");
        long c = sim.initiate(west, "net");
        sim.run(Duration.ofSeconds(3));
        assertTrue(east.logged("is not in this connection's --esp list"), east.log.toString());
        assertTrue(east.logged("no acceptable Proposal in IPsec SA: received"), east.log.toString());
        assertTrue(east.logged("STATE_QUICK_R0: NO_PROPOSAL_CHOSEN"), east.log.toString());
        assertTrue(west.logged("received notification NO_PROPOSAL_CHOSEN"), west.log.toString());
        assertTrue(has(west.lines(c), "STATE_MAIN_I4"));
        assertEquals(1, east.states(), "only the ISAKMP SA remains on the responder");
    }
}
