package org.jswan.interop;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 5's proof that SAs carry traffic: jswan with its userspace KLIPS (TUN ipsec0, ESP in UDP
 * through pluto's NAT-T socket, routes by the default {@code ipsec _updown}) against charon with
 * kernel-libipsec; a ping between the client subnets passes through the tunnel in both
 * initiation directions, and charon's CHILD_SA counters move.
 */
@Interop(jswan = true)
class KlipsCharonIT extends JswanScenarios {
    static final Duration PING = Duration.ofSeconds(30);

    /** This class runs jswan without --noklips. */
    @BeforeAll
    static void withKlips() {
        jswan.close();
        jswan = Jswan.start(bed.left(), dir.resolve("jswan-klips"), bed.shortDir(),
                Jswan.Options.psk(PSK).with("--debug-control", "--debug-klips"));
    }

    private void up(boolean jswanInitiates) {
        loadCharon(charonConn(Proposals.Ike.AES128_SHA1_MODP2048.name).child(subnetChild("aes128-sha1")));
        addJswan(subnets().ike(Proposals.Ike.AES128_SHA1_MODP2048.name).esp(Proposals.Esp.AES128_SHA1.name));
        if (jswanInitiates) {
            jswanInitiates();
            requireEstablished("net", "STATE_QUICK_I2");
        } else {
            charonInitiates("net");
            requireEstablished("net", "STATE_QUICK_R2");
        }
        assertTrue(jswanLog("kernel backend \"klips\"").size() > 0 || jswan.log().grep(0, "userspace KLIPS").size() > 0,
                "pluto runs the userspace KLIPS");
    }

    private void ping(Netns from, String src, String dst) {
        Exec.Result r = from.exec(PING, "ping", "-c", "3", "-W", "3", "-I", src, dst);
        assertTrue(r.ok(), "ping through the tunnel:\n" + r.describe() + "\n" + diagnostics());
        SwanctlSas.IkeSa ike = charon.ikeSa(CHARON_IKE).orElseThrow();
        SwanctlSas.ChildSa child = ike.child("net").orElseThrow();
        long in = Long.parseLong(child.raw().getOrDefault("packets-in", "0"));
        long out = Long.parseLong(child.raw().getOrDefault("packets-out", "0"));
        assertTrue(in >= 3 && out >= 3, "charon's CHILD_SA counted the pings: in " + in + ", out " + out);
    }

    @Test
    void jswan_initiates_and_a_ping_passes_through_the_tunnel() {
        up(true);
        ping(bed.left(), Testbed.LEFT_CLIENT, Testbed.RIGHT_CLIENT);
    }

    @Test
    void charon_initiates_and_a_ping_passes_through_the_tunnel() {
        up(false);
        ping(bed.right(), Testbed.RIGHT_CLIENT, Testbed.LEFT_CLIENT);
    }
}
