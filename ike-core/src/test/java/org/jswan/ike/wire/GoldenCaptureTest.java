package org.jswan.ike.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jswan.ike.base.Bytes;
import org.jswan.ike.base.IpAddress;
import org.jswan.ike.base.Subnet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every ISAKMP frame of the two charon captures, decoded, checked and re-encoded. */
class GoldenCaptureTest {
    private static final Bytes RFC3947_VID = Bytes.fromHex("4a131c81070358455c5728f20e95452f");

    static Stream<Arguments> allFrames() {
        List<Arguments> out = new ArrayList<>();
        for (String cap : List.of(Captures.PSK, Captures.RSA)) {
            for (Captures.Frame f : Captures.frames(cap)) {
                out.add(Arguments.of(cap, f.number()));
            }
        }
        return out.stream();
    }

    static Stream<Arguments> cleartextFrames() {
        return allFrames().filter(a -> (int) a.get()[1] <= 4);
    }

    static Stream<Arguments> encryptedFrames() {
        return allFrames().filter(a -> (int) a.get()[1] > 4);
    }

    @ParameterizedTest(name = "{0} frame {1}")
    @MethodSource("cleartextFrames")
    void cleartextFrameRoundTripsByteForByte(String cap, int number) throws Exception {
        Captures.Frame f = Captures.frame(cap, number);
        IsakmpMessage m = IsakmpMessage.decode(f.datagram());
        assertFalse(m.header().encrypted());
        assertEquals(ExchangeType.IDPROT.value(), m.header().exchangeType());
        assertEquals(0, m.header().messageId());
        assertEquals(f.datagram(), m.encode());
        assertEquals(f.datagram().slice(IsakmpHeader.LENGTH), PayloadChain.encode(m.payloads()));
    }

    @ParameterizedTest(name = "{0} frame {1}")
    @MethodSource("encryptedFrames")
    void encryptedFrameHeaderDecodesAndBodyIsWholeBlocks(String cap, int number) throws Exception {
        Captures.Frame f = Captures.frame(cap, number);
        IsakmpMessage m = IsakmpMessage.decode(f.datagram());
        assertTrue(m.header().encrypted());
        assertTrue(m.payloads().isEmpty());
        assertEquals(f.datagram().length(), m.header().length());
        Bytes body = IsakmpMessage.encryptedBody(f.datagram(), 16);
        assertEquals(0, body.length() % 16);
        assertEquals(f.datagram(), IsakmpMessage.encodeWithBody(m.header(), m.header().nextPayload(), body));
    }

    @ParameterizedTest(name = "{0} frame {1}")
    @MethodSource("encryptedFrames")
    void decryptedBodyDecodesWithPaddingAndReEncodes(String cap, int number) throws Exception {
        Captures.Frame f = Captures.frame(cap, number);
        IsakmpHeader h = IsakmpHeader.decode(f.datagram());
        IsakmpMessage m = IsakmpMessage.decodeDecrypted(h, f.plaintext());
        Bytes encoded = PayloadChain.encode(m.payloads());
        assertEquals(f.plaintext().slice(0, encoded.length()), encoded);
        assertTrue(f.plaintext().length() - encoded.length() < 16 + 1, "at most a block of padding");
    }

    @ParameterizedTest(name = "{0} frame {1}")
    @MethodSource("allFrames")
    void payloadTypesMatchTheCaptureSummary(String cap, int number) throws Exception {
        Captures.Frame f = Captures.frame(cap, number);
        IsakmpHeader h = IsakmpHeader.decode(f.datagram());
        List<Payload> ps = h.encrypted() ? IsakmpMessage.decodeDecrypted(h, f.plaintext()).payloads()
                : IsakmpMessage.decode(f.datagram()).payloads();
        List<Integer> flat = new ArrayList<>();
        for (Payload p : ps) {
            flat.add(p.type());
            if (p instanceof SaPayload sa) {
                for (ProposalPayload pp : sa.proposals()) {
                    flat.add(2);
                    pp.transforms().forEach(t -> flat.add(3));
                }
            }
        }
        assertEquals(summary(cap).get(number), flat);
    }

