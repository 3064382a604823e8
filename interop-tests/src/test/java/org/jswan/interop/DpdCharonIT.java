package org.jswan.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 6: Dead Peer Detection (RFC 3706) and peer restarts against charon, with jswan's
 * userspace KLIPS. While charon answers, jswan's R_U_THEREs keep the SAs; when charon's link goes
 * silent, or charon is killed (SIGKILL by its PID: no Delete, no goodbye), jswan declares it dead
 * after {@code --dpdtimeout} and applies {@code --dpdaction}: {@code clear} removes the SAs and
 * the eroute, {@code restart} negotiates again, which succeeds once charon is back. A charon that
 * restarts and initiates with no memory of the old SAs makes jswan drop them (INITIAL_CONTACT).
 */
@Interop(jswan = true)
class DpdCharonIT extends JswanScenarios {
    static final String DEAD = "DPD: No response from peer - declaring peer dead";

    @BeforeAll
    static void withKlips() {
        jswan.close();
        jswan = Jswan.start(bed.left(), dir.resolve("jswan-dpd"), bed.shortDir(),
                Jswan.Options.psk(PSK).with("--debug-control", "--debug-klips"));
    }

    /** A test that killed charon leaves a fresh one for the next (with the config it loaded last). */
    @AfterEach
    void reviveCharon() {
        if (!charon.running()) {
            charon.restart(CHARON_SETTINGS, charonConf);
        }
    }

    private void upWithDpd(String action) {
        loadCharon(charonConn(Proposals.Ike.AES128_SHA1_MODP2048.name).child(subnetChild("aes128-sha1")));
        addJswan(subnets().ike(Proposals.Ike.AES128_SHA1_MODP2048.name).esp(Proposals.Esp.AES128_SHA1.name)
                .with("--dpddelay", "2", "--dpdtimeout", "8", "--dpdaction", action));
        jswanInitiates();
        requireEstablished("net", "STATE_QUICK_I2");
        ping();
    }

    private static void ping() {
        Exec.Result r = bed.left().exec(Duration.ofSeconds(20), "ping", "-c", "3", "-W", "3", "-I", Testbed.LEFT_CLIENT,
                Testbed.RIGHT_CLIENT);
        assertTrue(r.ok(), "ping through the tunnel:\n" + r.describe());
    }

    private List<JswanStatus.State> connStates() {
        return JswanStatus.states(jswan.status()).stream().filter(s -> s.connection().equals(conn)).toList();
    }

    /** jswan's routes into ipsec0 for charon's client subnet (every table). */
    private static List<String> routesToCharonsClient() {
        return bed.left().exec(Duration.ofSeconds(10), "ip", "route", "show", "table", "all").out().stream()
                .filter(l -> l.startsWith(Testbed.RIGHT_NET + " ")).toList();
    }

    private String since(long mark) {
        return "\n" + String.join("\n", jswan.log().since(mark));
    }

    @Test
    void a_silent_charon_is_declared_dead_and_its_sas_cleared() {
        upWithDpd("clear");
        long mark = jswan.log().mark();
        // charon answers: after several probes nothing has happened
        assertFalse(Wait.until(Duration.ofSeconds(7), () -> !jswan.log().grep(mark, DEAD).isEmpty()),
                "charon answered the R_U_THEREs:" + since(mark));
        assertTrue(connStates().stream().anyMatch(s -> s.kind().equals("STATE_QUICK_I2")));
        // charon goes silent
        bed.right().exec(Duration.ofSeconds(10), "ip", "link", "set", "dev", bed.rightInterface(), "down").requireOk();
        try {
            assertTrue(Wait.until(Duration.ofSeconds(25), () -> !jswan.log().grep(mark, DEAD).isEmpty()),
                    "jswan declared charon dead:" + since(mark));
            assertTrue(Wait.until(Duration.ofSeconds(5), () -> connStates().isEmpty()),
                    "--dpdaction clear removed the SAs:\n" + String.join("\n", jswan.status()));
            assertFalse(jswan.log().grep(mark, "DPD: action clear").isEmpty());
        } finally {
            bed.right().exec(Duration.ofSeconds(10), "ip", "link", "set", "dev", bed.rightInterface(), "up");
            // the veth needs its peer end and address back for the next class; give charon its SAs' cleanup
            charon.terminateAll();
        }
    }

