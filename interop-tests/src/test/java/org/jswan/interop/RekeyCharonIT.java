package org.jswan.interop;

import static org.junit.jupiter.api.Assertions.assertTrue;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 6: rekeying against charon while traffic flows. charon rekeys the CHILD_SA on a short
 * lifetime, and jswan rekeys on its own short lifetime; charon reauthenticates the ISAKMP SA (IKEv1
 * has no IKE rekey: a new Main Mode, the CHILD_SAs moved over to it), and jswan replaces its own
 * ISAKMP SA on a short {@code --ikelifetime}. A ping through jswan's userspace KLIPS loses at most
 * one packet across each change.
 */
@Interop(jswan = true)
class RekeyCharonIT extends JswanScenarios {
    static final Pattern LOSS = Pattern.compile("(\\d+) packets transmitted, (\\d+) received");

    @BeforeAll
    static void withKlips() {
        jswan.close();
        jswan = Jswan.start(bed.left(), dir.resolve("jswan-rekey"), bed.shortDir(),
                Jswan.Options.psk(PSK).with("--debug-control", "--debug-lifecycle"));
    }

    /** Pings for {@code seconds} at 5 per second; returns transmitted − received. */
    private static int lostDuringPing(int seconds) {
        Exec.Result r = bed.left().exec(Duration.ofSeconds(seconds + 20), "ping", "-q", "-i", "0.2", "-w",
                Integer.toString(seconds), "-I", Testbed.LEFT_CLIENT, Testbed.RIGHT_CLIENT);
        Matcher m = LOSS.matcher(r.text());
        assertTrue(m.find(), "ping summary:\n" + r.describe());
        return Integer.parseInt(m.group(1)) - Integer.parseInt(m.group(2));
    }

    @Test
    void charon_rekeys_the_child_sa_while_a_ping_flows() {
        loadCharon(charonConn(Proposals.Ike.AES128_SHA1_MODP2048.name)
                .child(subnetChild("aes128-sha1").rekeyTime(Duration.ofSeconds(15))));
        addJswan(subnets().ike(Proposals.Ike.AES128_SHA1_MODP2048.name).esp(Proposals.Esp.AES128_SHA1.name));
        charonInitiates("net");
        requireEstablished("net", "STATE_QUICK_R2");
        long mark = jswan.log().mark();
        int lost = lostDuringPing(35);
        long rekeys = jswan.log().grep(mark, "STATE_QUICK_R2: IPsec SA established").size();
        assertTrue(rekeys >= 1, "charon rekeyed the CHILD_SA through jswan:\n" + String.join("\n", jswan.log().since(mark)));
        assertTrue(lost <= 1, "packets lost across the rekey: " + lost);
    }

    @Test
    void jswan_rekeys_on_its_own_short_lifetime_while_a_ping_flows() {
        loadCharon(charonConn(Proposals.Ike.AES128_SHA1_MODP2048.name).child(subnetChild("aes128-sha1")));
        addJswan(subnets().ike(Proposals.Ike.AES128_SHA1_MODP2048.name).esp(Proposals.Esp.AES128_SHA1.name)
                .with("--ipseclifetime", "40", "--rekeymargin", "20", "--rekeyfuzz", "0"));
        jswanInitiates();
        requireEstablished("net", "STATE_QUICK_I2");
        long mark = jswan.log().mark();
        int lost = lostDuringPing(30);
        assertTrue(!jswan.log().grep(mark, "replacing stale IPsec SA").isEmpty(), "jswan rekeyed:\n"
                + String.join("\n", jswan.log().since(mark)));
        assertTrue(!jswan.log().grep(mark, "STATE_QUICK_I2").isEmpty(), "the replacement is up");
        assertTrue(lost <= 1, "packets lost across the rekey: " + lost);
    }

