package org.jswan.ike.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.jswan.ike.base.Bytes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The wire-level cases of the malformed-input battery (security-and-users.md §A3.2: header /
 * framing, payload chain, SA / proposals / attributes, Delete): each is a
 * {@link MalformedMessageException} with the notification named, or, where the battery puts the
 * decision with the engine, a clean decode.
 */
class MalformedBatteryTest {
    private static final String ICOOKIE = "0102030405060708";
    private static final String RCOOKIE = "0000000000000000";

    // ---- builders: lengths are computed, so each case breaks exactly one thing ----

    static String u8(int v) {
        return String.format("%02x", v);
    }

    static String u16(int v) {
        return String.format("%04x", v);
    }

    static String u32(long v) {
        return String.format("%08x", v);
    }

    static int len(String hex) {
        return hex.length() / 2;
    }

    /** A generic payload: next, RESERVED 0, computed length, body. */
    static String payload(int next, String body) {
        return u8(next) + "00" + u16(4 + len(body)) + body;
    }

    static String transform(int next, int number, int id, String attrs) {
        return payload(next, u8(number) + u8(id) + "0000" + attrs);
    }

    static String proposal(int next, int number, int proto, String spi, int count, String transforms) {
        return payload(next, u8(number) + u8(proto) + u8(len(spi)) + u8(count) + spi + transforms);
    }

    static String sa(long doi, long situation, String proposals) {
        return u32(doi) + u32(situation) + proposals;
    }

    static final String AES_TRANSFORM_ATTRS = "80010007" + "800e0080" + "80020002" + "8004000e" + "80030001";

    static String goodProposal() {
        return proposal(0, 1, 1, "", 1, transform(0, 1, 1, AES_TRANSFORM_ATTRS));
    }

    /** A datagram: header (next = {@code first}, length correct) and the given chain. */
    static Bytes message(int first, String chain) {
        return Bytes.fromHex(ICOOKIE + RCOOKIE + u8(first) + "10" + "02" + "00" + "00000000" + u32(28 + len(chain)) + chain);
    }

    /** A datagram whose only payload is an SA with {@code body}. */
    static Bytes saMessage(String body) {
        return message(1, payload(0, body));
    }

    static MalformedMessageException rejects(NotifyType expected, Bytes datagram) {
        MalformedMessageException e = assertThrows(MalformedMessageException.class, () -> IsakmpMessage.decode(datagram));
        assertEquals(expected, e.notifyType(), e.detail());
        assertTrue(e.detail().length() < 512, "bounded detail");
        assertEquals(e.detail(), e.getMessage());
        return e;
    }

    static IsakmpMessage accepts(Bytes datagram) throws MalformedMessageException {
        IsakmpMessage m = IsakmpMessage.decode(datagram);
        assertEquals(datagram, m.encode(), "canonical");
        return m;
    }

    @Test
    void theBaseMessageIsValid() throws Exception {
        accepts(saMessage(sa(1, 1, goodProposal())));
    }

    // ---- header / framing ----

    @Test
    void runtsOf0To27BytesAreTooShort() {
        Bytes good = saMessage(sa(1, 1, goodProposal()));
        for (int n = 0; n < 28; n++) {
            MalformedMessageException e = rejects(NotifyType.PAYLOAD_MALFORMED, good.slice(0, n));
            assertTrue(e.detail().contains("too short"), e.detail());
        }
    }

    @Test
    void headerLengthMustBeTheDatagramSize() {
        Bytes good = saMessage(sa(1, 1, goodProposal()));
        int size = good.length();
        for (long bad : new long[] {size - 1, size + 1, 0, 28, 0xffffffffL}) {
            Bytes d = good.slice(0, 24).concat(Bytes.u32(bad)).concat(good.slice(28));
            MalformedMessageException e = rejects(NotifyType.UNEQUAL_PAYLOAD_LENGTHS, d);
            assertEquals("size (" + size + ") differs from size specified in ISAKMP HDR (" + bad + ")", e.detail());
        }
        // a bare header claiming payloads
        rejects(NotifyType.UNEQUAL_PAYLOAD_LENGTHS, good.slice(0, 28));
    }

