package org.jswan.ike.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jswan.ike.base.Bytes;
import org.junit.jupiter.api.Test;

class PayloadDescriberTest {
    @Test
    void mainModeI1ReadsLikePluto() throws Exception {
        IsakmpMessage m = IsakmpMessage.decode(Captures.frame(Captures.PSK, 1).datagram());
        List<String> lines = PayloadDescriber.describe(m.header(), m.payloads());
        assertEquals("| ***parse ISAKMP Message:", lines.get(0));
        assertEquals("|    initiator cookie:", lines.get(1));
        assertEquals("|   5a 54 d2 d3  cb 17 33 e4", lines.get(2));
        assertTrue(lines.contains("|    next payload type: ISAKMP_NEXT_SA"));
        assertTrue(lines.contains("|    exchange type: ISAKMP_XCHG_IDPROT"));
        assertTrue(lines.contains("| ****parse ISAKMP Security Association Payload:"));
        assertTrue(lines.contains("|    af+type: OAKLEY_ENCRYPTION_ALGORITHM"));
        assertTrue(lines.contains("|    [7 is AES_CBC]"));
        assertTrue(lines.contains("|    vendor ID: 4a131c81070358455c5728f20e95452f [RFC 3947]"));
        assertTrue(lines.stream().allMatch(l -> l.startsWith("| ")));
    }

    @Test
    void secretsShapedPayloadsShowOnlyTheirLength() throws Exception {
        Bytes big = Bytes.fromHex("ab".repeat(256));
        IsakmpHeader h = IsakmpHeader.of(Bytes.zeros(8), Bytes.zeros(8), ExchangeType.IDPROT.value(), 0, 0);
        List<String> lines = PayloadDescriber.describe(h, List.of(new KePayload(big), new NoncePayload(big),
                new HashPayload(big), new SigPayload(big)), true);
        assertEquals("| ***emit ISAKMP Message:", lines.get(0));
        assertFalse(String.join("\n", lines).contains("abab"));
        assertTrue(lines.contains("|    key exchange data: 256 bytes"));
        assertTrue(lines.contains("|    nonce data: 256 bytes"));
    }

    @Test
    void attackerDataIsBoundedAndEscaped() {
        IsakmpHeader h = IsakmpHeader.of(Bytes.zeros(8), Bytes.zeros(8), ExchangeType.IDPROT.value(), 0xff, 0);
        Bytes evil = Bytes.copyOf(("%s%n\n\u0000\"" + "x".repeat(500)).getBytes(StandardCharsets.US_ASCII));
        List<String> lines = PayloadDescriber.describe(h, List.of(
                new IdPayload(IdType.FQDN.value(), 0, 0, evil),
                new VendorIdPayload(Bytes.zeros(1000)),
                new DeletePayload(1, 3, 4, java.util.Collections.nCopies(100, Bytes.zeros(4))),
                new UnknownPayload(200, Bytes.zeros(5000))));
        for (String l : lines) {
            assertTrue(l.length() < 200, l);
            assertFalse(l.contains("\n") || l.contains("\u0000"), l);
        }
        assertTrue(lines.contains("|    flags: ISAKMP_FLAG_ENCRYPTION+ISAKMP_FLAG_COMMIT+ISAKMP_FLAG_AUTH_ONLY+0xf8"));
        assertTrue(lines.contains("|    ... and 92 more SPIs"));
        assertTrue(lines.stream().anyMatch(l -> l.contains("%s%n\\x0a\\x00\\x22xxx")), String.join("\n", lines));
    }

    @Test
    void quickModeSubnetsAndDeletesAreNamed() throws Exception {
        Captures.Frame qm = Captures.frame(Captures.PSK, 7);
        IsakmpMessage m = IsakmpMessage.decodeDecrypted(IsakmpHeader.decode(qm.datagram()), qm.plaintext());
        List<String> lines = PayloadDescriber.describe(m.header(), m.payloads());
        assertTrue(lines.contains("|    identification: 198.51.100.0/24"));
        assertTrue(lines.contains("|    transform ID: ESP_AES"));
        assertTrue(lines.contains("|    [3 is UDP_TUNNEL]"));
        assertTrue(lines.contains("| ******parse ISAKMP Transform Payload (ESP):"));
    }
}
