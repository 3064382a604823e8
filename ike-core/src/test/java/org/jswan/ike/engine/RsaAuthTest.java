package org.jswan.ike.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.jswan.ike.base.IpAddress;
import org.jswan.ike.secrets.RsaPrivateKey;
import org.jswan.ike.whack.Policy;
import org.jswan.ike.whack.WhackEnd;
import org.jswan.ike.whack.WhackMessage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Main Mode with RSA signatures between two engines, and the ways it must fail. */
class RsaAuthTest {
    static RsaPrivateKey westKey;
    static RsaPrivateKey eastKey;
    static RsaPrivateKey strangerKey;

    @TempDir
    Path dir;

    private Sim sim;
    private Sim.Node west;
    private Sim.Node east;

    @BeforeAll
    static void keys() {
        westKey = RsaKeys.generate(1024, 1);
        eastKey = RsaKeys.generate(1024, 2);
        strangerKey = RsaKeys.generate(1024, 3);
    }

    private void setUp(long policy, String westSecrets, String eastSecrets) {
        sim = new Sim(dir);
        west = sim.node("west", "192.0.2.1", 500, westSecrets, 41);
        east = sim.node("east", "192.0.2.2", 500, eastSecrets, 42);
        for (Sim.Node n : List.of(west, east)) {
            sim.whack(n, Sim.conn("net", west, "198.51.100.0/24", east, "203.0.113.0/24", policy).build());
            sim.listen(n);
        }
    }

    private void key(Sim.Node n, String id, RsaPrivateKey k, boolean add) {
        WhackMessage.Builder b = WhackMessage.builder();
        b.key = true;
        b.keyId = id;
        b.keyVal = RsaKeys.blob(k);
        b.addKey = add;
        sim.whack(n, b.build());
    }

    private static boolean has(List<String> lines, String fragment) {
        return lines.stream().anyMatch(l -> l.contains(fragment));
    }

    private void normalKeys() {
        key(west, "192.0.2.2", eastKey, false);
        key(east, "192.0.2.1", westKey, false);
    }

    @Test
    void rsaSignaturesEstablishInBothRoles() {
        setUp(Policy.RSASIG | Policy.ENCRYPT | Policy.TUNNEL, RsaKeys.secrets("", westKey),
                RsaKeys.secrets("", eastKey));
        normalKeys();
        long c = sim.initiate(west, "net");
        sim.run(Duration.ofSeconds(5));
        assertTrue(has(west.lines(c), "ISAKMP SA established {auth=RSA_SIG"), west.lines(c) + "\n" + west.log + "\n" + east.log);
        assertTrue(has(west.lines(c), "STATE_QUICK_I2"), west.lines(c).toString());
        assertTrue(east.logged("authenticated using RSA with *" + westKey.publicKey().keyId()), east.log.toString());
        long c2 = sim.initiate(east, "net");
        sim.run(Duration.ofSeconds(5));
        assertTrue(has(east.lines(c2), "STATE_QUICK_I2"), east.lines(c2).toString());
        List<String> st = sim.status(west);
        assertTrue(has(st, "192.0.2.2: 1024 RSA key *" + eastKey.publicKey().keyId()), st.toString());
    }

    @Test
    void pskAndRsasigTogetherProposeBothAndAcceptEither() {
        String psk = "192.0.2.1 192.0.2.2 : PSK \"both\"\n";
        setUp(Policy.PSK | Policy.RSASIG | Policy.ENCRYPT | Policy.TUNNEL,
                psk + RsaKeys.secrets("", westKey), psk);
        normalKeys();
        long c = sim.initiate(west, "net");
        sim.run(Duration.ofSeconds(5));
        // east has no private key, so it can only choose the PSK transforms west also offered
        assertTrue(has(west.lines(c), "auth=PRESHARED_KEY"), west.lines(c) + "\n" + east.log);
        assertTrue(east.logged("Oakley transform 1 refused: no RSA key available"), east.log.toString());
    }

