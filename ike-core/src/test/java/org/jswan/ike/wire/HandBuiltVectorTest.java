package org.jswan.ike.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jswan.ike.base.Bytes;
import org.jswan.ike.base.IpAddress;
import org.jswan.ike.base.Subnet;
import org.junit.jupiter.api.Test;

/**
 * Vectors written by hand from the RFC diagrams, one or more per payload type: each decodes to
 * the expected record and the record encodes back to the same bytes.
 */
class HandBuiltVectorTest {
    static Bytes hex(String... parts) {
        return Bytes.fromHex(String.join("", parts));
    }

    /** Decodes {@code wire} as a chain starting with {@code first}, checks it is {@code expected}, re-encodes. */
    static void roundTrip(int first, Bytes wire, Payload... expected) throws MalformedMessageException {
        List<Payload> got = PayloadChain.decode(first, wire, false);
        assertEquals(List.of(expected), got);
        assertEquals(wire, PayloadChain.encode(got));
    }

    @Test
    void phase1SaWithBasicVariableAndUnknownAttributes() throws Exception {
        Bytes wire = hex(
                "00000047", "00000001", "00000001",               // SA: next 0, len 71, DOI IPsec, SIT_IDENTITY_ONLY
                "0000003b", "01010001",                           // P: last, len 59, #1, PROTO_ISAKMP, SPI size 0, 1 transform
                "00000033", "01010000",                           // T: last, len 51, #1, KEY_IKE, RESERVED2
                "80010007", "800e0080", "80020002", "8004000e",   // AES, key length 128, SHA, MODP2048
                "80030001", "800b0001",                           // PSK, seconds
                "000c0004" + "00015180",                          // life duration 86400 as TLV
                "c0001234",                                       // unknown class 0x4000, TV
                "40010003" + "aabbcc");                           // unknown class 0x4001, TLV of odd length 3
        TransformPayload t = new TransformPayload(1, KeyTransformId.KEY_IKE.value(), List.of(
                SaAttribute.basic(1, 7), SaAttribute.basic(14, 128), SaAttribute.basic(2, 2), SaAttribute.basic(4, 14),
                SaAttribute.basic(3, 1), SaAttribute.basic(11, 1), SaAttribute.number(12, 86400),
                SaAttribute.basic(0x4000, 0x1234), SaAttribute.variable(0x4001, hex("aabbcc"))));
        SaPayload sa = SaPayload.ipsec(List.of(new ProposalPayload(1, ProtocolId.ISAKMP.value(), Bytes.EMPTY, List.of(t))));
        roundTrip(PayloadType.SA.value(), wire, sa);
        assertEquals(86400, t.attribute(12).orElseThrow().numericValue());
        assertEquals(wire.slice(4), PayloadChain.encodeBody(sa), "SAi_b is the body without the generic header");
    }

    @Test
    void phase2SaWithEspAhAndIpcompProposals() throws Exception {
        Bytes wire = hex(
                "0000005e", "00000001", "00000001",             // SA len 94
                "02000024", "01030402", "11223344",             // P #1 ESP, SPI size 4, 2 transforms, more P follow
                "03000010", "010c0000", "80060100", "80040001", // T #1 ESP_AES, key length 256, tunnel
                "00000008", "02030000",                         // T #2 ESP_3DES, no attributes
                "02000018", "01020401", "55667788",             // P #1 AH (AND-ed with ESP)
                "0000000c", "01030000", "80050002",             // T #1 AH_SHA, HMAC_SHA1
                "00000016", "02040201", "0102",                 // P #2 IPCOMP, 2-byte CPI
                "0000000c", "01020000", "80040002");            // T #1 IPCOMP_DEFLATE, transport
        SaPayload sa = SaPayload.ipsec(List.of(
                new ProposalPayload(1, ProtocolId.IPSEC_ESP.value(), hex("11223344"), List.of(
                        new TransformPayload(1, EspTransformId.ESP_AES.value(),
                                List.of(SaAttribute.basic(IpsecAttribute.KEY_LENGTH.value(), 256),
                                        SaAttribute.basic(IpsecAttribute.ENCAPSULATION_MODE.value(), 1))),
                        new TransformPayload(2, EspTransformId.ESP_3DES.value(), List.of()))),
                new ProposalPayload(1, ProtocolId.IPSEC_AH.value(), hex("55667788"), List.of(
                        new TransformPayload(1, AhTransformId.AH_SHA.value(),
                                List.of(SaAttribute.basic(IpsecAttribute.AUTH_ALGORITHM.value(), 2))))),
                new ProposalPayload(2, ProtocolId.IPCOMP.value(), hex("0102"), List.of(
                        new TransformPayload(1, IpcompTransformId.IPCOMP_DEFLATE.value(),
                                List.of(SaAttribute.basic(IpsecAttribute.ENCAPSULATION_MODE.value(), 2)))))));
        roundTrip(PayloadType.SA.value(), wire, sa);
    }

