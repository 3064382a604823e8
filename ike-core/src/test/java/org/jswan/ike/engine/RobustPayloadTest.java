package org.jswan.ike.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jswan.ike.base.Bytes;
import org.jswan.ike.wire.HashPayload;
import org.jswan.ike.wire.IdPayload;
import org.jswan.ike.wire.KePayload;
import org.jswan.ike.wire.NoncePayload;
import org.jswan.ike.wire.Payload;
import org.jswan.ike.wire.SaPayload;
import org.jswan.ike.wire.SigPayload;
import org.jswan.ike.wire.UnknownPayload;
import org.jswan.ike.wire.VendorIdPayload;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Payload-chain cases of security-and-users.md §A3.2: M-NP-UNKNOWN, M-NP-UNEXPECTED, M-MISSING,
 * M-DUP, M-ORDER, M-MANYPL and M-TRAILING, on every message of the exchange. Encrypted messages
 * are rebuilt from their decrypted payloads with the session keys, with a valid HASH where the
 * case is about what comes after authentication.
 */
class RobustPayloadTest {
    @TempDir
    Path dir;

    private static Oracle.Result deliver(Exchange ex, int k, Bytes data, String ctx) {
        Oracle.Result r = Oracle.packet(ex.sim, ex.receiver(k), data, ex.from(k), ctx);
        Oracle.answersAtMostOnce(r, data, k == Exchange.MI1 || k == Exchange.MI2, ctx);
        return r;
    }

    private static void settles(Exchange ex, int k, String ctx) {
        Oracle.settles(ex.sim, ex.receiver(k), Exchange.settled(k), k <= Exchange.MI3 && k % 2 == 0, ctx);
    }

    /**
     * Message k replaced by {@code data}: logged as {@code why}, no crypto, the receiver's states as
     * they were (a first message leaves none), at most {@code answers} datagrams; then the oracle.
     */
    private static Oracle.Result refused(Exchange ex, int k, Bytes data, String why, int answers, String ctx) {
        List<String> before = Oracle.kinds(ex.sim, ex.receiver(k));
        Oracle.Result r = deliver(ex, k, data, ctx);
        assertTrue(r.logged(why), ctx + ": expected \"" + why + "\" in " + r.log);
        assertTrue(r.sends.size() <= answers, ctx + ": " + r);
        assertEquals(0, r.jobs, ctx + ": crypto started for a refused message");
        assertEquals(before, Oracle.kinds(ex.sim, ex.receiver(k)), ctx + ": state changed");
        settles(ex, k, ctx);
        return r;
    }

    /** The payloads of message k (decrypted if need be). */
    private static List<Payload> payloadsOf(Exchange ex, int k) {
        if (k < Exchange.MI3) {
            return Packets.payloads(ex.msg(k));
        }
        return ex.keys().payloads(ex.msg(k), ivOf(ex, ex.keys(), k));
    }

    static Bytes ivOf(Exchange ex, SessionKeys keys, int k) {
        switch (k) {
            case Exchange.MI3:
                return keys.mi3Iv;
            case Exchange.MR3:
                return SessionKeys.lastBlock(ex.msg(Exchange.MI3));
            case Exchange.QI1:
            case Exchange.INFO:
                return keys.phase2Iv(ex.msg(Exchange.MR3), SessionKeys.header(ex.msg(k)).messageId());
            case Exchange.QR1:
                return SessionKeys.lastBlock(ex.msg(Exchange.QI1));
            case Exchange.QI2:
                return SessionKeys.lastBlock(ex.msg(Exchange.QR1));
            default:
                throw new IllegalArgumentException("message " + k + " is not encrypted");
        }
    }

    /** Message k rebuilt with exactly these payloads (encrypted like the original; no HASH recomputed). */
    private static Bytes rebuilt(Exchange ex, int k, List<? extends Payload> payloads) {
        if (k < Exchange.MI3) {
            return Packets.clear(ex.msg(k), payloads);
        }
        SessionKeys keys = ex.keys();
        if (payloads.isEmpty()) { // no payloads at all: one block of padding, as a sender would still encrypt
            return keys.frame(SessionKeys.header(ex.msg(k)), 0, Bytes.zeros(SessionKeys.BS), ivOf(ex, keys, k));
        }
        return keys.frame(SessionKeys.header(ex.msg(k)), new ArrayList<>(payloads), ivOf(ex, keys, k));
    }

