package org.jswan.ike.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.jswan.ike.base.Bytes;
import org.jswan.ike.base.Endpoint;
import org.jswan.ike.wire.IsakmpHeader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Header and framing cases of security-and-users.md §A3.2 (M-RUNT, M-LEN, M-VER, M-XCHG, M-FLAGS,
 * M-COOKIE, M-RCOOKIE-ECHO) and the Quick Mode demultiplexing texts, each delivered to the engine
 * that would receive the real message, and each followed by the {@link Oracle}.
 */
class RobustHeaderTest {
    @TempDir
    Path dir;

    /** Delivers {@code data} in place of message k; checks oracle 1 and the answer bound. */
    private static Oracle.Result deliver(Exchange ex, int k, Bytes data, String ctx) {
        Oracle.Result r = Oracle.packet(ex.sim, ex.receiver(k), data, ex.from(k), ctx);
        Oracle.answersAtMostOnce(r, data, k == Exchange.MI1 || k == Exchange.MI2, ctx);
        return r;
    }

    /** Oracles 2 and 3: back to the receiver's settled count; no timer traffic toward an unauthenticated peer. */
    private static void settles(Exchange ex, int k, String ctx) {
        Oracle.settles(ex.sim, ex.receiver(k), Exchange.settled(k), k <= Exchange.MI3 && k % 2 == 0, ctx);
    }

    /** The packet was dropped: logged as {@code why}, nothing sent, the receiver's states untouched. */
    private static void dropped(Exchange ex, int k, Bytes data, String why, String ctx) {
        List<String> before = Oracle.kinds(ex.sim, ex.receiver(k));
        Oracle.Result r = deliver(ex, k, data, ctx);
        assertTrue(r.logged(why), ctx + ": expected \"" + why + "\" in " + r.log);
        assertEquals(0, r.sends.size(), ctx + ": answered " + r);
        assertEquals(0, r.jobs, ctx + ": started crypto for a dropped packet");
        assertEquals(before, Oracle.kinds(ex.sim, ex.receiver(k)), ctx);
        settles(ex, k, ctx);
    }

    static IntStream runtLengths() {
        return IntStream.range(0, 28);
    }

    // M-RUNT: 0..27 bytes
    @ParameterizedTest
    @MethodSource("runtLengths")
    void aRuntIsDroppedAsTooShort(int n) {
        Exchange ex = Exchange.upTo(dir, Exchange.MI1);
        dropped(ex, Exchange.MI1, ex.msg(Exchange.MI1).slice(0, n),
                "received packet is too short (" + n + " bytes) for an ISAKMP header", "M-RUNT " + n);
        Exchange mid = Exchange.upTo(dir, Exchange.MI3);
        dropped(mid, Exchange.MI3, mid.msg(Exchange.MI3).slice(0, n), "too short (" + n + " bytes)", "M-RUNT MI3 " + n);
    }

    // M-LEN: the header's Length is not the datagram's size
    @ParameterizedTest
    @ValueSource(longs = {-1, +1, 0, 28, 0xFFFFFFFFL, 27, 0x7FFFFFFFL})
    void aLengthThatIsNotTheDatagramSizeIsDropped(long how) {
        Exchange ex = Exchange.upTo(dir, Exchange.MI1);
        Bytes mi1 = ex.msg(Exchange.MI1);
        long length = how == -1 || how == 1 ? mi1.length() + how : how;
        dropped(ex, Exchange.MI1, Packets.withU32(mi1, 24, length),
                "size (" + mi1.length() + ") differs from size specified in ISAKMP HDR (" + length + ")", "M-LEN " + length);
        // and on an encrypted message, where a short Length would otherwise cut the ciphertext
        Exchange mid = Exchange.upTo(dir, Exchange.MI3);
        Bytes mi3 = mid.msg(Exchange.MI3);
        long l3 = how == -1 || how == 1 ? mi3.length() + how : how;
        dropped(mid, Exchange.MI3, Packets.withU32(mi3, 24, l3), "differs from size specified in ISAKMP HDR", "M-LEN MI3");
    }