    @Test
    void a_killed_charon_is_declared_dead_and_clear_removes_the_sas_and_the_eroute() {
        upWithDpd("clear");
        assertEquals(1, routesToCharonsClient().size(), "updown routed 203.0.113.0/24 into ipsec0: "
                + routesToCharonsClient());
        long mark = jswan.log().mark();
        charon.kill();
        assertTrue(Wait.until(Duration.ofSeconds(20), () -> !jswan.log().grep(mark, DEAD).isEmpty()),
                "jswan declared the killed charon dead:" + since(mark));
        assertTrue(Wait.until(Duration.ofSeconds(5), () -> connStates().isEmpty()),
                "--dpdaction clear removed the SAs:\n" + String.join("\n", jswan.status()));
        assertFalse(jswan.log().grep(mark, "DPD: action clear: SAs deleted").isEmpty(), since(mark));
        assertFalse(jswan.log().grep(mark, "kernel: delete eroute " + Testbed.LEFT_NET + " -> " + Testbed.RIGHT_NET)
                .isEmpty(), "the eroute went:" + since(mark));
        assertTrue(jswan.log().grep(mark, "klips: deleted esp.").size() >= 2, "both ESP SAs went:" + since(mark));
        assertTrue(routesToCharonsClient().isEmpty(), "the route into ipsec0 went: " + routesToCharonsClient());
        List<String> connLine = jswan.status().stream().filter(l -> l.contains("\"" + conn + "\": ")
                && l.contains("eroute owner")).toList();
        assertTrue(connLine.size() == 1 && connLine.get(0).contains("; unrouted; eroute owner: #0"),
                "the connection is unrouted: " + connLine);
        // and nothing comes back: no renegotiation with --dpdaction clear
        assertFalse(Wait.until(Duration.ofSeconds(3), () -> !connStates().isEmpty()), String.join("\n", jswan.status()));
    }

    @Test
    void a_killed_charon_is_declared_dead_and_restart_brings_the_tunnel_back_when_charon_returns() {
        upWithDpd("restart");
        int oldIpsec = connStates().stream().filter(s -> s.kind().equals("STATE_QUICK_I2")).findFirst().orElseThrow()
                .serial();
        long mark = jswan.log().mark();
        charon.kill();
        assertTrue(Wait.until(Duration.ofSeconds(20), () -> !jswan.log().grep(mark, DEAD).isEmpty()),
                "jswan declared the killed charon dead:" + since(mark));
        assertTrue(Wait.until(Duration.ofSeconds(5), () -> !jswan.log().grep(mark, "DPD: action restart").isEmpty()),
                since(mark));
        assertFalse(jswan.log().grep(mark, "initiating Main Mode").isEmpty(), "jswan re-initiated:" + since(mark));
        charon.restart(CHARON_SETTINGS, charonConf);
        // jswan's MI1 is retransmitted 10 s after the first send; the new charon answers it
        JswanStatus.IpsecSa sa = Wait.poll(Duration.ofSeconds(40), () -> jswan.ipsecSas().stream()
                .filter(s -> s.connection().equals(conn) && s.kind().equals("STATE_QUICK_I2")).findFirst())
                .orElseThrow(() -> new AssertionError("the tunnel came back:" + since(mark) + "\n"
                        + String.join("\n", jswan.status())));
        assertTrue(sa.serial() > oldIpsec, "a new IPsec SA #" + sa.serial());
        requireEstablished("net", "STATE_QUICK_I2");
        ping();
        assertEquals(2, connStates().size(), "one ISAKMP and one IPsec SA, nothing of charon's previous life:\n"
                + String.join("\n", jswan.status()));
    }

    @Test
    void a_restarted_charon_initiates_and_jswan_drops_the_sas_of_its_previous_life() {
        loadCharon(charonConn(Proposals.Ike.AES128_SHA1_MODP2048.name).child(subnetChild("aes128-sha1")));
        addJswan(subnets().ike(Proposals.Ike.AES128_SHA1_MODP2048.name).esp(Proposals.Esp.AES128_SHA1.name));
        charonInitiates("net");
        requireEstablished("net", "STATE_QUICK_R2");
        List<Integer> old = connStates().stream().map(JswanStatus.State::serial).toList();
        assertEquals(2, old.size(), String.join("\n", jswan.status()));
        long mark = jswan.log().mark();
        charon.kill();
        charon.restart(CHARON_SETTINGS, charonConf);
        charonInitiates("net");
        requireEstablished("net", "STATE_QUICK_R2");
        for (int serial : old) {
            assertFalse(jswan.log().grep(mark, "received INITIAL_CONTACT: deleting #" + serial).isEmpty(),
                    "#" + serial + " dropped on INITIAL_CONTACT:" + since(mark));
        }
        List<JswanStatus.State> now = connStates();
        assertEquals(List.of("STATE_MAIN_R3", "STATE_QUICK_R2"), now.stream().map(JswanStatus.State::kind).sorted()
                .toList(), "no duplicate SAs:\n" + String.join("\n", jswan.status()));
        assertTrue(now.stream().noneMatch(s -> old.contains(s.serial())), String.join("\n", jswan.status()));
        assertEquals(1, jswan.ipsecSas().size(), String.join("\n", jswan.status()));
        assertEquals(1, charon.listSas().size(), charon.listSasText());
        ping();
    }
}