    /** A Phase 1 message rebuilt with these payloads, its HASH_I / HASH_R recomputed over the (first) ID. */
    private static Bytes rehashedPhase1(Exchange ex, int k, List<Payload> payloads) {
        SessionKeys keys = ex.keys();
        IdPayload id = (IdPayload) payloads.stream().filter(p -> p instanceof IdPayload).findFirst().orElseThrow();
        Bytes h = k == Exchange.MI3 ? keys.hashI(id) : keys.hashR(id);
        List<Payload> out = new ArrayList<>();
        for (Payload p : payloads) {
            out.add(p instanceof HashPayload ? new HashPayload(h) : p);
        }
        return rebuilt(ex, k, out);
    }

    /** QI1 with these payloads after a valid HASH(1). */
    private static Bytes qi1(Exchange ex, List<Payload> rest) {
        return ex.keys().qi1(ex.msg(Exchange.MR3), ex.msg(Exchange.QI1), rest);
    }

    private static Bytes qiNonce(Exchange ex) {
        return payloadsOf(ex, Exchange.QI1).stream().filter(p -> p instanceof NoncePayload)
                .map(p -> ((NoncePayload) p).nonce()).findFirst().orElseThrow();
    }

    /** A syntactically valid body for a payload of {@code type} (so that only its type is at issue). */
    private static Payload payloadOfType(int type) {
        switch (type) {
            case 14: // mode-config ATTR: type, RESERVED, identifier
                return new UnknownPayload(type, Bytes.fromHex("01000001"));
            case 21:
            case 131: // NAT-OA: ID_IPV4_ADDR, RESERVED(3), address
                return new UnknownPayload(type, Bytes.fromHex("010000007f000001"));
            default:
                return new UnknownPayload(type, Bytes.fromHex("0123456789abcdef0123456789abcdef"));
        }
    }

    // ---- M-NP-UNKNOWN / M-NP-UNEXPECTED ----

    @ParameterizedTest
    @ValueSource(ints = {14, 15, 16, 17, 18, 19, 20, 21, 22, 33, 34, 40, 48, 53, 99, 127, 128, 130, 131, 132, 133, 200,
        255})
    void anUnknownOrUnexpectedPayloadInMi1IsRefused(int type) {
        Exchange ex = Exchange.upTo(dir, Exchange.MI1);
        List<Payload> ps = Packets.payloads(ex.msg(Exchange.MI1));
        String why = "message ignored because it contains an unknown or unexpected payload type (";
        refused(ex, Exchange.MI1, Packets.clear(ex.msg(Exchange.MI1), Packets.plus(ps, 1, payloadOfType(type))), why, 0,
                "M-NP-UNKNOWN " + type + " after SA");
        Exchange first = Exchange.upTo(dir, Exchange.MI1);
        refused(first, Exchange.MI1, Packets.clear(ex.msg(Exchange.MI1), Packets.plus(ps, 0, payloadOfType(type))), why, 0,
                "M-NP-UNKNOWN " + type + " first");
    }

    @ParameterizedTest
    @ValueSource(ints = {14, 15, 16, 19, 21, 33, 53, 99, 131, 132, 255})
    void anUnknownPayloadInLaterMessagesIsRefusedAndTheStateKept(int type) {
        for (int k : new int[] {Exchange.MR1, Exchange.MI2, Exchange.MR2, Exchange.MI3, Exchange.MR3, Exchange.QI1,
            Exchange.QR1, Exchange.QI2}) {
            if ((type == 21 || type == 131) && (k == Exchange.QI1 || k == Exchange.QR1)) {
                continue; // NAT-OA belongs in Quick Mode (RFC 3947 §5.2)
            }
            Exchange ex = Exchange.upTo(dir, k);
            List<Payload> ps = payloadsOf(ex, k);
            refused(ex, k, rebuilt(ex, k, Packets.plus(ps, ps.size(), payloadOfType(type))),
                    "message ignored because it contains an unknown or unexpected payload type", 0,
                    "M-NP-UNKNOWN " + type + " in " + Exchange.NAMES.get(k));
        }
    }

