package org.jswan.ike.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.jswan.ike.base.Bytes;

/** decode(encode(x)) == x for arbitrary valid payload lists and messages (fixed seeds). */
class RoundTripProperties {
    private static final String SEED = "20240831";

    @Property(tries = 1000, seed = SEED)
    void chainsRoundTrip(@ForAll("payloadLists") List<Payload> payloads) throws MalformedMessageException {
        Bytes wire = PayloadChain.encode(payloads);
        assertEquals(payloads, PayloadChain.decode(PayloadChain.firstType(payloads), wire, false));
    }

    @Property(tries = 500, seed = SEED)
    void messagesRoundTrip(@ForAll("headers") IsakmpHeader header, @ForAll("payloadLists") List<Payload> payloads)
            throws MalformedMessageException {
        IsakmpMessage m = new IsakmpMessage(header, payloads);
        Bytes wire = m.encode();
        IsakmpMessage back = IsakmpMessage.decode(wire);
        assertEquals(header.withNextPayload(PayloadChain.firstType(payloads)).withLength(wire.length()), back.header());
        assertEquals(payloads, back.payloads());
        assertEquals(wire, back.encode());
    }

    @Property(tries = 500, seed = SEED)
    void decryptedBodiesRoundTripWithPadding(@ForAll("payloadLists") List<Payload> payloads,
            @ForAll @IntRange(min = 0, max = 15) int padding) throws MalformedMessageException {
        Bytes wire = PayloadChain.encode(payloads).concat(Bytes.zeros(padding));
        assertEquals(payloads, PayloadChain.decode(PayloadChain.firstType(payloads), wire, true));
    }

    @Property(tries = 300, seed = SEED)
    void describerLinesAreBounded(@ForAll("headers") IsakmpHeader header, @ForAll("payloadLists") List<Payload> payloads) {
        List<String> lines = PayloadDescriber.describe(header, payloads, true);
        assertTrue(lines.get(0).startsWith("| ***emit ISAKMP Message"));
        for (String l : lines) {
            assertTrue(l.startsWith("| ") && l.length() < 200, l);
        }
    }

    @Property(tries = 500, seed = SEED)
    void numbersRoundTripInTheShortestForm(@ForAll("numbers") long v) throws MalformedMessageException {
        SaAttribute a = SaAttribute.number(12, v);
        assertEquals(v, a.numericValue());
        assertEquals(v <= 0xffff, a.basic());
        assertEquals(a, SaAttributeCodec.decode(WireReader.of(encode(a), "attribute", NotifyType.PAYLOAD_MALFORMED)));
    }

    private static Bytes encode(SaAttribute a) {
        WireWriter w = new WireWriter();
        SaAttributeCodec.encode(a, w);
        return w.toBytes();
    }

    // ---- generators ----

    @Provide
    Arbitrary<Long> numbers() {
        return Arbitraries.oneOf(Arbitraries.longs().between(0, 0xffff), Arbitraries.longs().between(0x10000, 0xffffffffL),
                Arbitraries.longs().between(0x100000000L, Long.MAX_VALUE));
    }

    @Provide
    Arbitrary<IsakmpHeader> headers() {
        Arbitrary<Bytes> cookie = bytes(8, 8);
        return Combinators.combine(cookie, cookie, Arbitraries.integers().between(0, 255),
                Arbitraries.integers().between(0, 255).map(f -> f & ~IsakmpHeader.FLAG_ENCRYPTION),
                Arbitraries.longs().between(0, 0xffffffffL))
                .as((i, r, x, f, id) -> IsakmpHeader.of(i, r, x, f, id));
    }

    @Provide
    Arbitrary<List<Payload>> payloadLists() {
        return payload().list().ofMaxSize(10);
    }

    static Arbitrary<Bytes> bytes(int min, int max) {
        return Arbitraries.bytes().array(byte[].class).ofMinSize(min).ofMaxSize(max).map(Bytes::copyOf);
    }

    static Arbitrary<Integer> u8() {
        return Arbitraries.integers().between(0, 255);
    }

    static Arbitrary<Integer> u16() {
        return Arbitraries.integers().between(0, 0xffff);
    }

    static Arbitrary<Long> u32() {
        return Arbitraries.longs().between(0, 0xffffffffL);
    }