    @Test
    void charon_reauthenticates_the_isakmp_sa_several_times_while_a_ping_flows() {
        loadCharon(charonConn(Proposals.Ike.AES128_SHA1_MODP2048.name)
                .reauthEvery(Duration.ofSeconds(15), Duration.ofSeconds(5)).child(subnetChild("aes128-sha1")));
        addJswan(subnets().ike(Proposals.Ike.AES128_SHA1_MODP2048.name).esp(Proposals.Esp.AES128_SHA1.name));
        charonInitiates("net");
        requireEstablished("net", "STATE_QUICK_R2");
        int first = isakmpSerials().get(0);
        long mark = jswan.log().mark();
        long cmark = charon.log().mark();
        int lost = lostDuringPing(50);
        String story = "\n--- jswan ---\n" + String.join("\n", jswan.log().since(mark)) + "\n--- charon ---\n"
                + String.join("\n", charon.log().grep(cmark, "IKE_SA"));
        int reauths = charon.log().grep(cmark, "initiating Main Mode IKE_SA").size();
        assertTrue(reauths >= 3, "charon reauthenticated at 15, 30 and 45 s, " + reauths + " times:" + story);
        List<String> established = jswan.log().grep(mark, "STATE_MAIN_R3: sent MR3, ISAKMP SA established");
        assertTrue(established.size() >= reauths, "jswan answered each new Main Mode:" + story);
        // every ISAKMP SA but the newest went: charon's Delete, or its lifetime (15 + 5 s) ran out first
        assertTrue(Wait.until(Duration.ofSeconds(10), () -> isakmpSerials().size() == 1), "one ISAKMP SA left:\n"
                + String.join("\n", jswan.status()) + story);
        int now = isakmpSerials().get(0);
        assertTrue(now > first, "the ISAKMP SA is a new one (#" + now + ", first #" + first + ")");
        long gone = jswan.log().grep(mark, "received Delete SA payload: deleting ISAKMP State").size()
                + jswan.log().grep(mark, "ISAKMP SA expired").size();
        assertTrue(gone >= reauths, "each old ISAKMP SA deleted or expired:" + story);
        assertTrue(jswan.log().grep(mark, "received INITIAL_CONTACT").isEmpty(), "no reauth looked like a restart:"
                + story);
        List<JswanStatus.State> states = connStates();
        assertTrue(states.stream().allMatch(s -> s.kind().equals("STATE_MAIN_R3") || s.kind().equals("STATE_QUICK_R2")),
                "no state stuck half-way:\n" + String.join("\n", jswan.status()));
        assertEquals(1, states.stream().filter(s -> s.kind().equals("STATE_QUICK_R2")).count(),
                "one IPsec SA (charon moved its CHILD_SA to each new IKE SA, no Quick Mode):\n"
                + String.join("\n", jswan.status()));
        SwanctlSas.IkeSa ike = requireCharonUp("net");
        assertEquals(1, charon.listSas().size(), "charon has one IKE SA:\n" + charon.listSasText());
        assertTrue(ike.child("net").isPresent());
        System.out.println("RekeyCharonIT: charon reauthenticated " + reauths + " times in 50 s; ping lost " + lost);
        assertTrue(lost <= reauths, "packets lost across " + reauths + " reauthentications: " + lost);
    }

    @Test
    void jswan_replaces_its_isakmp_sa_on_a_short_ikelifetime_while_a_ping_flows() {
        loadCharon(charonConn(Proposals.Ike.AES128_SHA1_MODP2048.name).child(subnetChild("aes128-sha1")));
        addJswan(subnets().ike(Proposals.Ike.AES128_SHA1_MODP2048.name).esp(Proposals.Esp.AES128_SHA1.name)
                .with("--ikelifetime", "30", "--rekeymargin", "15", "--rekeyfuzz", "0"));
        jswanInitiates();
        requireEstablished("net", "STATE_QUICK_I2");
        int first = isakmpSerials().get(0);
        long mark = jswan.log().mark();
        int lost = lostDuringPing(40);
        String story = "\n" + String.join("\n", jswan.log().since(mark));
        int replaced = jswan.log().grep(mark, "replacing stale ISAKMP SA").size();
        assertTrue(replaced >= 2,
                "jswan replaced its ISAKMP SA at 15 and 30 s:" + story);
        assertTrue(jswan.log().grep(mark, "STATE_MAIN_I4: ISAKMP SA established").size() >= 2, story);
        assertTrue(Wait.until(Duration.ofSeconds(10), () -> isakmpSerials().size() == 1), "one ISAKMP SA left:\n"
                + String.join("\n", jswan.status()) + story);
        assertTrue(isakmpSerials().get(0) > first, "a new ISAKMP SA");
        List<JswanStatus.State> states = connStates();
        assertTrue(states.stream().allMatch(s -> s.kind().equals("STATE_MAIN_I4") || s.kind().equals("STATE_QUICK_I2")),
                "no state stuck half-way:\n" + String.join("\n", jswan.status()));
        System.out.println("RekeyCharonIT: jswan replaced its ISAKMP SA " + replaced + " times in 40 s; ping lost " + lost);
        assertTrue(lost <= 1, "packets lost across the ISAKMP SA replacements: " + lost);
        SwanctlSas.IkeSa ike = requireCharonUp("net");
        assertEquals(1, charon.listSas().size(), "charon holds one IKE SA:\n" + charon.listSasText());
        assertTrue(ike.child("net").isPresent());
    }

    private List<JswanStatus.State> connStates() {
        return JswanStatus.states(jswan.status()).stream().filter(s -> s.connection().equals(conn)).toList();
    }

    /** jswan's established ISAKMP SAs of this test's connection, oldest first. */
    private List<Integer> isakmpSerials() {
        return connStates().stream().filter(s -> s.kind().equals("STATE_MAIN_R3") || s.kind().equals("STATE_MAIN_I4"))
                .map(JswanStatus.State::serial).sorted().toList();
    }
}