    @Test
    void aSigInMi1IsUnexpected() {
        // the CVE-2020-1763 shape: a Main Mode I1 starting with SIG
        Exchange ex = Exchange.upTo(dir, Exchange.MI1);
        List<Payload> ps = Packets.payloads(ex.msg(Exchange.MI1));
        refused(ex, Exchange.MI1, Packets.clear(ex.msg(Exchange.MI1), Packets.plus(ps, 0, new SigPayload(Bytes.zeros(64)))),
                "unknown or unexpected payload type (SIG) at the outermost level", 0, "M-NP-UNEXPECTED SIG first");
        Exchange after = Exchange.upTo(dir, Exchange.MI1);
        refused(after, Exchange.MI1, Packets.clear(ex.msg(Exchange.MI1), Packets.plus(ps, 1, new SigPayload(Bytes.zeros(64)))),
                "unknown or unexpected payload type (SIG) at the outermost level", 0, "M-NP-UNEXPECTED SIG after SA");
    }

    @Test
    void phase1PayloadsInTheWrongMessageAreUnexpected() {
        Exchange ex = Exchange.upTo(dir, Exchange.MI2);
        List<Payload> ps = Packets.payloads(ex.msg(Exchange.MI2));
        SaPayload sa = Packets.decode(ex.msg(Exchange.MI1)).first(SaPayload.class).orElseThrow();
        refused(ex, Exchange.MI2, Packets.clear(ex.msg(Exchange.MI2), Packets.plus(ps, 0, sa)),
                "unknown or unexpected payload type (SA)", 0, "SA in MI2");
        Exchange mi3 = Exchange.upTo(dir, Exchange.MI3);
        List<Payload> p3 = payloadsOf(mi3, Exchange.MI3);
        refused(mi3, Exchange.MI3, rehashedPhase1(mi3, Exchange.MI3, Packets.plus(p3, 2, new KePayload(Bytes.zeros(256)))),
                "unknown or unexpected payload type (KE)", 0, "KE in MI3");
        Exchange qi2 = Exchange.upTo(dir, Exchange.QI2);
        List<Payload> p8 = payloadsOf(qi2, Exchange.QI2);
        refused(qi2, Exchange.QI2, rebuilt(qi2, Exchange.QI2, Packets.plus(p8, 1, new NoncePayload(Bytes.zeros(16)))),
                "unknown or unexpected payload type (NONCE)", 0, "NONCE in QI2");
    }

    // ---- M-MISSING: every required payload of every message removed ----

    @Test
    void mi1WithoutItsSa() {
        Exchange ex = Exchange.upTo(dir, Exchange.MI1);
        refused(ex, Exchange.MI1, Packets.clear(ex.msg(Exchange.MI1), List.of()),
                "message for STATE_MAIN_R0 is missing payloads SA", 0, "M-MISSING MI1 SA");
        Exchange vid = Exchange.upTo(dir, Exchange.MI1);
        refused(vid, Exchange.MI1, Packets.clear(ex.msg(Exchange.MI1), List.of(new VendorIdPayload(Bytes.fromHex("0102")))),
                "message for STATE_MAIN_R0 is missing payloads SA", 0, "M-MISSING MI1 SA (VID only)");
    }