    static Arbitrary<SaAttribute> attribute() {
        Arbitrary<Integer> type = Arbitraries.oneOf(Arbitraries.integers().between(1, 16), Arbitraries.integers().between(0, 0x7fff));
        Arbitrary<SaAttribute> basic = Combinators.combine(type, u16()).as(SaAttribute::basic);
        Arbitrary<SaAttribute> variable = Combinators.combine(type, bytes(0, 40)).as(SaAttribute::variable);
        return Arbitraries.oneOf(basic, variable);
    }

    static Arbitrary<TransformPayload> transform() {
        return Combinators.combine(u8(), u8(), attribute().list().ofMaxSize(6)).as(TransformPayload::new);
    }

    static Arbitrary<ProposalPayload> proposal() {
        Arbitrary<ProposalPayload> isakmp = Combinators.combine(u8(), bytes(0, 16), transform().list().ofMinSize(1).ofMaxSize(4))
                .as((n, spi, ts) -> new ProposalPayload(n, ProtocolId.ISAKMP.value(), spi, ts));
        Arbitrary<ProposalPayload> ipsec = Combinators.combine(u8(), Arbitraries.of(2, 3), bytes(4, 4),
                transform().list().ofMinSize(1).ofMaxSize(4)).as(ProposalPayload::new);
        Arbitrary<ProposalPayload> ipcomp = Combinators.combine(u8(), Arbitraries.oneOf(bytes(2, 2), bytes(4, 4)),
                transform().list().ofMinSize(1).ofMaxSize(2))
                .as((n, spi, ts) -> new ProposalPayload(n, ProtocolId.IPCOMP.value(), spi, ts));
        Arbitrary<ProposalPayload> unknown = Combinators.combine(u8(), Arbitraries.oneOf(Arbitraries.just(0),
                Arbitraries.integers().between(5, 255)), bytes(0, 20), transform().list().ofMinSize(1).ofMaxSize(2))
                .as(ProposalPayload::new);
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, isakmp), net.jqwik.api.Tuple.of(3, ipsec),
                net.jqwik.api.Tuple.of(1, ipcomp), net.jqwik.api.Tuple.of(1, unknown));
    }

    static Arbitrary<SaPayload> sa() {
        return Combinators.combine(Arbitraries.of(0L, 1L), proposal().list().ofMinSize(1).ofMaxSize(3))
                .as((sit, ps) -> new SaPayload(Doi.IPSEC, sit, Bytes.EMPTY, ps));
    }

    static Arbitrary<Payload> payload() {
        Arbitrary<Bytes> body = bytes(0, 300);
        Arbitrary<Payload> id = Combinators.combine(u8(), u8(), u16(), bytes(0, 40)).as(IdPayload::new);
        Arbitrary<Payload> cert = Combinators.combine(u8(), body).as(CertPayload::new);
        Arbitrary<Payload> cr = Combinators.combine(u8(), bytes(0, 40)).as(CertReqPayload::new);
        Arbitrary<Payload> n = Combinators.combine(u32(), u8(), bytes(0, 20), u16(), bytes(0, 30)).as(NotificationPayload::new);
        Arbitrary<Payload> d = Arbitraries.integers().between(0, 16).flatMap(size ->
                Combinators.combine(u32(), u8(), bytes(size, size).list().ofMaxSize(5))
                        .as((doi, proto, spis) -> new DeletePayload(doi, proto, size, spis)));
        Arbitrary<Payload> natd = Combinators.combine(Arbitraries.of(20, 130), bytes(0, 32)).as(NatDPayload::new);
        Arbitrary<Payload> natoa = Combinators.combine(Arbitraries.of(21, 131), Arbitraries.of(4, 16))
                .flatAs((type, size) -> bytes(size, size).map(a -> new NatOaPayload(type, size == 4 ? 1 : 5, a)));
        Arbitrary<Payload> attr = Combinators.combine(u8(), u16(), attribute().list().ofMaxSize(5)).as(AttrPayload::new);
        Arbitrary<Integer> unknownType = Arbitraries.oneOf(Arbitraries.integers().between(15, 19),
                Arbitraries.integers().between(22, 129), Arbitraries.integers().between(132, 255));
        Arbitrary<Payload> unknown = Combinators.combine(unknownType, bytes(0, 40)).as(UnknownPayload::new);
        return Arbitraries.oneOf(List.of(
                sa().map(p -> (Payload) p), proposal().map(p -> (Payload) p), transform().map(p -> (Payload) p),
                body.map(KePayload::new), id, cert, cr, body.map(HashPayload::new), body.map(SigPayload::new),
                body.map(NoncePayload::new), n, d, bytes(0, 40).map(VendorIdPayload::new), attr, natd, natoa, unknown));
    }
}