    @Test
    void keHashSigNonceVendorId() throws Exception {
        Bytes wire = hex(
                "0800000c", "0102030405060708",           // KE: 8 bytes, next HASH
                "09000008", "a1a2a3a4",                   // HASH: 4 bytes, next SIG
                "0a000009", "b1b2b3b4b5",                 // SIG: 5 bytes, next NONCE
                "0d00000c", "c1c2c3c4c5c6c7c8",           // NONCE: 8 bytes, next VID
                "00000014", "4a131c81070358455c5728f20e95452f"); // VID RFC 3947
        roundTrip(PayloadType.KE.value(), wire,
                new KePayload(hex("0102030405060708")), new HashPayload(hex("a1a2a3a4")), new SigPayload(hex("b1b2b3b4b5")),
                new NoncePayload(hex("c1c2c3c4c5c6c7c8")), new VendorIdPayload(hex("4a131c81070358455c5728f20e95452f")));
    }

    @Test
    void emptyBodiesFrameCorrectly() throws Exception {
        roundTrip(PayloadType.KE.value(), hex("08000004", "0a000004", "00000004"),
                new KePayload(Bytes.EMPTY), new HashPayload(Bytes.EMPTY), new NoncePayload(Bytes.EMPTY));
    }

    @Test
    void identificationPayloads() throws Exception {
        Bytes wire = hex(
                "05000018", "021101f4", "656173742e6578616d706c652e636f6d", // ID_FQDN east.example.com, UDP/500
                "05000018", "03000000", "726f6f74406578616d706c652e6f7267", // ID_USER_FQDN root@example.org
                "05000028", "06000000", "20010db8000000000000000000000000", "ffffffffffffffff0000000000000000", // v6 subnet /64
                "00000010", "07000000", "c0000201c00002fe");                   // ID_IPV4_ADDR_RANGE
        IdPayload fqdn = new IdPayload(IdType.FQDN.value(), 17, 500, Bytes.copyOf("east.example.com".getBytes(StandardCharsets.US_ASCII)));
        IdPayload user = new IdPayload(IdType.USER_FQDN.value(), 0, 0, Bytes.copyOf("root@example.org".getBytes(StandardCharsets.US_ASCII)));
        IdPayload v6 = IdPayload.ofSubnet(Subnet.parse("2001:db8::/64"), 0, 0);
        IdPayload range = new IdPayload(IdType.IPV4_ADDR_RANGE.value(), 0, 0, hex("c0000201c00002fe"));
        roundTrip(PayloadType.ID.value(), wire, fqdn, user, v6, range);
        assertEquals(Subnet.parse("2001:db8::/64"), v6.subnet());
    }

    @Test
    void idHelpersCheckLengthsAndMasks() throws Exception {
        assertEquals(IpAddress.parse("192.0.2.7"), IdPayload.ofAddress(IpAddress.parse("192.0.2.7")).address());
        assertEquals(Subnet.parse("192.0.2.7/32"), IdPayload.ofAddress(IpAddress.parse("192.0.2.7")).subnet());
        IdPayload short3 = new IdPayload(IdType.IPV4_ADDR.value(), 0, 0, hex("c00002"));
        assertEquals(NotifyType.INVALID_ID_INFORMATION, assertThrows(MalformedMessageException.class, short3::address).notifyType());
        IdPayload subnet7 = new IdPayload(IdType.IPV4_ADDR_SUBNET.value(), 0, 0, hex("c0000200ffffff"));
        assertEquals(NotifyType.INVALID_ID_INFORMATION, assertThrows(MalformedMessageException.class, subnet7::subnet).notifyType());
        IdPayload holes = new IdPayload(IdType.IPV4_ADDR_SUBNET.value(), 0, 0, hex("c0000200ff00ff00"));
        MalformedMessageException e = assertThrows(MalformedMessageException.class, holes::subnet);
        assertTrue(e.detail().contains("not contiguous"), e.detail());
        IdPayload fqdn = new IdPayload(IdType.FQDN.value(), 0, 0, hex("61"));
        assertThrows(MalformedMessageException.class, fqdn::address);
    }