    @ParameterizedTest
    @ValueSource(ints = {Exchange.MR1, Exchange.MI2, Exchange.MR2, Exchange.MI3, Exchange.MR3, Exchange.QI1,
        Exchange.QR1, Exchange.QI2})
    void everyRequiredPayloadRemovedKeepsTheState(int k) {
        String state = Oracle.stateLines(Exchange.upTo(dir, k).sim, Exchange.upTo(dir, k).receiver(k)).toString();
        List<Payload> ps = payloadsOf(Exchange.upTo(dir, k), k);
        for (int i = 0; i < ps.size(); i++) {
            Payload gone = ps.get(i);
            if (gone instanceof IdPayload && k >= Exchange.QI1) {
                continue; // optional in Quick Mode: see theQuickModeIdsComeInPairs
            }
            if (gone instanceof KePayload && k >= Exchange.QI1) {
                continue; // required by PFS only: see pfsWithoutKe
            }
            if (gone instanceof VendorIdPayload || gone instanceof org.jswan.ike.wire.NatDPayload
                    || gone instanceof org.jswan.ike.wire.NotificationPayload || gone instanceof org.jswan.ike.wire.NatOaPayload) {
                continue; // optional: vendor IDs, NAT-D, INITIAL_CONTACT, NAT-OA
            }
            Exchange ex = Exchange.upTo(dir, k);
            String name = org.jswan.ike.wire.PayloadType.nameOf(gone.type());
            String receiving = k == Exchange.QI1 ? "STATE_QUICK_R0" : state.substring(state.indexOf("STATE_"),
                    state.indexOf(' ', state.indexOf("STATE_")));
            refused(ex, k, rebuilt(ex, k, Packets.without(ps, i)), "message for " + receiving + " is missing payloads " + name,
                    0, "M-MISSING " + Exchange.NAMES.get(k) + " " + name);
        }
    }

    @Test
    void pfsWithoutKe() {
        Exchange ex = Exchange.upTo(dir, Exchange.QI1);
        List<Payload> rest = payloadsOf(ex, Exchange.QI1);
        rest.remove(0);
        rest.removeIf(p -> p instanceof KePayload);
        refused(ex, Exchange.QI1, qi1(ex, rest), "missing KE payload for PFS", 1, "M-MISSING QI1 KE");
        Exchange qr = Exchange.upTo(dir, Exchange.QR1);
        List<Payload> r1 = payloadsOf(qr, Exchange.QR1);
        r1.remove(0);
        r1.removeIf(p -> p instanceof KePayload);
        refused(qr, Exchange.QR1, qr.keys().qr1(qr.msg(Exchange.QI1), qiNonce(qr), qr.msg(Exchange.QR1), r1),
                "PFS in the reply does not match our proposal", 0, "M-MISSING QR1 KE");
    }

    @Test
    void theQuickModeIdsComeInPairs() {
        Exchange ex = Exchange.upTo(dir, Exchange.QI1);
        List<Payload> rest = payloadsOf(ex, Exchange.QI1);
        rest.remove(0);
        List<Payload> oneId = Packets.without(rest, rest.size() - 1);
        refused(ex, Exchange.QI1, qi1(ex, oneId), "Quick Mode must carry no IDs or exactly two", 1, "M-MISSING QI1 IDcr");
        Exchange three = Exchange.upTo(dir, Exchange.QI1);
        List<Payload> threeIds = Packets.plus(rest, rest.size(), rest.get(rest.size() - 1));
        refused(three, Exchange.QI1, qi1(three, threeIds), "Quick Mode must carry no IDs or exactly two", 1, "M-DUP QI1 IDs");
        Exchange qr = Exchange.upTo(dir, Exchange.QR1);
        List<Payload> r1 = payloadsOf(qr, Exchange.QR1);
        r1.remove(0);
        refused(qr, Exchange.QR1, qr.keys().qr1(qr.msg(Exchange.QI1), qiNonce(qr), qr.msg(Exchange.QR1),
                Packets.without(r1, r1.size() - 1)), "IDci/IDcr in Quick Mode reply do not match ours", 0, "M-MISSING QR1 IDcr");
    }

    // ---- M-DUP ----

    @Test
    void twoSaPayloadsInMi1() {
        Exchange ex = Exchange.upTo(dir, Exchange.MI1);
        List<Payload> ps = Packets.payloads(ex.msg(Exchange.MI1));
        Oracle.Result r = refused(ex, Exchange.MI1, Packets.clear(ex.msg(Exchange.MI1), Packets.plus(ps, 1, ps.get(0))),
                "Phase 1 message must contain exactly one SA payload", 1, "M-DUP MI1 SA");
        assertEquals(1, r.sends.size(), "PAYLOAD_MALFORMED is sent");
    }