    // M-VER: majors 0, 2, 15 and minors 1..15; an IKEv2 header is not parsed as IKEv1
    @ParameterizedTest
    @ValueSource(ints = {0x00, 0x20, 0xf0, 0x11, 0x12, 0x15, 0x1f, 0x21, 0xff})
    void anotherVersionIsDropped(int version) {
        Exchange ex = Exchange.upTo(dir, Exchange.MI1);
        int major = version >>> 4;
        String why = major != 1 ? "ISAKMP major version " + major + " is not supported"
                : "ISAKMP minor version " + (version & 15) + " is not supported";
        dropped(ex, Exchange.MI1, Packets.withByte(ex.msg(Exchange.MI1), 17, version), why, "M-VER " + version);
    }

    @Test
    void anIkev2SaInitIsNotParsed() {
        Exchange ex = Exchange.upTo(dir, Exchange.MI1);
        // IKE_SA_INIT (34), Initiator flag (0x08), version 2.0, first payload SA (33): IKEv2 numbers in a v2 header
        Bytes v2 = Packets.withByte(Packets.withByte(Packets.withByte(Packets.withByte(ex.msg(Exchange.MI1), 17, 0x20),
                18, 34), 19, 0x08), 16, 33);
        dropped(ex, Exchange.MI1, v2, "ISAKMP major version 2 is not supported (only 1); an IKEv2 message?", "M-VER2");
    }

    static IntStream unsupportedExchanges() {
        return IntStream.range(0, 256).filter(x -> x != 2 && x != 5 && x != 32);
    }

    // M-XCHG: everything but Main Mode (2), Informational (5) and Quick Mode (32)
    @ParameterizedTest
    @MethodSource("unsupportedExchanges")
    void anUnsupportedExchangeTypeIsDropped(int x) {
        Exchange ex = Exchange.upTo(dir, Exchange.MI1);
        dropped(ex, Exchange.MI1, Packets.withExchange(ex.msg(Exchange.MI1), x), "unsupported exchange type ",
                "M-XCHG " + x);
    }

    // M-FLAGS: reserved bits are ignored, every message of the exchange carrying them
    @Test
    void reservedFlagBitsAreIgnoredAndTheExchangeStillEstablishes() {
        Exchange ex = Exchange.ready(dir);
        ex.sim.rewrite = d -> Packets.withFlags(d.data(), d.data().get(19) | 0xf8);
        long c = ex.sim.initiate(ex.west, "net");
        ex.sim.run(Duration.ofSeconds(5));
        assertTrue(ex.west.lines(c).stream().anyMatch(l -> l.contains("STATE_QUICK_I2: sent QI2, IPsec SA established")),
                ex.west.lines(c).toString());
        assertEquals(List.of("#2: STATE_QUICK_R2", "#1: STATE_MAIN_R3"), Oracle.kinds(ex.sim, ex.east));
        assertEquals(9, ex.sim.sent.size(), "no retransmissions were needed");
        Oracle.noInternalError("M-FLAGS reserved", ex.west, ex.east);
        Oracle.settles(ex.sim, ex.east, 2, false, "M-FLAGS reserved");
    }

    @Test
    void theCommitFlagIsLoggedAndIgnored() {
        Exchange ex = Exchange.ready(dir);
        ex.sim.rewrite = d -> Packets.withFlags(d.data(), d.data().get(19) | IsakmpHeader.FLAG_COMMIT);
        ex.sim.initiate(ex.west, "net");
        ex.sim.run(Duration.ofSeconds(5));
        assertEquals(List.of("#2: STATE_QUICK_R2", "#1: STATE_MAIN_R3"), Oracle.kinds(ex.sim, ex.east));
        assertEquals(List.of("#2: STATE_QUICK_I2", "#1: STATE_MAIN_I4"), Oracle.kinds(ex.sim, ex.west));
        String line = "IKE message has the Commit Flag set but Pluto doesn't implement this feature; ignoring flag";
        assertEquals(5, ex.east.log.stream().filter(l -> l.endsWith(line)).count(), "MI1, MI2, MI3, QI1, QI2");
        assertEquals(4, ex.west.log.stream().filter(l -> l.endsWith(line)).count(), "MR1, MR2, MR3, QR1");
        Oracle.noInternalError("M-FLAGS commit", ex.west, ex.east);
        Oracle.settles(ex.sim, ex.east, 2, false, "M-FLAGS commit");
    }