    @Test
    void certificateAndCertificateRequest() throws Exception {
        Bytes wire = hex(
                "0700000a", "04", "3003020100",   // CERT X509_SIGNATURE, 5 bytes of DER
                "07000008", "04", "300100",       // CR X509_SIGNATURE with a 3-byte authority
                "00000005", "01");                // CR PKCS7, any authority
        roundTrip(PayloadType.CERT.value(), wire,
                new CertPayload(CertEncoding.X509_SIGNATURE.value(), hex("3003020100")),
                new CertReqPayload(CertEncoding.X509_SIGNATURE.value(), hex("300100")),
                new CertReqPayload(CertEncoding.PKCS7_WRAPPED_X509.value(), Bytes.EMPTY));
    }

    @Test
    void notifications() throws Exception {
        Bytes cookies = hex("0011223344556677", "8899aabbccddeeff");
        Bytes wire = hex(
                "0b000020", "00000001", "01108d28", cookies.toHex(), "0000002a", // R_U_THERE, ISAKMP SPI, seq 42
                "0b00000c", "00000001", "0100000e",                              // NO_PROPOSAL_CHOSEN, no SPI
                "00000014", "00000001", "03046000", "12345678", "80020e10");     // RESPONDER_LIFETIME, ESP, 3600 s
        roundTrip(PayloadType.N.value(), wire,
                new NotificationPayload(Doi.IPSEC, 1, cookies, NotifyType.R_U_THERE.value(), hex("0000002a")),
                NotificationPayload.of(NotifyType.NO_PROPOSAL_CHOSEN, ProtocolId.ISAKMP, Bytes.EMPTY),
                new NotificationPayload(Doi.IPSEC, 3, hex("12345678"), NotifyType.RESPONDER_LIFETIME.value(), hex("80020e10")));
    }

    @Test
    void deletes() throws Exception {
        Bytes wire = hex(
                "0c000014", "00000001", "03040002", "11111111", "22222222",              // ESP, 2 SPIs
                "0c00001c", "00000001", "01100001", "00112233445566778899aabbccddeeff",  // ISAKMP, cookie pair
                "0000000c", "00000001", "02040000");                                     // AH, zero SPIs
        roundTrip(PayloadType.D.value(), wire,
                new DeletePayload(Doi.IPSEC, 3, 4, List.of(hex("11111111"), hex("22222222"))),
                new DeletePayload(Doi.IPSEC, 1, 16, List.of(hex("00112233445566778899aabbccddeeff"))),
                new DeletePayload(Doi.IPSEC, 2, 4, List.of()));
    }

    @Test
    void natTraversalPayloadsInRfcAndDraftNumbers() throws Exception {
        Bytes wire = hex(
                "82000018", "0f65528202cf8cea633725e13da9e0126e9a91e1",  // NAT-D (20), next NAT-D draft
                "15000018", "3e4cc68cf57d58a7f6ade923b0419250e9c75cab",  // NAT-D (130), next NAT-OA
                "8300000c", "01000000", "c0a80001",                      // NAT-OA (21) IPv4 192.168.0.1
                "00000018", "05000000", "20010db8000000000000000000000001"); // NAT-OA (131) IPv6
        roundTrip(PayloadType.NAT_D.value(), wire,
                NatDPayload.of(hex("0f65528202cf8cea633725e13da9e0126e9a91e1")),
                new NatDPayload(130, hex("3e4cc68cf57d58a7f6ade923b0419250e9c75cab")),
                NatOaPayload.of(IpAddress.parse("192.168.0.1")),
                new NatOaPayload(131, IdType.IPV6_ADDR.value(), IpAddress.parse("2001:db8::1").bytes()));
    }

    @Test
    void modeConfigAttributes() throws Exception {
        Bytes wire = hex("00000014", "01001234", "c0880000", "40890000", "408a0000");
        roundTrip(PayloadType.ATTR.value(), wire, new AttrPayload(AttrPayload.CFG_REQUEST, 0x1234, List.of(
                SaAttribute.basic(16520, 0), SaAttribute.variable(16521, Bytes.EMPTY), SaAttribute.variable(16522, Bytes.EMPTY))));
    }