    @ParameterizedTest
    @ValueSource(ints = {Exchange.MI2, Exchange.MR2})
    void twoKeOrTwoNoncePayloads(int k) {
        for (int i = 0; i < 2; i++) {
            Exchange ex = Exchange.upTo(dir, k);
            List<Payload> ps = Packets.payloads(ex.msg(k));
            refused(ex, k, Packets.clear(ex.msg(k), Packets.plus(ps, i, ps.get(i))),
                    "message must carry exactly one KE and one Nonce payload", 0, "M-DUP " + Exchange.NAMES.get(k) + " " + i);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {Exchange.MI3, Exchange.MR3})
    void twoIdOrTwoHashPayloadsInTheAuthenticationMessages(int k) {
        for (int i = 0; i < 2; i++) {
            Exchange ex = Exchange.upTo(dir, k);
            List<Payload> ps = payloadsOf(ex, k);
            refused(ex, k, rehashedPhase1(ex, k, Packets.plus(ps, i, ps.get(i))),
                    "Main Mode message must carry exactly one", 0, "M-DUP " + Exchange.NAMES.get(k) + " " + i);
        }
    }

    @Test
    void duplicatedQuickModePayloads() {
        Exchange probe = Exchange.upTo(dir, Exchange.QI1);
        List<Payload> rest = payloadsOf(probe, Exchange.QI1);
        HashPayload hash = (HashPayload) rest.remove(0);
        for (int i = 0; i < 3; i++) { // SA, Ni, KE
            Exchange ex = Exchange.upTo(dir, Exchange.QI1);
            refused(ex, Exchange.QI1, qi1(ex, Packets.plus(rest, i, rest.get(i))),
                    "Quick Mode message carries duplicated payloads", 1, "M-DUP QI1 " + rest.get(i).type());
        }
        Exchange twoHashes = Exchange.upTo(dir, Exchange.QI1);
        List<Payload> withHash = Packets.plus(rest, 0, hash);
        refused(twoHashes, Exchange.QI1, qi1(twoHashes, withHash), "Quick Mode message carries duplicated payloads", 1,
                "M-DUP QI1 HASH");
    }

    // ---- M-ORDER ----

    @Test
    void phase1NotStartingWithSa() {
        Exchange ex = Exchange.upTo(dir, Exchange.MI1);
        List<Payload> ps = Packets.payloads(ex.msg(Exchange.MI1));
        refused(ex, Exchange.MI1, Packets.clear(ex.msg(Exchange.MI1), Packets.plus(ps, 0, new VendorIdPayload(
                Bytes.fromHex("afcad71368a1f1c96b8696fc77570100")))),
                "malformed Phase 1 message: does not start with an SA payload", 1, "M-ORDER MI1");
    }

    @Test
    void quickModeNotStartingWithHash() {
        Exchange ex = Exchange.upTo(dir, Exchange.QI1);
        List<Payload> ps = payloadsOf(ex, Exchange.QI1);
        List<Payload> swapped = new ArrayList<>(ps);
        swapped.set(0, ps.get(1));
        swapped.set(1, ps.get(0));
        refused(ex, Exchange.QI1, rebuilt(ex, Exchange.QI1, swapped),
                "malformed Quick Mode message: does not start with a HASH payload", 1, "M-ORDER QI1");
        Exchange qr = Exchange.upTo(dir, Exchange.QR1);
        List<Payload> r1 = payloadsOf(qr, Exchange.QR1);
        List<Payload> last = new ArrayList<>(r1.subList(1, r1.size()));
        last.add(r1.get(0));
        refused(qr, Exchange.QR1, rebuilt(qr, Exchange.QR1, last),
                "malformed Quick Mode message: does not start with a HASH payload", 0, "M-ORDER QR1");
    }

    @Test
    void quickModePayloadsInAnotherOrderAfterAValidHashAreStillUnderstood() {
        Exchange ex = Exchange.upTo(dir, Exchange.QI1);
        List<Payload> rest = payloadsOf(ex, Exchange.QI1);
        rest.remove(0);
        List<Payload> reordered = new ArrayList<>(rest);
        java.util.Collections.reverse(reordered.subList(0, 3)); // KE, Ni, SA, IDci, IDcr
        Oracle.Result r = deliver(ex, Exchange.QI1, qi1(ex, reordered), "M-ORDER QI1 SA last");
        assertTrue(r.logged("STATE_QUICK_R1"), r.log.toString());
        settles(ex, Exchange.QI1, "M-ORDER QI1 SA last");
    }

    // ---- M-MANYPL / M-TRAILING / M-PLEN ----

    @ParameterizedTest
    @ValueSource(ints = {29, 30, 31, 63, 64, 65, 1000})
    void manyPayloadsAreBoundedWork(int n) {
        Exchange ex = Exchange.upTo(dir, Exchange.MI1);
        List<Payload> ps = new ArrayList<>(Packets.payloads(ex.msg(Exchange.MI1)));
        for (int i = 1; i < n; i++) {
            ps.add(new VendorIdPayload(Bytes.of(i & 0xff, i >> 8)));
        }
        Bytes big = Packets.clear(ex.msg(Exchange.MI1), ps);
        Oracle.Result r = deliver(ex, Exchange.MI1, big, "M-MANYPL " + n);
        if (ps.size() > org.jswan.ike.wire.PayloadChain.MAX_PAYLOADS) {
            assertTrue(r.logged("more than " + org.jswan.ike.wire.PayloadChain.MAX_PAYLOADS + " payloads in message; ignored"),
                    r.log.toString());
            assertEquals(0, r.sends.size());
        } else {
            assertEquals(1, r.sends.size(), "answered: " + r.log);
        }
        assertTrue(r.log.size() < 10, "bounded logging: " + r.log.size() + " lines");
        settles(ex, Exchange.MI1, "M-MANYPL " + n);
    }

    @Test
    void aSecondMessageAppendedIsRefused() {
        // CVE-2022-23094 shape: I1 whose VID payload length is 1, then a copy of the whole message
        Exchange ex = Exchange.upTo(dir, Exchange.MI1);
        Bytes mi1 = ex.msg(Exchange.MI1);
        List<Payload> ps = Packets.plus(Packets.payloads(mi1), Packets.payloads(mi1).size(),
                new VendorIdPayload(Bytes.fromHex("0102030405060708")));
        Bytes withVid = Packets.clear(mi1, ps);
        int vidAt = withVid.length() - 12;
        Bytes shortVid = Packets.withBytes(withVid, vidAt + 2, Bytes.of(0, 1));
        Bytes twice = shortVid.concat(shortVid);
        refused(ex, Exchange.MI1, Packets.withU32(twice, 24, twice.length()), "malformed payload in packet", 0,
                "M-TRAILING / M-PLEN-LT4");
        for (int len = 0; len < 4; len++) {
            Exchange again = Exchange.upTo(dir, Exchange.MI1);
            refused(again, Exchange.MI1, Packets.withBytes(withVid, vidAt + 2, Bytes.of(0, len)), "malformed payload in packet",
                    0, "M-PLEN-LT4 " + len);
        }
        Exchange trailing = Exchange.upTo(dir, Exchange.MI1);
        Bytes junk = mi1.concat(Bytes.fromHex("deadbeef"));
        refused(trailing, Exchange.MI1, Packets.withU32(junk, 24, junk.length()), "left over after its last payload", 0,
                "M-TRAILING");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 64, 65535})
    void aPayloadLengthRunningPastTheDatagramIsRefused(int over) {
        Exchange ex = Exchange.upTo(dir, Exchange.MI2);
        Bytes mi2 = ex.msg(Exchange.MI2);
        int nonceAt = 28 + mi2.getU16(28 + 2);
        int len = Math.min(0xffff, mi2.getU16(nonceAt + 2) + over);
        refused(ex, Exchange.MI2, Packets.withBytes(mi2, nonceAt + 2, Bytes.u16(len)), "malformed payload in packet", 0,
                "M-PLEN-OVER " + over);
    }