    @Test
    void charonMainModeI1() throws Exception {
        IsakmpMessage m = IsakmpMessage.decode(Captures.frame(Captures.PSK, 1).datagram());
        assertEquals(Bytes.fromHex("5a54d2d3cb1733e4"), m.header().initiatorCookie());
        assertTrue(m.header().responderCookie().isAllZero());
        assertEquals(PayloadType.SA.value(), m.header().nextPayload());
        SaPayload sa = m.first(SaPayload.class).orElseThrow();
        assertEquals(Doi.IPSEC, sa.doi());
        assertEquals(Doi.SIT_IDENTITY_ONLY, sa.situation());
        assertEquals(1, sa.proposals().size());
        ProposalPayload p = sa.proposals().get(0);
        assertEquals(ProtocolId.ISAKMP.value(), p.protocolId());
        assertTrue(p.spi().isEmpty());
        assertEquals(3, p.transforms().size());
        TransformPayload aes = p.transforms().get(0);
        assertEquals(KeyTransformId.KEY_IKE.value(), aes.transformId());
        assertEquals(OakleyEncryption.AES_CBC.value(), basic(aes, OakleyAttribute.ENCRYPTION_ALGORITHM.value()));
        assertEquals(128, basic(aes, OakleyAttribute.KEY_LENGTH.value()));
        assertEquals(OakleyHash.SHA.value(), basic(aes, OakleyAttribute.HASH_ALGORITHM.value()));
        assertEquals(OakleyGroupId.MODP2048.value(), basic(aes, OakleyAttribute.GROUP_DESCRIPTION.value()));
        assertEquals(OakleyAuthMethod.PRESHARED_KEY.value(), basic(aes, OakleyAttribute.AUTHENTICATION_METHOD.value()));
        assertEquals(LifeType.SECONDS.value(), basic(aes, OakleyAttribute.LIFE_TYPE.value()));
        assertEquals(15840, aes.attribute(OakleyAttribute.LIFE_DURATION.value()).orElseThrow().numericValue());
        TransformPayload tdes = p.transforms().get(1);
        assertEquals(OakleyEncryption.TRIPLE_DES_CBC.value(), basic(tdes, OakleyAttribute.ENCRYPTION_ALGORITHM.value()));
        assertTrue(tdes.attribute(OakleyAttribute.KEY_LENGTH.value()).isEmpty());
        List<VendorIdPayload> vids = m.all(VendorIdPayload.class);
        assertEquals(6, vids.size());
        assertTrue(vids.contains(new VendorIdPayload(RFC3947_VID)));
        assertTrue(vids.contains(new VendorIdPayload(Bytes.fromHex("afcad71368a1f1c96b8696fc77570100"))), "DPD");
    }

    @Test
    void charonRsaMainModeI1OffersRsaSignatures() throws Exception {
        IsakmpMessage m = IsakmpMessage.decode(Captures.frame(Captures.RSA, 1).datagram());
        TransformPayload t = m.first(SaPayload.class).orElseThrow().proposals().get(0).transforms().get(0);
        assertEquals(OakleyAuthMethod.RSA_SIG.value(), basic(t, OakleyAttribute.AUTHENTICATION_METHOD.value()));
    }

    @Test
    void charonMainModeR1ChoosesOneTransform() throws Exception {
        IsakmpMessage m = IsakmpMessage.decode(Captures.frame(Captures.PSK, 2).datagram());
        assertFalse(m.header().responderCookie().isAllZero());
        ProposalPayload p = m.first(SaPayload.class).orElseThrow().proposals().get(0);
        assertEquals(1, p.transforms().size());
        assertEquals(OakleyEncryption.AES_CBC.value(), basic(p.transforms().get(0), OakleyAttribute.ENCRYPTION_ALGORITHM.value()));
        assertEquals(5, m.all(VendorIdPayload.class).size());
        assertTrue(m.all(VendorIdPayload.class).contains(new VendorIdPayload(RFC3947_VID)));
    }

    @Test
    void charonMainModeI2AndR2CarryKeNonceAndTwoNatD() throws Exception {
        for (String cap : List.of(Captures.PSK, Captures.RSA)) {
            for (int n : new int[] {3, 4}) {
                IsakmpMessage m = IsakmpMessage.decode(Captures.frame(cap, n).datagram());
                assertEquals(PayloadType.KE.value(), m.header().nextPayload());
                assertEquals(256, m.first(KePayload.class).orElseThrow().keyData().length(), "MODP2048 g^x");
                assertEquals(32, m.first(NoncePayload.class).orElseThrow().nonce().length());
                List<NatDPayload> natd = m.all(NatDPayload.class);
                assertEquals(2, natd.size());
                for (NatDPayload d : natd) {
                    assertEquals(PayloadType.NAT_D.value(), d.type());
                    assertEquals(20, d.hash().length(), "SHA-1");
                }
                assertFalse(natd.get(0).equals(natd.get(1)));
            }
        }
    }

    @Test
    void mainModeI3CarriesIdHashAndInitialContact() throws Exception {
        Captures.Frame f = Captures.frame(Captures.PSK, 5);
        IsakmpHeader h = IsakmpHeader.decode(f.datagram());
        IsakmpMessage m = IsakmpMessage.decodeDecrypted(h, f.plaintext());
        IdPayload id = m.first(IdPayload.class).orElseThrow();
        assertEquals(IdType.IPV4_ADDR.value(), id.idType());
        assertEquals(IpAddress.parse("192.0.2.1"), id.address());
        assertEquals(20, m.first(HashPayload.class).orElseThrow().hash().length());
        NotificationPayload n = m.first(NotificationPayload.class).orElseThrow();
        assertEquals(NotifyType.INITIAL_CONTACT.value(), n.notifyType());
        assertEquals(ProtocolId.ISAKMP.value(), n.protocolId());
        assertEquals(h.initiatorCookie().concat(h.responderCookie()), n.spi());
    }