    @Test
    void unknownPayloadTypesRoundTripUnchanged() throws Exception {
        Bytes wire = hex(
                "84000008", "deadbeef",  // SAK (15): never read as NAT-D (CVE-2015-3204)
                "21000005", "ff",        // FRAG (132)
                "c8000004",              // IKEv2 SA number 33 inside IKEv1
                "00000006", "0102");     // private-use 200
        roundTrip(15, wire, new UnknownPayload(15, hex("deadbeef")), new UnknownPayload(132, hex("ff")),
                new UnknownPayload(33, Bytes.EMPTY), new UnknownPayload(200, hex("0102")));
    }

    @Test
    void proposalAndTransformAtTheOuterLevelDecodeAsSuch() throws Exception {
        // The engine refuses these as unexpected (INVALID_PAYLOAD_TYPE); the codec just frames them.
        roundTrip(PayloadType.P.value(), hex("03000010", "01010001", "00000008", "01010000", "00000008", "02010000"),
                new ProposalPayload(1, 1, Bytes.EMPTY, List.of(new TransformPayload(1, 1, List.of()))),
                new TransformPayload(2, 1, List.of()));
    }

    @Test
    void wholeMessageEncodeFillsNextPayloadAndLength() throws Exception {
        IsakmpHeader h = IsakmpHeader.of(hex("0102030405060708"), Bytes.zeros(8), ExchangeType.INFO.value(), 0, 0x01020304L);
        IsakmpMessage m = new IsakmpMessage(h, List.of(
                NotificationPayload.of(NotifyType.INVALID_PAYLOAD_TYPE, ProtocolId.ISAKMP, Bytes.EMPTY)));
        Bytes wire = hex("0102030405060708", "0000000000000000", "0b", "10", "05", "00", "01020304", "00000028",
                "0000000c", "00000001", "01000001");
        assertEquals(wire, m.encode());
        IsakmpMessage back = IsakmpMessage.decode(wire);
        assertEquals(PayloadType.N.value(), back.header().nextPayload());
        assertEquals(40, back.header().length());
        assertEquals(m.payloads(), back.payloads());
        assertEquals(back.header(), h.withNextPayload(11).withLength(40));
    }

    @Test
    void reservedHeaderFlagsAreKept() throws Exception {
        Bytes wire = hex("0102030405060708", "1112131415161718", "00", "10", "02", "f8", "00000000", "0000001c");
        IsakmpMessage m = IsakmpMessage.decode(wire);
        assertEquals(0xf8, m.header().flags());
        assertEquals(0xf8, m.header().reservedFlags());
        assertEquals(wire, m.encode());
        IsakmpHeader commit = IsakmpHeader.decode(hex("0102030405060708", "1112131415161718", "00", "10", "02", "06",
                "00000000", "0000001c"));
        assertTrue(commit.commit());
        assertTrue(commit.authOnly());
    }

    @Test
    void numericAttributesUseTheShortestForm() throws Exception {
        assertEquals(new SaAttribute(2, true, hex("ffff")), SaAttribute.number(2, 0xffff));
        assertEquals(new SaAttribute(2, false, hex("00010000")), SaAttribute.number(2, 0x10000));
        assertEquals(new SaAttribute(2, false, hex("ffffffff")), SaAttribute.number(2, 0xffffffffL));
        assertEquals(new SaAttribute(2, false, hex("0000000100000000")), SaAttribute.number(2, 0x100000000L));
        assertEquals(0x100000000L, SaAttribute.number(2, 0x100000000L).numericValue());
        assertEquals(0xabcdef, SaAttribute.variable(2, hex("abcdef")).numericValue());
        assertEquals(Long.MAX_VALUE, SaAttribute.variable(2, hex("8000000000000000")).numericValue());
        MalformedMessageException nine = assertThrows(MalformedMessageException.class,
                () -> SaAttribute.variable(2, hex("000000000000000001")).numericValue());
        assertEquals(NotifyType.ATTRIBUTES_NOT_SUPPORTED, nine.notifyType());
        assertEquals(NotifyType.ATTRIBUTES_NOT_SUPPORTED, assertThrows(MalformedMessageException.class,
                () -> SaAttribute.variable(2, Bytes.EMPTY).numericValue()).notifyType());
        assertEquals(NotifyType.ATTRIBUTES_NOT_SUPPORTED, assertThrows(MalformedMessageException.class,
                () -> SaAttribute.variable(1, hex("0007")).basicValue()).notifyType());
    }
}