    @Test
    void zeroLengthBodies() {
        // KE and Nonce with empty bodies: the length checks, not the DH code, refuse them
        for (int i = 0; i < 2; i++) {
            Exchange ex = Exchange.upTo(dir, Exchange.MI2);
            List<Payload> ps = Packets.payloads(ex.msg(Exchange.MI2));
            Payload empty = i == 0 ? new KePayload(Bytes.EMPTY) : new NoncePayload(Bytes.EMPTY);
            refused(ex, Exchange.MI2, Packets.clear(ex.msg(Exchange.MI2), Packets.with(ps, i, empty)),
                    i == 0 ? "KE has 0 byte DH public value; 256 required" : "Ni length not between 8 and 256", 0,
                    "M-PLEN-ZERO-BODY " + i);
        }
        Exchange sa = Exchange.upTo(dir, Exchange.MI1);
        refused(sa, Exchange.MI1, Packets.clear(sa.msg(Exchange.MI1), List.of(new UnknownPayload(1, Bytes.EMPTY))),
                "malformed payload in packet", 0, "M-PLEN-ZERO-BODY SA");
    }

    // ---- C-ID / M-QM-ID: every ID type, behind a valid HASH (CVE-2023-38711 class) ----

    @Test
    void everyPhase1IdTypeBehindAValidHash() {
        Exchange ex = Exchange.upTo(dir, Exchange.MI3);
        for (int type = 0; type < 256; type++) {
            for (Bytes data : List.of(Bytes.fromHex("7f000001"), Bytes.EMPTY, Bytes.fromHex("7f0000"), Bytes.zeros(16),
                    Bytes.fromHex("4065617374"))) {
                IdPayload id = new IdPayload(type, 0, 0, data);
                List<Payload> ps = List.of(id, new HashPayload(ex.keys().hashI(id)));
                String ctx = "C-ID type " + type + " " + data.toHex();
                Oracle.Result r = deliver(ex, Exchange.MI3, rebuilt(ex, Exchange.MI3, ps), ctx);
                if (ex.east.logged("ISAKMP SA established")) {
                    assertTrue(type == 1 && data.length() == 4, ctx + " established: " + r.log);
                    ex = Exchange.upTo(dir, Exchange.MI3);
                } else {
                    assertEquals(List.of("#1: STATE_MAIN_R2"), Oracle.kinds(ex.sim, ex.east), ctx + ": " + r.log);
                }
            }
        }
        settles(ex, Exchange.MI3, "C-ID");
    }