    @Test
    void datagramLongerThanItsHeaderSaysIsRejected() {
        Bytes good = saMessage(sa(1, 1, goodProposal()));
        rejects(NotifyType.UNEQUAL_PAYLOAD_LENGTHS, good.concat(Bytes.of(0)));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 2, 3, 15})
    void majorVersionOtherThan1(int major) {
        Bytes d = withByte(saMessage(sa(1, 1, goodProposal())), 17, major << 4);
        MalformedMessageException e = rejects(NotifyType.INVALID_MAJOR_VERSION, d);
        if (major == 2) {
            assertTrue(e.detail().contains("IKEv2"), e.detail());
        }
    }

    @Test
    void minorVersions1To15() {
        for (int minor = 1; minor <= 15; minor++) {
            rejects(NotifyType.INVALID_MINOR_VERSION, withByte(saMessage(sa(1, 1, goodProposal())), 17, 0x10 | minor));
        }
    }

    @Test
    void ikev2HeaderIsNotParsedAsIkev2() {
        // IKE_SA_INIT: next SA(33), version 2.0, exchange 34, flags I
        Bytes v2 = Bytes.fromHex(ICOOKIE + RCOOKIE + "21" + "20" + "22" + "08" + "00000000" + "0000001c");
        rejects(NotifyType.INVALID_MAJOR_VERSION, v2);
    }

    @Test
    void anyExchangeTypeFramesItIsTheEnginesToRefuse() throws Exception {
        for (int x : new int[] {0, 1, 3, 4, 6, 33, 34, 37, 38, 255}) {
            assertEquals(x, accepts(withByte(saMessage(sa(1, 1, goodProposal())), 18, x)).header().exchangeType());
        }
    }

    @Test
    void reservedFlagBitsAreIgnoredNotRejected() throws Exception {
        for (int flags : new int[] {0x08, 0x10, 0x80, 0xf8, 0x02}) {
            assertEquals(flags, accepts(withByte(saMessage(sa(1, 1, goodProposal())), 19, flags)).header().flags());
        }
    }

    @Test
    void encryptedFlagYieldsNoPayloadsAndTheBodyIsChecked() throws Exception {
        Bytes d = withByte(message(13, payload(0, "aabbccdd")), 19, 0x01);
        IsakmpMessage m = IsakmpMessage.decode(d);
        assertTrue(m.payloads().isEmpty());
        assertEquals(d.slice(28), IsakmpMessage.encryptedBody(d));
        assertEquals(8, IsakmpMessage.encryptedBody(d, 8).length());
        // 8 bytes of body: not whole AES blocks
        MalformedMessageException e = assertThrows(MalformedMessageException.class, () -> IsakmpMessage.encryptedBody(d, 16));
        assertTrue(e.detail().contains("not a multiple of encryption blocksize"), e.detail());
        Bytes empty = Bytes.fromHex(ICOOKIE + RCOOKIE + "08" + "10" + "02" + "01" + "00000000" + "0000001c");
        assertEquals(NotifyType.PAYLOAD_MALFORMED,
                assertThrows(MalformedMessageException.class, () -> IsakmpMessage.encryptedBody(empty, 8)).notifyType());
    }

    // ---- payload chain ----

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3})
    void payloadLengthBelow4(int length) {
        String vid = "0000" + u16(length) + "aabbccdd";
        MalformedMessageException e = rejects(NotifyType.PAYLOAD_MALFORMED, message(13, vid));
        assertTrue(e.detail().contains("less than the 4-byte generic payload header"), e.detail());
    }

    @Test
    void payloadLengthRunningPastTheMessage() {
        String body = "aabbccdd";
        for (int over : new int[] {1, 64, 0xffff - 8}) {
            Bytes d = message(13, "0000" + u16(8 + over) + body);
            MalformedMessageException e = rejects(NotifyType.PAYLOAD_MALFORMED, d);
            assertEquals("Vendor ID payload length " + (8 + over) + " runs past the end of the message (8 bytes left)", e.detail());
        }
        MalformedMessageException sa = rejects(NotifyType.PAYLOAD_MALFORMED, message(1, "00000028" + u32(1) + u32(1) + "0000000000000000" + "00000000"));
        assertEquals("SA payload length 40 runs past the end of the message (24 bytes left)", sa.detail());
    }

    @Test
    void reservedByteOfTheGenericHeaderMustBeZero() {
        for (int r = 1; r < 256; r <<= 1) {
            MalformedMessageException e = rejects(NotifyType.PAYLOAD_MALFORMED, message(13, "00" + u8(r) + "0008aabbccdd"));
            assertTrue(e.detail().contains("RESERVED"), e.detail());
        }
    }

    @Test
    void trailingBytesAfterTheLastPayload() {
        String vid = payload(0, "aabbccdd");
        rejects(NotifyType.PAYLOAD_MALFORMED, message(13, vid + "00"));
        MalformedMessageException e = rejects(NotifyType.PAYLOAD_MALFORMED, message(0, vid));
        assertTrue(e.detail().contains("left over"), e.detail());
    }

    @Test
    void cve2022_23094ShapeVidOfLength1ThenTheMessageAgain() {
        Bytes first = message(1, payload(13, sa(1, 1, goodProposal())) + "0000" + "0001" + "aabbccdd");
        Bytes doubled = first.concat(first);
        Bytes d = doubled.slice(0, 24).concat(Bytes.u32(doubled.length())).concat(doubled.slice(28));
        rejects(NotifyType.PAYLOAD_MALFORMED, d);
        // and a well-formed message with a second copy appended
        Bytes ok = message(13, payload(0, "aabbccdd"));
        Bytes twice = ok.concat(ok);
        rejects(NotifyType.PAYLOAD_MALFORMED, twice.slice(0, 24).concat(Bytes.u32(twice.length())).concat(twice.slice(28)));
    }

    @Test
    void chainAnnouncesAPayloadThatIsNotThere() {
        MalformedMessageException e = rejects(NotifyType.PAYLOAD_MALFORMED, message(13, payload(10, "aabbccdd")));
        assertTrue(e.detail().contains("Nonce payload header needs 4 bytes"), e.detail());
        rejects(NotifyType.PAYLOAD_MALFORMED, message(13, payload(10, "aabbccdd") + "0a00"));
    }

    @Test
    void zeroLengthBodies() throws Exception {
        rejects(NotifyType.PAYLOAD_MALFORMED, message(1, payload(0, "")));   // SA needs DOI + situation
        rejects(NotifyType.PAYLOAD_MALFORMED, message(5, payload(0, "")));   // ID needs type/protocol/port
        rejects(NotifyType.PAYLOAD_MALFORMED, message(6, payload(0, "")));   // CERT needs its encoding
        rejects(NotifyType.PAYLOAD_MALFORMED, message(11, payload(0, "")));  // N needs DOI ... type
        rejects(NotifyType.PAYLOAD_MALFORMED, message(12, payload(0, "")));  // D needs DOI ... count
        rejects(NotifyType.PAYLOAD_MALFORMED, message(21, payload(0, "")));  // NAT-OA needs its ID type
        rejects(NotifyType.PAYLOAD_MALFORMED, message(14, payload(0, "")));  // ATTR needs type/identifier
        // KE, NONCE, HASH, SIG: framing is fine, the length is the engine's to judge
        for (int t : new int[] {4, 8, 9, 10, 13, 20}) {
            assertEquals(1, accepts(message(t, payload(0, ""))).payloads().size());
        }
    }

    @Test
    void shortIdNotificationAndDeleteFixedParts() {
        rejects(NotifyType.PAYLOAD_MALFORMED, message(5, payload(0, "0100")));
        rejects(NotifyType.PAYLOAD_MALFORMED, message(11, payload(0, u32(1) + "0100")));
        rejects(NotifyType.PAYLOAD_MALFORMED, message(12, payload(0, u32(1) + "0304")));
        // SPI size running past the Notification
        MalformedMessageException e = rejects(NotifyType.PAYLOAD_MALFORMED, message(11, payload(0, u32(1) + "01ff" + u16(14) + "0102")));
        assertTrue(e.detail().contains("SPI needs 255 bytes"), e.detail());
    }

    @Test
    void payloadCountIsCappedAt64() throws Exception {
        for (int n : new int[] {29, 30, 31, 64}) {
            assertEquals(n, accepts(message(13, vids(n))).payloads().size());
        }
        for (int n : new int[] {65, 1000}) {
            MalformedMessageException e = rejects(NotifyType.PAYLOAD_MALFORMED, message(13, vids(n)));
            assertEquals("more than 64 payloads in message; ignored", e.detail());
        }
        // 1,000 payloads filling a 65 KiB datagram
        StringBuilder big = new StringBuilder();
        for (int i = 0; i < 1000; i++) {
            big.append(payload(i + 1 < 1000 ? 13 : 0, "00".repeat(61)));
        }
        assertTrue(len(big.toString()) > 64000);
        rejects(NotifyType.PAYLOAD_MALFORMED, message(13, big.toString()));
    }

    static String vids(int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append(payload(i + 1 < n ? 13 : 0, u32(i)));
        }
        return sb.toString();
    }

    @Test
    void unknownAndUnexpectedPayloadTypesFrameAsUnknownPayload() throws Exception {
        int[] types = {15, 16, 17, 18, 19, 22, 33, 40, 53, 100, 127, 132, 133, 200, 255};
        for (int t : types) {
            IsakmpMessage m = accepts(message(t, payload(0, "00112233")));
            UnknownPayload u = assertInstanceOf(UnknownPayload.class, m.payloads().get(0));
            assertEquals(t, u.type());
        }
        // SIG in a first message, SA in INFO: framing is fine, the engine says INVALID_PAYLOAD_TYPE
        assertInstanceOf(SigPayload.class, accepts(message(9, payload(1, "00") + payload(0, sa(1, 1, goodProposal())))).payloads().get(0));
    }

    // ---- SA / proposals / transforms / attributes ----

    @ParameterizedTest
    @ValueSource(longs = {0, 2, 3, 0xffffffffL})
    void doiOtherThanIpsec(long doi) {
        MalformedMessageException e = rejects(NotifyType.DOI_NOT_SUPPORTED, saMessage(sa(doi, 1, goodProposal())));
        assertTrue(e.detail().contains("DOI"), e.detail());
    }

    @ParameterizedTest
    @ValueSource(longs = {2, 3, 4, 5, 6, 7, 8, 0x80000000L, 0xffffffffL})
    void situationsOtherThanIdentityOnly(long situation) {
        MalformedMessageException e = rejects(NotifyType.SITUATION_NOT_SUPPORTED, saMessage(sa(1, situation, goodProposal())));
        assertTrue(e.detail().length() < 120, e.detail());
        if (situation == 0xffffffffL) {
            assertEquals("unsupported IPsec DOI situation (SIT_IDENTITY_ONLY+SIT_SECRECY+SIT_INTEGRITY+0xfffffff8)", e.detail());
        }
    }

    @Test
    void situationZeroFramesItIsTheEnginesToRefuse() throws Exception {
        assertEquals(0, accepts(saMessage(sa(1, 0, goodProposal()))).first(SaPayload.class).orElseThrow().situation());
    }

    @Test
    void truncatedSituation() {
        rejects(NotifyType.PAYLOAD_MALFORMED, saMessage(u32(1) + "0000"));
    }

    @Test
    void saWithoutProposals() {
        MalformedMessageException e = rejects(NotifyType.BAD_PROPOSAL_SYNTAX, saMessage(sa(1, 1, "")));
        assertTrue(e.detail().contains("no Proposal"), e.detail());
    }

    @Test
    void proposalNextPayloadMustBe2Or0() {
        String bad = proposal(5, 1, 1, "", 1, transform(0, 1, 1, AES_TRANSFORM_ATTRS));
        rejects(NotifyType.BAD_PROPOSAL_SYNTAX, saMessage(sa(1, 1, bad)));
        // says another proposal follows, but none does
        rejects(NotifyType.BAD_PROPOSAL_SYNTAX, saMessage(sa(1, 1, proposal(2, 1, 1, "", 1, transform(0, 1, 1, "")))));
    }

    @Test
    void transformNextPayloadMustBe3Or0() {
        rejects(NotifyType.BAD_PROPOSAL_SYNTAX, saMessage(sa(1, 1, proposal(0, 1, 1, "", 1, transform(2, 1, 1, "")))));
        rejects(NotifyType.BAD_PROPOSAL_SYNTAX, saMessage(sa(1, 1, proposal(0, 1, 1, "", 1, transform(3, 1, 1, "")))));
    }

    @Test
    void transformCountMustMatchTheTransformsPresent() {
        String one = transform(0, 1, 1, AES_TRANSFORM_ATTRS);
        String two = transform(3, 1, 1, AES_TRANSFORM_ATTRS) + transform(0, 2, 1, "");
        for (int declared : new int[] {0, 2, 3, 255}) {
            MalformedMessageException e = rejects(NotifyType.BAD_PROPOSAL_SYNTAX,
                    saMessage(sa(1, 1, proposal(0, 1, 1, "", declared, one))));
            assertTrue(e.detail().contains("proposal #1"), e.detail());
        }
        MalformedMessageException e = rejects(NotifyType.BAD_PROPOSAL_SYNTAX, saMessage(sa(1, 1, proposal(0, 1, 1, "", 1, two))));
        assertEquals("proposal #1 says it has 1 transform but more than 1 are present", e.detail());
        MalformedMessageException e2 = rejects(NotifyType.BAD_PROPOSAL_SYNTAX, saMessage(sa(1, 1, proposal(0, 1, 1, "", 3, two))));
        assertEquals("proposal #1 says it has 3 transforms but 2 are present", e2.detail());
    }

    @Test
    void proposalCountLargeIsBoundedByTheSaLength() throws Exception {
        StringBuilder ps = new StringBuilder();
        for (int i = 0; i < 255; i++) {
            ps.append(proposal(i + 1 < 255 ? 2 : 0, i + 1, 1, "", 1, transform(0, 1, 1, "80010007")));
        }
        assertEquals(255, accepts(saMessage(sa(1, 1, ps.toString()))).first(SaPayload.class).orElseThrow().proposals().size());
    }

    @Test
    void proposalAndTransformLengthsInconsistentWithTheSa() {
        String t = transform(0, 1, 1, AES_TRANSFORM_ATTRS);
        String p = goodProposal();
        // proposal length one more than what the SA holds
        String longer = p.substring(0, 4) + u16(len(p) + 1) + p.substring(8);
        rejects(NotifyType.BAD_PROPOSAL_SYNTAX, saMessage(sa(1, 1, longer)));
        // proposal length shorter than its own fixed fields
        rejects(NotifyType.BAD_PROPOSAL_SYNTAX, saMessage(sa(1, 1, "00000006" + "0101")));
        // proposal length that cuts its transform short, rest left in the SA
        String cut = p.substring(0, 4) + u16(len(p) - 4) + p.substring(8);
        rejects(NotifyType.BAD_PROPOSAL_SYNTAX, saMessage(sa(1, 1, cut)));
        // transform length running past the proposal
        String tLong = t.substring(0, 4) + u16(len(t) + 4) + t.substring(8);
        rejects(NotifyType.BAD_PROPOSAL_SYNTAX, saMessage(sa(1, 1, proposal(0, 1, 1, "", 1, tLong))));
        // transform length 3
        rejects(NotifyType.BAD_PROPOSAL_SYNTAX, saMessage(sa(1, 1, proposal(0, 1, 1, "", 1, "00000003" + "01010000"))));
        // bytes after the last proposal
        rejects(NotifyType.BAD_PROPOSAL_SYNTAX, saMessage(sa(1, 1, p + "00")));
        // bytes after the last transform, inside the proposal
        rejects(NotifyType.BAD_PROPOSAL_SYNTAX, saMessage(sa(1, 1, proposal(0, 1, 1, "", 1, t + "0000"))));
        // transform too short for its fixed fields
        rejects(NotifyType.BAD_PROPOSAL_SYNTAX, saMessage(sa(1, 1, proposal(0, 1, 1, "", 1, payload(0, "0101")))));
    }

    @Test
    void reservedFieldsInsideTheSaMustBeZero() {
        String p = goodProposal();
        rejects(NotifyType.BAD_PROPOSAL_SYNTAX, saMessage(sa(1, 1, p.substring(0, 2) + "01" + p.substring(4))));
        String t = transform(0, 1, 1, "80010007");
        String tBad = t.substring(0, 12) + "0001" + t.substring(16);
        MalformedMessageException e = rejects(NotifyType.BAD_PROPOSAL_SYNTAX, saMessage(sa(1, 1, proposal(0, 1, 1, "", 1, tBad))));
        assertTrue(e.detail().contains("RESERVED2"), e.detail());
    }

    @Test
    void spiSizesPerProtocol() throws Exception {
        String t = transform(0, 1, 1, "");
        for (int size : new int[] {0, 8, 16}) {
            accepts(saMessage(sa(1, 1, proposal(0, 1, 1, "ab".repeat(size), 1, t))));
        }
        for (int size : new int[] {17, 32, 255}) {
            rejects(NotifyType.INVALID_SPI, saMessage(sa(1, 1, proposal(0, 1, 1, "ab".repeat(size), 1, t))));
        }
        for (int proto : new int[] {2, 3}) {
            accepts(saMessage(sa(1, 1, proposal(0, 1, proto, "ab".repeat(4), 1, t))));
            for (int size : new int[] {0, 3, 5, 16, 255}) {
                MalformedMessageException e = rejects(NotifyType.INVALID_SPI,
                        saMessage(sa(1, 1, proposal(0, 1, proto, "ab".repeat(size), 1, t))));
                assertTrue(e.detail().contains("SPI size of " + size), e.detail());
            }
        }
        accepts(saMessage(sa(1, 1, proposal(0, 1, 4, "0102", 1, t))));
        accepts(saMessage(sa(1, 1, proposal(0, 1, 4, "00000102", 1, t))));
        rejects(NotifyType.INVALID_SPI, saMessage(sa(1, 1, proposal(0, 1, 4, "010203", 1, t))));
        // unknown protocols: framed by their SPI size, refused later by the SPDB
        for (int proto : new int[] {0, 5, 255}) {
            accepts(saMessage(sa(1, 1, proposal(0, 1, proto, "ab".repeat(7), 1, t))));
        }
    }

    @Test
    void spiSizeRunningPastTheProposal() {
        String p = "0000000c" + "0101" + "10" + "01" + "aabbccdd";   // ISAKMP, SPI size 16, 4 bytes there
        MalformedMessageException e = rejects(NotifyType.BAD_PROPOSAL_SYNTAX, saMessage(sa(1, 1, p)));
        assertTrue(e.detail().contains("SPI needs 16 bytes"), e.detail());
    }

    @Test
    void attributeFraming() throws Exception {
        // TLV length running past the transform
        MalformedMessageException e = rejects(NotifyType.BAD_PROPOSAL_SYNTAX,
                saMessage(sa(1, 1, proposal(0, 1, 1, "", 1, transform(0, 1, 1, "000c0008" + "00015180")))));
        assertTrue(e.detail().contains("attribute type 12 length 8 runs past"), e.detail());
        rejects(NotifyType.BAD_PROPOSAL_SYNTAX,
                saMessage(sa(1, 1, proposal(0, 1, 1, "", 1, transform(0, 1, 1, "000cffff")))));
        // 1..3 bytes left where an attribute should start
        for (String tail : new String[] {"80", "8001", "800100"}) {
            rejects(NotifyType.BAD_PROPOSAL_SYNTAX, saMessage(sa(1, 1, proposal(0, 1, 1, "", 1, transform(0, 1, 1, "80010007" + tail)))));
        }
        // TLV lengths 0 and odd frame fine; their meaning is the SPDB's
        IsakmpMessage m = accepts(saMessage(sa(1, 1, proposal(0, 1, 1, "", 1, transform(0, 1, 1, "000c0000" + "000c0003" + "010203")))));
        List<SaAttribute> attrs = m.first(SaPayload.class).orElseThrow().proposals().get(0).transforms().get(0).attributes();
        assertEquals(NotifyType.ATTRIBUTES_NOT_SUPPORTED, assertThrows(MalformedMessageException.class, attrs.get(0)::numericValue).notifyType());
        assertEquals(0x010203, attrs.get(1).numericValue());
    }

    @Test
    void attributeFormsSwappedAndUnknownClassesFrameForTheSpdb() throws Exception {
        // encryption algorithm as TLV; life duration as TV; unknown classes 0, 16384 and 32767; a duplicate
        String attrs = "00010002" + "0007" + "800c0e10" + "80000001" + "c0000001" + "ffff0001" + "80010005" + "80010005";
        IsakmpMessage m = accepts(saMessage(sa(1, 1, proposal(0, 1, 1, "", 1, transform(0, 1, 1, attrs)))));
        TransformPayload t = m.first(SaPayload.class).orElseThrow().proposals().get(0).transforms().get(0);
        assertEquals(7, t.attributes().size());
        SaAttribute enc = t.attributes().get(0);
        assertTrue(OakleyAttribute.ENCRYPTION_ALGORITHM.basicOnly());
        assertEquals(NotifyType.ATTRIBUTES_NOT_SUPPORTED, assertThrows(MalformedMessageException.class, enc::basicValue).notifyType());
        assertEquals(3600, t.attributes().get(1).numericValue());
        assertEquals(0x7fff, t.attributes().get(4).type());
    }

    @Test
    void hugeLifetimes() throws Exception {
        String attrs8 = "000c0008" + "ffffffffffffffff";
        String attrs9 = "000c0009" + "01ffffffffffffffff";
        SaAttribute eight = accepts(saMessage(sa(1, 1, proposal(0, 1, 1, "", 1, transform(0, 1, 1, attrs8)))))
                .first(SaPayload.class).orElseThrow().proposals().get(0).transforms().get(0).attributes().get(0);
        assertEquals(Long.MAX_VALUE, eight.numericValue());
        SaAttribute nine = accepts(saMessage(sa(1, 1, proposal(0, 1, 1, "", 1, transform(0, 1, 1, attrs9)))))
                .first(SaPayload.class).orElseThrow().proposals().get(0).transforms().get(0).attributes().get(0);
        assertEquals(NotifyType.ATTRIBUTES_NOT_SUPPORTED, assertThrows(MalformedMessageException.class, nine::numericValue).notifyType());
        assertEquals(0xffffffffL, SaAttribute.variable(12, Bytes.fromHex("ffffffff")).numericValue());
    }

    // ---- Delete, NAT-OA, ATTR ----

    @Test
    void deleteSpiCountMustFillThePayloadExactly() throws Exception {
        rejects(NotifyType.PAYLOAD_MALFORMED, message(12, payload(0, u32(1) + "0304" + u16(2) + "11111111")));
        rejects(NotifyType.PAYLOAD_MALFORMED, message(12, payload(0, u32(1) + "0304" + u16(1) + "1111111122")));
        rejects(NotifyType.PAYLOAD_MALFORMED, message(12, payload(0, u32(1) + "0304" + u16(0) + "11111111")));
        MalformedMessageException e = rejects(NotifyType.PAYLOAD_MALFORMED,
                message(12, payload(0, u32(1) + "0110" + u16(10000) + "00".repeat(16))));
        assertTrue(e.detail().contains("10000 SPIs of 16 bytes"), e.detail());
        // SPI sizes 0 / 3 and protocols 0 / 255 frame: whether they make sense is the engine's (M-ECHO)
        assertEquals(10000, accepts(message(12, payload(0, u32(1) + "0300" + u16(10000)))).first(DeletePayload.class).orElseThrow().spis().size());
        accepts(message(12, payload(0, u32(1) + "ff03" + u16(2) + "aaaaaabbbbbb")));
        assertEquals(10000, accepts(message(12, payload(0, u32(1) + "0304" + u16(10000) + "00".repeat(40000))))
                .first(DeletePayload.class).orElseThrow().spis().size());
    }

    @Test
    void natOaMustCarryAnAddressOfItsType() throws Exception {
        accepts(message(21, payload(0, "01000000" + "c0000201")));
        rejects(NotifyType.PAYLOAD_MALFORMED, message(21, payload(0, "02000000" + "c0000201")));
        rejects(NotifyType.PAYLOAD_MALFORMED, message(21, payload(0, "01000000" + "c000020101")));
        rejects(NotifyType.PAYLOAD_MALFORMED, message(131, payload(0, "05000000" + "c0000201")));
        rejects(NotifyType.PAYLOAD_MALFORMED, message(21, payload(0, "01000100" + "c0000201")));
    }

    @Test
    void modeConfigAttributeFraming() {
        rejects(NotifyType.PAYLOAD_MALFORMED, message(14, payload(0, "01001234" + "40890005" + "61")));
        rejects(NotifyType.PAYLOAD_MALFORMED, message(14, payload(0, "01011234")));
    }

    // ---- decrypted bodies ----

    @Test
    void decryptedBodiesAllowPaddingButNothingElse() throws Exception {
        Bytes chain = Bytes.fromHex(payload(0, "aabbccdd") + "0000000000000007");
        assertEquals(1, PayloadChain.decode(13, chain, true).size());
        assertEquals(NotifyType.PAYLOAD_MALFORMED, assertThrows(MalformedMessageException.class,
                () -> PayloadChain.decode(13, chain, false)).notifyType());
        Bytes overrun = Bytes.fromHex("0000" + "0010" + "aabbccdd");
        assertEquals(NotifyType.PAYLOAD_MALFORMED, assertThrows(MalformedMessageException.class,
                () -> PayloadChain.decode(13, overrun, true)).notifyType());
        assertTrue(PayloadChain.decode(0, Bytes.fromHex("00000000"), true).isEmpty());
    }

    static Bytes withByte(Bytes b, int at, int value) {
        byte[] a = b.toArray();
        a[at] = (byte) value;
        return Bytes.copyOf(a);
    }
}