    @Test
    void rsaMainModeI3CarriesASignature() throws Exception {
        Captures.Frame f = Captures.frame(Captures.RSA, 5);
        IsakmpMessage m = IsakmpMessage.decodeDecrypted(IsakmpHeader.decode(f.datagram()), f.plaintext());
        assertEquals(256, m.first(SigPayload.class).orElseThrow().signature().length(), "2048-bit RSA");
    }

    @Test
    void quickModeI1WithPfs() throws Exception {
        Captures.Frame f = Captures.frame(Captures.PSK, 7);
        IsakmpHeader h = IsakmpHeader.decode(f.datagram());
        assertEquals(ExchangeType.QUICK.value(), h.exchangeType());
        assertEquals(0x6c1fd2f0L, h.messageId());
        IsakmpMessage m = IsakmpMessage.decodeDecrypted(h, f.plaintext());
        assertTrue(m.payloads().get(0) instanceof HashPayload, "HASH(1) first");
        ProposalPayload p = m.first(SaPayload.class).orElseThrow().proposals().get(0);
        assertEquals(ProtocolId.IPSEC_ESP.value(), p.protocolId());
        assertEquals(Bytes.fromHex("eda1b008"), p.spi());
        TransformPayload t = p.transforms().get(0);
        assertEquals(EspTransformId.ESP_AES.value(), t.transformId());
        assertEquals(128, basic(t, IpsecAttribute.KEY_LENGTH.value()));
        assertEquals(AuthAlgorithm.HMAC_SHA1.value(), basic(t, IpsecAttribute.AUTH_ALGORITHM.value()));
        assertEquals(EncapsulationMode.UDP_TUNNEL.value(), basic(t, IpsecAttribute.ENCAPSULATION_MODE.value()));
        assertEquals(OakleyGroupId.MODP2048.value(), basic(t, IpsecAttribute.GROUP_DESCRIPTION.value()));
        assertEquals(256, m.first(KePayload.class).orElseThrow().keyData().length());
        List<IdPayload> ids = m.all(IdPayload.class);
        assertEquals(Subnet.parse("198.51.100.0/24"), ids.get(0).subnet());
        assertEquals(Subnet.parse("203.0.113.0/24"), ids.get(1).subnet());
        assertEquals(IdPayload.ofSubnet(Subnet.parse("198.51.100.0/24"), 0, 0), ids.get(0));
    }

    @Test
    void informationalDeletesFromCharon() throws Exception {
        Captures.Frame esp = Captures.frame(Captures.PSK, 16);
        IsakmpMessage m = IsakmpMessage.decodeDecrypted(IsakmpHeader.decode(esp.datagram()), esp.plaintext());
        assertEquals(ExchangeType.INFO.value(), m.header().exchangeType());
        DeletePayload d = m.first(DeletePayload.class).orElseThrow();
        assertEquals(ProtocolId.IPSEC_ESP.value(), d.protocolId());
        assertEquals(List.of(Bytes.fromHex("eda1b008")), d.spis());

        Captures.Frame isakmp = Captures.frame(Captures.PSK, 17);
        IsakmpHeader h = IsakmpHeader.decode(isakmp.datagram());
        DeletePayload d2 = IsakmpMessage.decodeDecrypted(h, isakmp.plaintext()).first(DeletePayload.class).orElseThrow();
        assertEquals(ProtocolId.ISAKMP.value(), d2.protocolId());
        assertEquals(16, d2.spiSize());
        assertEquals(List.of(h.initiatorCookie().concat(h.responderCookie())), d2.spis());
    }

    @Test
    void cleartextDecodeOfTheDecryptedBodyRejectsThePadding() throws Exception {
        Captures.Frame f = Captures.frame(Captures.PSK, 5);
        IsakmpHeader h = IsakmpHeader.decode(f.datagram());
        MalformedMessageException e = org.junit.jupiter.api.Assertions.assertThrows(MalformedMessageException.class,
                () -> PayloadChain.decode(h.nextPayload(), f.plaintext(), false));
        assertEquals(NotifyType.PAYLOAD_MALFORMED, e.notifyType());
        assertTrue(e.detail().contains("16 bytes left over"), e.detail());
    }

    private static int basic(TransformPayload t, int attributeType) throws MalformedMessageException {
        return t.attribute(attributeType).orElseThrow().basicValue();
    }

    /** frame number -> payload types, from the capture's summary (decrypted by the lab's tshark). */
    static Map<Integer, List<Integer>> summary(String capture) {
        String name = "/captures/" + capture.replace(".pcapng", ".summary.txt");
        try (InputStream in = GoldenCaptureTest.class.getResourceAsStream(name)) {
            Map<Integer, List<Integer>> out = new LinkedHashMap<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] cols = line.split("\t");
                out.put(Integer.parseInt(cols[0]),
                        Arrays.stream(cols[cols.length - 1].trim().split(",")).map(Integer::valueOf).toList());
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void summaryListsEveryIsakmpFrame() {
        for (String cap : List.of(Captures.PSK, Captures.RSA)) {
            assertArrayEquals(summary(cap).keySet().toArray(),
                    Captures.frames(cap).stream().map(Captures.Frame::number).toArray());
        }
    }
}
