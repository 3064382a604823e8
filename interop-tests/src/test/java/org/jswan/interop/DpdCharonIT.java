package org.jswan.interop;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Issue 6: Dead Peer Detection (RFC 3706) against charon. While charon answers, jswan's
 * R_U_THEREs keep the SAs; when charon's link goes silent, jswan declares it dead after
 * {@code --dpdtimeout} and applies {@code --dpdaction clear}.
 */
@Interop(jswan = true)
class DpdCharonIT extends JswanScenarios {

    @Test
    void a_silent_charon_is_declared_dead_and_its_sas_cleared() {
        loadCharon(charonConn(Proposals.Ike.AES128_SHA1_MODP2048.name).child(subnetChild("aes128-sha1")));
        addJswan(subnets().ike(Proposals.Ike.AES128_SHA1_MODP2048.name).esp(Proposals.Esp.AES128_SHA1.name)
                .with("--dpddelay", "2", "--dpdtimeout", "8", "--dpdaction", "clear"));
        jswanInitiates();
        requireEstablished("net", "STATE_QUICK_I2");
        long mark = jswan.log().mark();
        // charon answers: after several probes nothing has happened
        assertFalse(Wait.until(Duration.ofSeconds(7), () -> !jswan.log().grep(mark, "declaring peer dead").isEmpty()),
                "charon answered the R_U_THEREs:\n" + String.join("\n", jswan.log().since(mark)));
        assertTrue(JswanStatus.states(jswan.status()).stream().anyMatch(s -> s.kind().equals("STATE_QUICK_I2")));
        // charon goes silent
        bed.right().exec(Duration.ofSeconds(10), "ip", "link", "set", "dev", bed.rightInterface(), "down").requireOk();
        try {
            assertTrue(Wait.until(Duration.ofSeconds(25), () -> !jswan.log().grep(mark, "DPD: No response from peer"
                    + " - declaring peer dead").isEmpty()), "jswan declared charon dead:\n"
                    + String.join("\n", jswan.log().since(mark)));
            assertTrue(Wait.until(Duration.ofSeconds(5), () -> JswanStatus.states(jswan.status()).stream()
                    .noneMatch(s -> s.connection().equals(conn))), "--dpdaction clear removed the SAs:\n"
                    + String.join("\n", jswan.status()));
            assertFalse(jswan.log().grep(mark, "DPD: action clear").isEmpty());
        } finally {
            bed.right().exec(Duration.ofSeconds(10), "ip", "link", "set", "dev", bed.rightInterface(), "up");
            // the veth needs its peer end and address back for the next class; give charon its SAs' cleanup
            charon.terminateAll();
        }
    }
}
