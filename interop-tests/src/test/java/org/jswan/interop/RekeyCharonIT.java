package org.jswan.interop;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 6: rekeying against charon while traffic flows. charon rekeys the CHILD_SA on a short
 * lifetime, and jswan rekeys on its own short lifetime; a ping through jswan's userspace KLIPS
 * loses at most one packet across the change.
 */
@Interop(jswan = true)
class RekeyCharonIT extends JswanScenarios {
    static final Pattern LOSS = Pattern.compile("(\\d+) packets transmitted, (\\d+) received");

    @BeforeAll
    static void withKlips() {
        jswan.close();
        jswan = Jswan.start(bed.left(), dir.resolve("jswan-rekey"), bed.shortDir(),
                Jswan.Options.psk(PSK).with("--debug-control"));
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
}