    @Test
    void aWrongPublicKeyIsRefusedWithPlutosDiagnostic() {
        setUp(Policy.RSASIG | Policy.ENCRYPT | Policy.TUNNEL, RsaKeys.secrets("", westKey),
                RsaKeys.secrets("", eastKey));
        key(west, "192.0.2.2", eastKey, false);
        key(east, "192.0.2.1", strangerKey, false);
        long c = sim.initiate(west, "net");
        sim.run(Duration.ofSeconds(300));
        assertTrue(east.logged("Signature check (on 192.0.2.1) failed (wrong key?); tried *"
                + strangerKey.publicKey().keyId()), east.log.toString());
        assertTrue(has(west.lines(c), "Possible authentication failure"), west.lines(c).toString());
        assertEquals(0, east.states());
    }

    @Test
    void aMissingPublicKeyIsRefused() {
        setUp(Policy.RSASIG | Policy.ENCRYPT | Policy.TUNNEL, RsaKeys.secrets("", westKey),
                RsaKeys.secrets("", eastKey));
        key(west, "192.0.2.2", eastKey, false);
        sim.initiate(west, "net");
        sim.run(Duration.ofSeconds(3));
        assertTrue(east.logged("no RSA public key known for '192.0.2.1'"), east.log.toString());
    }

    @Test
    void addkeyKeepsBothKeysAndEitherVerifies() {
        setUp(Policy.RSASIG | Policy.ENCRYPT | Policy.TUNNEL, RsaKeys.secrets("", westKey),
                RsaKeys.secrets("", eastKey));
        key(west, "192.0.2.2", eastKey, false);
        key(east, "192.0.2.1", strangerKey, false);
        key(east, "192.0.2.1", westKey, true);
        long c = sim.initiate(west, "net");
        sim.run(Duration.ofSeconds(5));
        assertTrue(has(west.lines(c), "STATE_QUICK_I2"), east.log.toString());
    }

    @Test
    void aRoadWarriorOnAnyConnectionIsSwitchedToItsIdSpecificOne() {
        sim = new Sim(dir);
        west = sim.node("west", "192.0.2.1", 500, RsaKeys.secrets("", westKey), 51);
        east = sim.node("east", "192.0.2.2", 500, RsaKeys.secrets("", eastKey), 52);
        long policy = Policy.RSASIG | Policy.ENCRYPT | Policy.TUNNEL;
        WhackMessage.Builder w = Sim.conn("rw", west, "198.51.100.0/24", east, "203.0.113.0/24", policy);
        w.left = w.left.withId("@road.example");
        sim.whack(west, w.build());
        // east: a catch-all %any connection (another peer's id) and the one for @road.example
        WhackMessage.Builder any = Sim.conn("anyone", west, null, east, "203.0.113.0/24", policy);
        any.left = WhackEnd.empty().withHost(IpAddress.ANY4).withId("@other.example");
        sim.whack(east, any.build());
        WhackMessage.Builder road = Sim.conn("road", west, null, east, "203.0.113.0/24", policy);
        road.left = WhackEnd.empty().withHost(IpAddress.ANY4).withId("@road.example")
                .withClient(org.jswan.ike.base.Subnet.parse("198.51.100.0/24"), false);
        sim.whack(east, road.build());
        sim.listen(west);
        sim.listen(east);
        key(west, "192.0.2.2", eastKey, false);
        key(east, "@road.example", westKey, false);
        key(east, "@other.example", strangerKey, false);
        long c = sim.initiate(west, "rw");
        sim.run(Duration.ofSeconds(5));
        assertTrue(has(west.lines(c), "STATE_QUICK_I2"), west.lines(c) + "\n" + east.log);
        assertTrue(east.logged("switched from \"anyone\"[1] 192.0.2.1 to \"road\"[1] 192.0.2.1")
                || east.log.stream().noneMatch(l -> l.contains("\"anyone\"")), east.log.toString());
        assertTrue(has(sim.status(east), "\"road\"[1] 192.0.2.1"), sim.status(east).toString());
    }
}