    @Test
    void everyQuickModeIdTypeBehindAValidHash() {
        Exchange ex = Exchange.upTo(dir, Exchange.QI1);
        List<Payload> rest = payloadsOf(ex, Exchange.QI1);
        rest.remove(0);
        int idci = rest.size() - 2;
        List<Bytes> datas = List.of(Bytes.fromHex("c6336400ffffff00"), Bytes.fromHex("c6336400ffffff"),
                Bytes.fromHex("c6336400ffffff0000"), Bytes.fromHex("c6336400ff00ff00"), Bytes.fromHex("c6336464c6336400"),
                Bytes.fromHex("c6336401"), Bytes.zeros(32), Bytes.fromHex("7765737440"), Bytes.EMPTY);
        for (int type = 0; type < 256; type++) {
            boolean addressType = type == 1 || (type >= 4 && type <= 8);
            for (int i = 0; i < (addressType ? datas.size() : 2); i++) {
                String ctx = "M-QM-ID type " + type + " data " + i;
                IdPayload id = new IdPayload(type, i == 5 ? 17 : 0, i == 5 ? 500 : 0, datas.get(i));
                // a Message ID of its own for each: an authentic QI1 reserves the one it uses
                Bytes template = Packets.withMessageId(ex.msg(Exchange.QI1), 0x40000000L + type * 16 + i);
                Bytes qi1 = ex.keys().qi1(ex.msg(Exchange.MR3), template, Packets.with(rest, idci, id));
                Oracle.Result r = deliver(ex, Exchange.QI1, qi1, ctx);
                if (Oracle.kinds(ex.sim, ex.east).size() > 1) {
                    assertTrue(type == 4 && i == 0, ctx + " made an SA: " + r.log);
                    ex = Exchange.upTo(dir, Exchange.QI1);
                } else {
                    assertTrue(r.logged("INVALID_ID_INFORMATION") || r.logged("malformed payload in packet"),
                            ctx + ": " + r.log);
                }
            }
        }
        settles(ex, Exchange.QI1, "M-QM-ID");
    }
}
