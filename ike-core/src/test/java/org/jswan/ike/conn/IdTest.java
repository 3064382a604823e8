package org.jswan.ike.conn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.jswan.ike.base.Bytes;
import org.jswan.ike.base.IpAddress;
import org.jswan.ike.conn.Id.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IdTest {
    private static final Resolver DNS = Resolver.of(Map.of(
            "east.example", List.of(IpAddress.parse("192.0.2.2"), IpAddress.parse("192.0.2.99")),
            "v6.example", List.of(IpAddress.parse("2001:db8::2"))));

    private static Id parse(String s) throws IdParseException {
        return Id.parse(s, DNS);
    }

    @ParameterizedTest
    @CsvSource({
        "%any, NONE, %any",
        "0.0.0.0, NONE, %any",
        "%any6, NONE, %any6",
        ":: , NONE, %any6",
        "%myid, MYID, %myid",
        "192.0.2.1, IPV4_ADDR, 192.0.2.1",
        "2001:db8::1, IPV6_ADDR, 2001:db8::1",
        "@east.example, FQDN, @east.example",
        "user@example.com, USER_FQDN, user@example.com",
        "east.example, IPV4_ADDR, 192.0.2.2",
        "v6.example, IPV6_ADDR, 2001:db8::2",
        "@#0102ab, KEY_ID, @#0102ab",
        "@#0x0102ab, KEY_ID, @#0102ab",
        "@~3012, DER_ASN1_DN, @~3012",
        "@[abc], KEY_ID, @#616263",
        "10.1, IPV4_ADDR, 10.1.0.0"
    })
    void parseAndPrint(String text, Kind kind, String printed) throws Exception {
        Id id = parse(text.trim());
        assertEquals(kind, id.kind());
        assertEquals(printed, id.toString());
        assertEquals(id, parse(id.toString()), "printed form parses back");
    }

    @Test
    void fqdnValueHasNoAtAndUserFqdnKeepsIt() throws Exception {
        assertEquals(Bytes.copyOf("east.example".getBytes(StandardCharsets.US_ASCII)), parse("@east.example").value());
        assertEquals(Bytes.copyOf("u@h".getBytes(StandardCharsets.US_ASCII)), parse("u@h").value());
        assertEquals(Bytes.of(192, 0, 2, 1), parse("192.0.2.1").value());
        assertEquals(Id.fqdn("east.example"), parse("@east.example"));
        assertEquals(Id.userFqdn("u@h"), parse("u@h"));
    }

    @Test
    void atNamesAreNeverResolved() throws Exception {
        Resolver refusing = name -> {
            throw new AssertionError("resolver called for " + name);
        };
        assertEquals(Kind.FQDN, Id.parse("@east.example", refusing).kind());
        assertEquals(Kind.USER_FQDN, Id.parse("me@east.example", refusing).kind());
        assertEquals(Kind.IPV4_ADDR, Id.parse("192.0.2.7", refusing).kind());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "@", "nowhere.example", "bad name", "%bogus", "@#", "@#xyz", "@~0", "@[]", "@[abc",
        "300.1.1.1", "1.2.3.4.5"})
    void parseErrors(String text) {
        IdParseException e = assertThrows(IdParseException.class, () -> parse(text));
        assertFalse(e.getMessage().isEmpty());
    }

    @Test
    void unresolvableNameSaysSo() {
        IdParseException e = assertThrows(IdParseException.class, () -> parse("nowhere.example"));
        assertEquals("does not look numeric and name lookup failed \"nowhere.example\"", e.getMessage());
    }

    @Test
    void ofAddressAndAny() {
        assertEquals(Id.ANY, Id.ofAddress(IpAddress.ANY4));
        assertEquals(Id.ANY6, Id.ofAddress(IpAddress.ANY6));
        assertEquals(Kind.IPV4_ADDR, Id.ofAddress(IpAddress.parse("192.0.2.1")).kind());
        assertTrue(Id.ANY.isAny());
        assertTrue(Id.ANY6.isAny());
        assertFalse(Id.MYID.isAny());
        assertEquals(Id.ANY, new Id(Kind.NONE, Bytes.EMPTY));
        assertEquals(Id.ANY, new Id(Kind.NONE, Bytes.zeros(4)));
        assertEquals(Id.ANY6, Id.anyFor(IpAddress.parse("2001:db8::1")));
        assertThrows(IllegalArgumentException.class, () -> new Id(Kind.IPV4_ADDR, Bytes.zeros(5)));
        assertThrows(IllegalArgumentException.class, () -> new Id(Kind.FQDN, Bytes.EMPTY));
    }

    @Test
    void sameAsIgnoresCaseOfNamesOnly() throws Exception {
        assertTrue(parse("@East.Example").sameAs(parse("@east.example")));
        assertTrue(parse("User@Example.COM").sameAs(parse("user@example.com")));
        assertFalse(parse("@east.example").sameAs(parse("east@example")));
        assertFalse(parse("@#aa").sameAs(parse("@#AB")));
        assertTrue(parse("@#aa").sameAs(parse("@#AA")), "hex digits, not bytes, differ in case");
        assertTrue(parse("192.0.2.1").sameAs(Id.ofAddress(IpAddress.parse("192.0.2.1"))));
        assertFalse(parse("192.0.2.1").sameAs(parse("192.0.2.2")));
        assertFalse(Id.ANY.sameAs(Id.ANY6));
        assertTrue(Id.ANY.sameAs(parse("%any")));
        assertTrue(Id.MYID.sameAs(parse("%myid")));
    }

    @Test
    void matchesTreatsOnlyTheConfiguredNoneAsWildcard() throws Exception {
        Id peer = parse("@west.example");
        assertTrue(Id.ANY.matches(peer));
        assertTrue(Id.ANY6.matches(parse("192.0.2.1")));
        assertTrue(parse("@WEST.example").matches(peer));
        assertFalse(parse("@east.example").matches(peer));
        assertFalse(peer.matches(Id.ANY), "a wildcard candidate is not anyone");
        Id zero = Id.fromWire(Id.ID_IPV4_ADDR, Bytes.zeros(4));
        assertEquals(Kind.IPV4_ADDR, zero.kind(), "0.0.0.0 from the wire stays an address");
        assertFalse(peer.matches(zero));
        assertFalse(zero.sameAs(Id.ANY));
    }

    @Test
    void resolveMyId() throws Exception {
        Id me = parse("@me.example");
        assertEquals(me, Id.MYID.resolveMyId(me));
        Id other = parse("192.0.2.1");
        assertEquals(other, other.resolveMyId(me));
    }

    @Test
    void wireForms() throws Exception {
        assertEquals(1, parse("192.0.2.1").wireType());
        assertEquals(2, parse("@east").wireType());
        assertEquals(3, parse("a@b").wireType());
        assertEquals(5, parse("2001:db8::1").wireType());
        assertEquals(9, parse("@~30").wireType());
        assertEquals(11, parse("@#01").wireType());
        assertEquals(Bytes.of(0x65, 0x61, 0x73, 0x74), parse("@east").wireData());
        assertThrows(IllegalStateException.class, Id.ANY::wireType);
        assertThrows(IllegalStateException.class, Id.MYID::wireData);
        IpAddress host = IpAddress.parse("192.0.2.9");
        assertEquals(Id.ofAddress(host), Id.ANY.orHostAddress(host));
        assertEquals(parse("@east"), parse("@east").orHostAddress(host));
    }

    @Test
    void fromWireChecks() {
        assertThrows(IdParseException.class, () -> Id.fromWire(1, Bytes.zeros(3)));
        assertThrows(IdParseException.class, () -> Id.fromWire(1, Bytes.zeros(16)));
        assertThrows(IdParseException.class, () -> Id.fromWire(5, Bytes.zeros(4)));
        assertThrows(IdParseException.class, () -> Id.fromWire(2, Bytes.EMPTY));
        assertThrows(IdParseException.class, () -> Id.fromWire(2, Bytes.of('a', 0, 'b')));
        assertThrows(IdParseException.class, () -> Id.fromWire(3, Bytes.of('a', '@', 0)));
        assertThrows(IdParseException.class, () -> Id.fromWire(11, Bytes.EMPTY));
        IdParseException e = assertThrows(IdParseException.class, () -> Id.fromWire(4, Bytes.zeros(8)));
        assertEquals("unsupported ID type ID_IPV4_ADDR_SUBNET (4)", e.getMessage());
        e = assertThrows(IdParseException.class, () -> Id.fromWire(200, Bytes.zeros(8)));
        assertEquals("unsupported ID type ID type 200", e.getMessage());
    }

    @Test
    void userFqdnWithoutAtIsAcceptedFromTheWire() throws Exception {
        Id id = Id.fromWire(3, Bytes.copyOf("piper".getBytes(StandardCharsets.US_ASCII)));
        assertEquals(Kind.USER_FQDN, id.kind());
        assertEquals("piper", id.toString());
    }

    @Test
    void unprintableBytesAreNotPrinted() throws Exception {
        Id id = Id.fromWire(2, Bytes.copyOf("evil\n000 forged\u001b".getBytes(StandardCharsets.ISO_8859_1)));
        assertEquals("@evil?000 forged?", id.toString());
        Id big = Id.fromWire(2, Bytes.copyOf("x".repeat(5000).getBytes(StandardCharsets.US_ASCII)));
        assertTrue(big.toString().length() < 600);
    }

    @Property(seed = "20250101")
    void wireRoundTrip(@ForAll("wireIds") Id id) throws Exception {
        assertEquals(id, Id.fromWire(id.wireType(), id.wireData()));
    }

    @Property(seed = "20250101")
    void textRoundTrip(@ForAll("wireIds") Id id) throws Exception {
        if (id.kind() == Kind.USER_FQDN && id.value().get(0) == '@') {
            return; // "@x" reads as an FQDN, as in pluto
        }
        assertTrue(id.sameAs(Id.parse(id.toString(), Resolver.none())), id.toString());
    }

    @Provide
    Arbitrary<Id> wireIds() {
        Arbitrary<String> label = Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(12);
        Arbitrary<Id> v4 = Arbitraries.bytes().array(byte[].class).ofSize(4)
                .filter(b -> b[0] != 0).map(b -> new Id(Kind.IPV4_ADDR, Bytes.copyOf(b)));
        Arbitrary<Id> v6 = Arbitraries.bytes().array(byte[].class).ofSize(16)
                .filter(b -> b[0] != 0).map(b -> new Id(Kind.IPV6_ADDR, Bytes.copyOf(b)));
        Arbitrary<Id> fqdn = label.list().ofMinSize(1).ofMaxSize(4).map(l -> Id.fqdn(String.join(".", l)));
        Arbitrary<Id> user = Combinators.combine(label, label).as((u, h) -> Id.userFqdn(u + "@" + h));
        Arbitrary<Id> keyId = Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(20)
                .map(b -> new Id(Kind.KEY_ID, Bytes.copyOf(b)));
        return Arbitraries.oneOf(v4, v6, fqdn, user, keyId);
    }
}