    @Test
    void anEncryptedFlagOnMi1IsRefused() {
        Exchange ex = Exchange.upTo(dir, Exchange.MI1);
        dropped(ex, Exchange.MI1, Packets.withFlags(ex.msg(Exchange.MI1), IsakmpHeader.FLAG_ENCRYPTION),
                "initial Main Mode message is invalid: its Encrypted Flag is on", "M-FLAGS E on MI1");
    }

    // M-COOKIE
    @Test
    void aZeroInitiatorCookieIsRefused() {
        Exchange ex = Exchange.upTo(dir, Exchange.MI1);
        dropped(ex, Exchange.MI1, Packets.withIcookie(ex.msg(Exchange.MI1), Bytes.zeros(8)),
                "Initiator Cookie must not be zero in Main Mode message", "M-COOKIE icookie 0");
        Exchange mid = Exchange.upTo(dir, Exchange.MI2);
        dropped(mid, Exchange.MI2, Packets.withIcookie(mid.msg(Exchange.MI2), Bytes.zeros(8)),
                "Initiator Cookie must not be zero in Main Mode message", "M-COOKIE icookie 0 on MI2");
    }

    @ParameterizedTest
    @ValueSource(ints = {Exchange.MI2, Exchange.MI3, Exchange.MR2, Exchange.MR3})
    void unknownCookiesArePartOfAnUnknownExchange(int k) {
        Exchange ex = Exchange.upTo(dir, k);
        Bytes m = ex.msg(k);
        Bytes other = Bytes.fromHex("0123456789abcdef");
        String why = "Main Mode message is part of an unknown exchange";
        dropped(ex, k, Packets.withRcookie(m, other), why, "M-COOKIE rcookie " + Exchange.NAMES.get(k));
        dropped(ex, k, Packets.withIcookie(m, other), why, "M-COOKIE icookie " + Exchange.NAMES.get(k));
        Exchange again = Exchange.upTo(dir, k);
        dropped(again, k, Packets.withIcookie(Packets.withRcookie(m, other), other), why,
                "M-COOKIE both " + Exchange.NAMES.get(k));
    }

    @Test
    void aFirstMessageWithAnUnknownResponderCookieStartsNothing() {
        Exchange ex = Exchange.upTo(dir, Exchange.MI1);
        dropped(ex, Exchange.MI1, Packets.withRcookie(ex.msg(Exchange.MI1), Bytes.fromHex("00000000000000ff")),
                "Main Mode message is part of an unknown exchange", "M-COOKIE rcookie on MI1");
    }

    // M-RCOOKIE-ECHO (CVE-2023-30570 class): an MI1 refused with NO_PROPOSAL_CHOSEN, resent with the reply's cookies
    @Test
    void resendingARefusedMi1WithTheReplysCookiesCreatesNothing() {
        Exchange ex = Exchange.ready(dir, b -> b.ike = "3des-md5-modp1024");
        ex.sim.drop = d -> true;
        ex.sim.initiate(ex.west, "net");
        ex.sim.settle();
        Exchange strict = Exchange.ready(dir, b -> b.ike = "aes128-sha1-modp2048");
        Bytes mi1 = ex.msg(Exchange.MI1);
        Oracle.Result r = deliver(strict, Exchange.MI1, mi1, "M-RCOOKIE-ECHO first");
        assertTrue(r.logged("no acceptable Oakley Transform"), r.log.toString());
        assertEquals(1, r.sends.size(), "one NO_PROPOSAL_CHOSEN");
        assertEquals(0, strict.east.states());
        Bytes reply = r.sends.get(0).data();
        Bytes echoed = Packets.withRcookie(mi1, reply.slice(8, 16));
        for (int i = 0; i < 3; i++) {
            Oracle.Result again = deliver(strict, Exchange.MI1, echoed, "M-RCOOKIE-ECHO " + i);
            assertTrue(again.sends.size() <= 1);
            assertEquals(0, strict.east.states(), "no state for a refused MI1: " + again.log);
        }
        Oracle.settles(strict.sim, strict.east, 0, true, "M-RCOOKIE-ECHO");
    }

