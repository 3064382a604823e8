package org.jswan.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Delete (issue 3): a Delete from charon ({@code swanctl --terminate}) is authenticated and
 * honoured — jswan removes the matching SAs and says "received Delete SA payload: deleting ..." —
 * while an unauthenticated or malformed one changes nothing.
 */
@Interop(jswan = true)
@EnabledIfSystemProperty(named = "jswan.natt", matches = "true",
        disabledReason = "needs NAT-T: issue 3 (run with -Djswan.natt=true once jswan floats to 4500)")
class JswanDeleteIT extends JswanScenarios {
    static final Duration SETTLE = Duration.ofSeconds(2);

    /** jswan initiates aes128-sha1-modp2048 / aes128-sha1 subnet to subnet; both sides up. */
    private JswanStatus.IpsecSa establish() {
        loadCharon(charonConn(Proposals.Ike.AES128_SHA1_MODP2048.name).child(subnetChild("aes128-sha1")));
        addJswan(subnets().ike(Proposals.Ike.AES128_SHA1_MODP2048.name).esp(Proposals.Esp.AES128_SHA1.name));
        jswanInitiates();
        requireEstablished("net", "STATE_QUICK_I2");
        return requireJswanUp("STATE_QUICK_I2");
    }

    @Test
    void charon_terminating_the_ike_sa_deletes_ipsec_and_isakmp_sa_in_jswan() {
        JswanStatus.IpsecSa sa = establish();
        long mark = jswan.log().mark();

        charon.terminateIke(CHARON_IKE, Duration.ofSeconds(10)).requireOk();

        requireLogged(mark, "received Delete SA payload: deleting IPSEC State #" + sa.serial());
        requireLogged(mark, "received Delete SA payload: deleting ISAKMP State #");
        assertTrue(Wait.until(Duration.ofSeconds(5), () -> JswanStatus.states(jswan.status()).stream()
                .noneMatch(s -> s.connection().equals(conn))), "jswan has no state of \"" + conn + "\" left:\n"
                + String.join("\n", jswan.status()));
    }

    @Test
    void charon_terminating_the_child_sa_deletes_only_the_ipsec_sa_in_jswan() {
        JswanStatus.IpsecSa sa = establish();
        long mark = jswan.log().mark();

        charon.terminateChild("net", Duration.ofSeconds(10)).requireOk();

        requireLogged(mark, "received Delete SA payload: deleting IPSEC State #" + sa.serial());
        assertTrue(Wait.until(Duration.ofSeconds(5), () -> jswan.ipsecSas().isEmpty()), "IPsec SA gone");
        List<JswanStatus.State> left = JswanStatus.states(jswan.status());
        assertTrue(left.stream().anyMatch(s -> s.connection().equals(conn) && s.kind().equals("STATE_MAIN_I4")),
                "the ISAKMP SA stays: " + left);
        assertTrue(jswan.log().grep(mark, "deleting ISAKMP State").isEmpty(), "no ISAKMP SA deleted");
    }

    @Test
    void unauthenticated_or_malformed_deletes_change_nothing_and_the_authentic_one_is_honoured() {
        JswanStatus.IpsecSa sa = establish();
        SwanctlSas.IkeSa ike = charon.ikeSa(CHARON_IKE).orElseThrow();
        SwanctlSas.ChildSa child = ike.child("net").orElseThrow();
        String id = ike.raw().get("uniqueid");
        ForgedDelete.IsakmpSa keys = new ForgedDelete.IsakmpSa(
                HexFormat.of().parseHex(ike.initiatorSpi()), HexFormat.of().parseHex(ike.responderSpi()),
                last(charon.dumps(charonMark, CHARON_IKE, id, "encryption key Ka")),
                last(charon.dumps(charonMark, CHARON_IKE, id, "SKEYID_a")),
                last(charon.dumps(charonMark, CHARON_IKE, id, "next IV for MID 0")), "SHA1");
        Random rng = new Random(3);
        int messageId = 0x4a530000;

        for (ForgedDelete.Variant v : List.of(ForgedDelete.Variant.WRONG_HASH, ForgedDelete.Variant.UNENCRYPTED,
                ForgedDelete.Variant.GARBAGE)) {
            long mark = jswan.log().mark();
            ForgedDelete.send(bed.right(), Testbed.LEFT_IP, 4500,
                    ForgedDelete.onPort4500(keys, ++messageId, child.spiIn(), v, rng), dir.resolve(conn + "-" + v + ".bin"));
            Wait.sleep(SETTLE);
            // e.g. "received Informational HASH(1) does not match computed value; message ignored"
            assertFalse(jswan.log().since(mark).isEmpty(), v + ": jswan says nothing about the bad message");
            assertTrue(jswan.log().grep(mark, "received Delete SA payload").isEmpty(), v + ": jswan acted on it:\n"
                    + String.join("\n", jswan.log().since(mark)));
            assertEquals(List.of(sa), jswan.ipsecSas(), v + ": jswan's IPsec SA changed");
            assertTrue(charon.ikeSa(CHARON_IKE).flatMap(s -> s.child("net")).map(SwanctlSas.ChildSa::installed)
                    .orElse(false), v + ": charon's CHILD_SA is gone");
        }

        // the control: the same message, authentic, is honoured (else the negatives prove nothing)
        long mark = jswan.log().mark();
        ForgedDelete.send(bed.right(), Testbed.LEFT_IP, 4500,
                ForgedDelete.onPort4500(keys, ++messageId, child.spiIn(), ForgedDelete.Variant.AUTHENTIC, rng),
                dir.resolve(conn + "-AUTHENTIC.bin"));
        requireLogged(mark, "received Delete SA payload: deleting IPSEC State #" + sa.serial());
        assertTrue(Wait.until(Duration.ofSeconds(5), () -> jswan.ipsecSas().isEmpty()), "IPsec SA deleted");
    }

    private void requireLogged(long mark, String text) {
        Optional<String> line = jswan.log().await(mark, Duration.ofSeconds(10), l -> l.contains(text));
        assertTrue(line.isPresent(), "jswan logs \"" + text + "\":\n" + String.join("\n", jswan.log().since(mark)));
    }

    private static byte[] last(List<byte[]> values) {
        assertFalse(values.isEmpty(), "charon's ike=4 log has the value");
        return values.get(values.size() - 1);
    }
}