    @ParameterizedTest
    @ValueSource(ints = {Exchange.MI1, Exchange.MI2, Exchange.MI3, Exchange.MR1})
    void aMainModeMessageIdIsZero(int k) {
        Exchange ex = Exchange.upTo(dir, k);
        for (long msgid : new long[] {1, 0x80000000L, 0xFFFFFFFFL}) {
            dropped(ex, k, Packets.withMessageId(ex.msg(k), msgid),
                    String.format("Message ID was 0x%08x but should be zero in Main Mode", msgid), "M-COOKIE msgid");
            ex = Exchange.upTo(dir, k);
        }
    }

    // The Quick Mode demultiplexing texts (OSW-2.0.0 demux.c)
    @Test
    void quickModeWithAZeroInitiatorCookie() {
        Exchange ex = Exchange.upTo(dir, Exchange.QI1);
        dropped(ex, Exchange.QI1, Packets.withIcookie(ex.msg(Exchange.QI1), Bytes.zeros(8)),
                "Quick Mode message is invalid because it has an Initiator Cookie of 0", "QM icookie 0");
    }

    @Test
    void quickModeWithAZeroResponderCookie() {
        Exchange ex = Exchange.upTo(dir, Exchange.QI1);
        dropped(ex, Exchange.QI1, Packets.withRcookie(ex.msg(Exchange.QI1), Bytes.zeros(8)),
                "Quick Mode message is invalid because it has a Responder Cookie of 0", "QM rcookie 0");
    }

    @Test
    void quickModeWithMessageIdZero() {
        Exchange ex = Exchange.upTo(dir, Exchange.QI1);
        dropped(ex, Exchange.QI1, Packets.withMessageId(ex.msg(Exchange.QI1), 0),
                "Quick Mode message is invalid because it has a Message ID of 0", "QM msgid 0");
    }

    @Test
    void quickModeForAnUnknownIsakmpSa() {
        Exchange ex = Exchange.upTo(dir, Exchange.QI1);
        Bytes qi1 = Packets.withRcookie(ex.msg(Exchange.QI1), Bytes.fromHex("1122334455667788"));
        dropped(ex, Exchange.QI1, qi1, "Quick Mode message is for a non-existent (expired?) ISAKMP SA", "QM unknown");
        Exchange other = Exchange.upTo(dir, Exchange.QI1);
        dropped(other, Exchange.QI1, Packets.withIcookie(qi1, Bytes.fromHex("8877665544332211")),
                "Quick Mode message is for a non-existent (expired?) ISAKMP SA", "QM unknown both");
    }

    @Test
    void quickModeForAnIncompleteIsakmpSa() {
        Exchange full = Exchange.upTo(dir, Exchange.ALL);
        Exchange half = Exchange.upTo(dir, Exchange.MI3); // east in STATE_MAIN_R2: keys, but not authenticated
        Oracle.Result r = Oracle.packet(half.sim, half.east, full.msg(Exchange.QI1), full.from(Exchange.QI1), "QM incomplete");
        assertTrue(r.logged("Quick Mode message is unacceptable because it is for an incomplete ISAKMP SA"), r.log.toString());
        assertEquals(0, r.sends.size());
        assertEquals(List.of("#1: STATE_MAIN_R2"), Oracle.kinds(half.sim, half.east));
        Oracle.settles(half.sim, half.east, 0, true, "QM incomplete");
    }

    /** A source nobody configured: everything it sends is refused before a state exists. */
    @Test
    void anUnknownPeerGetsNothing() {
        Exchange ex = Exchange.upTo(dir, Exchange.MI1);
        Endpoint stranger = new Endpoint(org.jswan.ike.base.IpAddress.parse("192.0.2.66"), 500);
        Oracle.Result r = Oracle.packet(ex.sim, ex.east, ex.msg(Exchange.MI1), stranger, "stranger");
        assertTrue(r.logged("but no connection has been authorized"), r.log.toString());
        assertEquals(0, r.sends.size());
        assertEquals(0, ex.east.states());
    }
}
