package org.jswan.ike.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jswan.ike.base.Bytes;
import org.jswan.ike.wire.DeletePayload;
import org.jswan.ike.wire.Doi;
import org.jswan.ike.wire.ExchangeType;
import org.jswan.ike.wire.HashPayload;
import org.jswan.ike.wire.IsakmpHeader;
import org.jswan.ike.wire.IsakmpMessage;
import org.jswan.ike.wire.NotificationPayload;
import org.jswan.ike.wire.NotifyType;
import org.jswan.ike.wire.Payload;
import org.jswan.ike.wire.ProtocolId;
import org.jswan.ike.wire.SaPayload;
import org.jswan.ike.wire.VendorIdPayload;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Informational exchange cases of security-and-users.md §A3.2, against east with both SAs
 * established: I-HASH (a Delete or Notify whose HASH(1) is omitted, empty, wrong or truncated
 * changes nothing — CVE-2019-10155), cleartext Informationals for an established SA, M-DEL-DUP
 * (CVE-2023-38712), Deletes with unknown SPIs and odd SPI sizes, M-DPD-UNKNOWN / M-DPD-EXPIRED
 * (CVE-2009-0790), M-INFO-NOSTATE and unexpected payloads (CVE-2020-1763). Every case that
 * expects nothing to happen has a positive control that shows the same message, authentic, acts.
 */
class RobustInformationalTest {
    static final long MSGID = 0x11223344L;
    static final List<String> BOTH = List.of("#2: STATE_QUICK_R2", "#1: STATE_MAIN_R3");

    @TempDir
    Path dir;

    private Exchange ex;
    private SessionKeys keys;

    private void established() {
        ex = Exchange.upTo(dir, Exchange.ALL);
        keys = ex.keys();
        assertEquals(BOTH, Oracle.kinds(ex.sim, ex.east));
    }

    private Bytes mr3() {
        return ex.msg(Exchange.MR3);
    }

    /** The SPI east sends to: west's inbound ESP SPI, as offered in QI1. */
    private Bytes westSpi() {
        Bytes qi1 = ex.msg(Exchange.QI1);
        List<Payload> ps = keys.payloads(qi1, keys.phase2Iv(mr3(), SessionKeys.header(qi1).messageId()));
        return ((SaPayload) ps.get(1)).proposals().get(0).spi();
    }

    private DeletePayload deleteEsp() {
        return new DeletePayload(Doi.IPSEC, ProtocolId.IPSEC_ESP.value(), 4, List.of(westSpi()));
    }

    private DeletePayload deleteIsakmp() {
        return new DeletePayload(Doi.IPSEC, ProtocolId.ISAKMP.value(), 16, List.of(keys.icookie.concat(keys.rcookie)));
    }

    private NotificationPayload notify(NotifyType t) {
        return new NotificationPayload(Doi.IPSEC, ProtocolId.ISAKMP.value(), keys.icookie.concat(keys.rcookie), t.value(),
                Bytes.u32(1));
    }

    private Oracle.Result deliver(Bytes data, String ctx) {
        Oracle.Result r = Oracle.packet(ex.sim, ex.east, data, ex.west.endpoint(), ctx);
        Oracle.answersAtMostOnce(r, data, false, ctx);
        assertEquals(0, r.sends.size(), ctx + ": an Informational is never answered: " + r);
        return r;
    }

    /** Nothing changed: logged as {@code why}, both SAs still there now and 76 s later. */
    private void ignored(Bytes data, String why, String ctx) {
        Oracle.Result r = deliver(data, ctx);
        assertTrue(r.logged(why), ctx + ": expected \"" + why + "\" in " + r.log);
        assertTrue(r.log.stream().noneMatch(l -> l.contains("deleting")), ctx + ": " + r.log);
        assertEquals(BOTH, Oracle.kinds(ex.sim, ex.east), ctx);
        Oracle.settles(ex.sim, ex.east, 2, false, ctx);
    }

    private static String head(List<String> log) {
        String s = log.toString();
        return s.length() <= 300 ? s : s.substring(0, 300) + "...";
    }

    private Bytes withHash(Bytes hash, List<Payload> rest) {
        List<Payload> all = new ArrayList<>();
        if (hash != null) {
            all.add(new HashPayload(hash));
        }
        all.addAll(rest);
        return keys.infoRaw(mr3(), MSGID, all);
    }

    // ---- I-HASH ----

    @ParameterizedTest
    @ValueSource(strings = {"delete-esp", "delete-isakmp", "notify"})
    void anInformationalWithoutAValidHashChangesNothing(String what) {
        established();
        List<Payload> rest = List.of(what.equals("delete-esp") ? deleteEsp() : what.equals("delete-isakmp") ? deleteIsakmp()
                : notify(NotifyType.INVALID_SPI));
        Bytes right = keys.infoHash(MSGID, rest);
        ignored(withHash(null, rest), "Informational Exchange message is missing its HASH(1); ignored", "I-HASH omitted " + what);
        String mismatch = "received Informational HASH(1) does not match computed value; message ignored";
        ignored(withHash(Bytes.EMPTY, rest), mismatch, "I-HASH empty " + what);
        ignored(withHash(Packets.withByte(right, 0, right.get(0) ^ 0x80), rest), mismatch, "I-HASH wrong " + what);
        ignored(withHash(right.slice(0, 16), rest), mismatch, "I-HASH truncated " + what);
        ignored(withHash(Bytes.zeros(32), rest), mismatch, "I-HASH zero " + what);
        ignored(withHash(keys.infoHash(MSGID + 1, rest), rest), mismatch, "I-HASH for another message ID " + what);
        ignored(withHash(keys.qmHash1(MSGID, rest).slice(0, 31).concat(Bytes.of(0)), rest), mismatch, "I-HASH near " + what);
        // positive control: the same message with its real HASH(1) acts
        Oracle.Result r = deliver(keys.info(mr3(), MSGID, rest), "I-HASH control " + what);
        assertTrue(r.logged(what.equals("delete-esp") ? "received Delete SA payload: deleting IPSEC State #2"
                : what.equals("delete-isakmp") ? "received Delete SA payload: deleting ISAKMP State #1"
                : "received notification INVALID_SPI"), r.log.toString());
    }

    @Test
    void aCleartextInformationalForAnEstablishedSaChangesNothing() {
        established();
        Bytes template = keys.infoRaw(mr3(), MSGID, List.of(deleteEsp()));
        IsakmpHeader h = SessionKeys.header(template).withFlags(0);
        String why = "Informational Exchange message for an established ISAKMP SA must be encrypted";
        ignored(new IsakmpMessage(h, List.of(deleteEsp())).encode(), why, "clear Delete ESP");
        ignored(new IsakmpMessage(h, List.of(deleteIsakmp())).encode(), why, "clear Delete ISAKMP");
        ignored(new IsakmpMessage(h, List.of(new HashPayload(keys.infoHash(MSGID, List.of(deleteEsp()))), deleteEsp()))
                .encode(), why, "clear Delete ESP with its HASH");
        ignored(new IsakmpMessage(h, List.of(notify(NotifyType.R_U_THERE))).encode(), why, "clear R_U_THERE");
    }

    // ---- M-DEL-DUP / M-DEL-THEN-N (CVE-2023-38712) ----

    @Test
    void twoIsakmpDeletesAndANotifyAreProcessedOnce() {
        established();
        Oracle.Result r = deliver(keys.info(mr3(), MSGID, List.of(deleteIsakmp(), deleteIsakmp(),
                notify(NotifyType.INVALID_SPI))), "M-DEL-DUP");
        assertEquals(1, r.count("deleting ISAKMP State #1"), r.log.toString());
        assertEquals(List.of("#2: STATE_QUICK_R2"), Oracle.kinds(ex.sim, ex.east));
        // the deleted SA is gone for good: a second authentic Informational under it finds nothing
        Oracle.Result again = deliver(keys.info(mr3(), MSGID + 1, List.of(deleteEsp())), "after delete");
        assertTrue(again.logged("Informational Exchange is for an unknown (expired?) SA"), again.log.toString());
        assertEquals(List.of("#2: STATE_QUICK_R2"), Oracle.kinds(ex.sim, ex.east));
        Oracle.settles(ex.sim, ex.east, 1, false, "M-DEL-DUP");
    }

    @Test
    void anIsakmpDeleteThenAnEspDeleteInOneMessage() {
        established();
        Oracle.Result r = deliver(keys.info(mr3(), MSGID, List.of(deleteIsakmp(), deleteEsp())), "M-DEL-THEN-D");
        assertEquals(1, r.count("deleting ISAKMP State #1"), r.log.toString());
        assertEquals(List.of("#2: STATE_QUICK_R2"), Oracle.kinds(ex.sim, ex.east), "nothing acts on a deleted SA's behalf");
        Oracle.settles(ex.sim, ex.east, 1, false, "M-DEL-THEN-D");
    }

    @Test
    void anEspDeleteThenTwoIsakmpDeletes() {
        established();
        Oracle.Result r = deliver(keys.info(mr3(), MSGID, List.of(deleteEsp(), deleteIsakmp(), deleteIsakmp())),
                "M-DEL D then ISAKMP twice");
        assertEquals(1, r.count("deleting IPSEC State #2"), r.log.toString());
        assertEquals(1, r.count("deleting ISAKMP State #1"), r.log.toString());
        assertEquals(0, ex.east.states());
        Oracle.settles(ex.sim, ex.east, 0, false, "M-DEL D then ISAKMP twice");
    }

    @Test
    void theSameEspDeleteTwice() {
        established();
        Oracle.Result r = deliver(keys.info(mr3(), MSGID, List.of(deleteEsp(), deleteEsp())), "M-DEL-DUP ESP");
        assertEquals(1, r.count("deleting IPSEC State #2"), r.log.toString());
        assertEquals(1, r.count("not found (maybe expired)"), r.log.toString());
        assertEquals(List.of("#1: STATE_MAIN_R3"), Oracle.kinds(ex.sim, ex.east));
    }

    // ---- Deletes that name nothing we have ----

    @Test
    void deletesForUnknownSpisChangeNothing() {
        established();
        DeletePayload d = new DeletePayload(Doi.IPSEC, ProtocolId.IPSEC_ESP.value(), 4,
                List.of(Bytes.fromHex("deadbeef"), Bytes.fromHex("00000000"), Bytes.fromHex("ffffffff")));
        ignored(keys.info(mr3(), MSGID, List.of(d)), "ignoring Delete SA payload: IPSEC_ESP SA(0xdeadbeef) not found"
                + " (maybe expired)", "Delete unknown SPIs");
        DeletePayload otherIsakmp = new DeletePayload(Doi.IPSEC, ProtocolId.ISAKMP.value(), 16,
                List.of(keys.rcookie.concat(keys.icookie)));
        ignored(keys.info(mr3(), MSGID + 1, List.of(otherIsakmp)), "ignoring Delete SA payload: ISAKMP SA not found",
                "Delete another ISAKMP SA");
        DeletePayload ah = new DeletePayload(Doi.IPSEC, ProtocolId.IPSEC_AH.value(), 4, List.of(westSpi()));
        ignored(keys.info(mr3(), MSGID + 2, List.of(ah)), "ignoring Delete SA payload: IPSEC_AH SA(", "Delete AH for an ESP SPI");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 4, 200, 255})
    void aDeleteForAProtocolWeDoNotHandle(int protocol) {
        established();
        DeletePayload d = new DeletePayload(Doi.IPSEC, protocol, 4, List.of(westSpi()));
        ignored(keys.info(mr3(), MSGID, List.of(d)), protocol == 1 ? "SPI size 4 is not 16 for ISAKMP" : "not handled",
                "Delete protocol " + protocol);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 3, 5, 8, 16, 255})
    void aDeleteWithTheWrongSpiSizeIsRefusedOnce(int size) {
        established();
        List<Bytes> spis = new ArrayList<>();
        int count = size == 0 ? 65535 : Math.min(1000, 60000 / size);
        for (int i = 0; i < count; i++) {
            spis.add(size == 0 ? Bytes.EMPTY : Bytes.zeros(size));
        }
        DeletePayload esp = new DeletePayload(Doi.IPSEC, ProtocolId.IPSEC_ESP.value(), size, spis);
        Oracle.Result r = deliver(keys.info(mr3(), MSGID, List.of(esp)), "Delete ESP SPI size " + size);
        assertTrue(r.logged("ignoring Delete SA payload: SPI size " + size), head(r.log));
        assertEquals(1, r.log.size(), "one line for the payload, not one per SPI: " + r.log.size() + " lines");
        assertEquals(BOTH, Oracle.kinds(ex.sim, ex.east));
        if (size != 16) {
            DeletePayload isakmp = new DeletePayload(Doi.IPSEC, ProtocolId.ISAKMP.value(), size, spis);
            Oracle.Result ri = deliver(keys.info(mr3(), MSGID + 1, List.of(isakmp)), "Delete ISAKMP SPI size " + size);
            assertEquals(1, ri.log.size(), ri.log.size() + " lines");
            assertTrue(ri.logged("ignoring Delete SA payload: SPI size " + size), head(ri.log));
        }
        assertEquals(BOTH, Oracle.kinds(ex.sim, ex.east));
        Oracle.settles(ex.sim, ex.east, 2, false, "Delete SPI size " + size);
    }

    @Test
    void aDeleteOfTenThousandUnknownSpis() {
        established();
        List<Bytes> spis = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            spis.add(Bytes.u32(0x10000000L + i));
        }
        Bytes info = keys.info(mr3(), MSGID, List.of(new DeletePayload(Doi.IPSEC, ProtocolId.IPSEC_ESP.value(), 4, spis)));
        assertTrue(info.length() > 40_000);
        Oracle.Result r = deliver(info, "Delete 10,000 SPIs");
        assertTrue(r.log.size() <= 10_000, "bounded by the SPIs carried: " + r.log.size());
        assertEquals(BOTH, Oracle.kinds(ex.sim, ex.east));
        Oracle.settles(ex.sim, ex.east, 2, false, "Delete 10,000 SPIs");
    }

    // ---- M-DPD-UNKNOWN / M-DPD-EXPIRED (CVE-2009-0790) ----

    private static Bytes cleartextInfo(Bytes icookie, Bytes rcookie, List<Payload> ps) {
        IsakmpHeader h = new IsakmpHeader(icookie, rcookie, 0, 1, 0, ExchangeType.INFO.value(), 0, 0, 0);
        return new IsakmpMessage(h, ps).encode();
    }

    @ParameterizedTest
    @ValueSource(ints = {36136, 36137})
    void aCleartextDpdWithRandomCookiesIsNotAnswered(int type) {
        established();
        java.util.Random rnd = new java.util.Random(type);
        for (int i = 0; i < 20; i++) {
            byte[] c = new byte[16];
            rnd.nextBytes(c);
            Bytes ic = Bytes.copyOf(c).slice(0, 8);
            Bytes rc = i % 2 == 0 ? Bytes.copyOf(c).slice(8) : Bytes.zeros(8);
            NotificationPayload n = new NotificationPayload(Doi.IPSEC, ProtocolId.ISAKMP.value(), ic.concat(rc), type,
                    Bytes.u32(i == 0 ? 0 : i == 1 ? 0xFFFFFFFFL : i));
            Oracle.Result r = deliver(cleartextInfo(ic, rc, List.of(n)), "M-DPD-UNKNOWN " + i);
            assertTrue(r.logged("ignoring unauthenticated informational payload, type " + NotifyType.nameOf(type)),
                    r.log.toString());
        }
        assertEquals(BOTH, Oracle.kinds(ex.sim, ex.east));
        Oracle.settles(ex.sim, ex.east, 2, false, "M-DPD-UNKNOWN");
    }

    @Test
    void anEncryptedDpdForAnUnknownOrExpiredSaIsNotAnswered() {
        established();
        Bytes authentic = keys.info(mr3(), MSGID, List.of(notify(NotifyType.R_U_THERE)));
        String unknown = "Informational Exchange is for an unknown (expired?) SA";
        ignored(Packets.withRcookie(authentic, Bytes.fromHex("0102030405060708")), unknown, "M-DPD-UNKNOWN encrypted");
        ignored(Packets.withIcookie(authentic, Bytes.fromHex("0102030405060708")), unknown, "M-DPD-UNKNOWN encrypted i");
        // M-DPD-EXPIRED: the ISAKMP SA is deleted, then its peer's R_U_THERE arrives
        ex.deleteState(ex.east, 1);
        assertEquals(List.of("#2: STATE_QUICK_R2"), Oracle.kinds(ex.sim, ex.east));
        ex.sim.now = ex.sim.now.plus(java.time.Duration.ofSeconds(1));
        long[] sequences = {0, 1, 0xFFFFFFFFL, 1};
        for (int i = 0; i < sequences.length; i++) {
            long seq = sequences[i];
            NotificationPayload n = new NotificationPayload(Doi.IPSEC, ProtocolId.ISAKMP.value(),
                    keys.icookie.concat(keys.rcookie), NotifyType.R_U_THERE.value(), Bytes.u32(seq));
            Oracle.Result r = deliver(keys.info(mr3(), MSGID + i, List.of(n)), "M-DPD-EXPIRED " + seq);
            assertTrue(r.logged(unknown), r.log.toString());
        }
        Oracle.settles(ex.sim, ex.east, 1, false, "M-DPD-EXPIRED");
    }

    // ---- M-INFO-NOSTATE (CVE-2020-1763) ----

    @Test
    void anEncryptedInformationalForNoStateIsLoggedWithoutAState() {
        Exchange none = Exchange.upTo(dir, Exchange.MI1); // east has no state at all
        ex = Exchange.upTo(dir, Exchange.ALL);
        keys = ex.keys();
        Bytes info = keys.info(mr3(), MSGID, List.of(deleteIsakmp()));
        Oracle.Result r = Oracle.packet(none.sim, none.east, info, none.west.endpoint(), "M-INFO-NOSTATE");
        assertEquals(List.of("packet from 127.0.0.1:8500: Informational Exchange is for an unknown (expired?) SA"), r.log);
        assertEquals(0, r.sends.size());
        Oracle.settles(none.sim, none.east, 0, true, "M-INFO-NOSTATE");
    }

    // ---- M-NP-UNEXPECTED in Informational (CVE-2020-1763) ----

    @Test
    void aCleartextInformationalCarryingAnSaIsIgnoredAndSaysWhy() {
        Exchange none = Exchange.upTo(dir, Exchange.MI1);
        SaPayload sa = Packets.decode(none.msg(Exchange.MI1)).first(SaPayload.class).orElseThrow();
        Bytes info = cleartextInfo(Bytes.fromHex("1122334455667788"), Bytes.zeros(8),
                List.of(sa, new VendorIdPayload(Bytes.fromHex("4048b7d56ebce88525e7de7f00d6c2d3"))));
        Oracle.Result r = Oracle.packet(none.sim, none.east, info, none.west.endpoint(), "SA in INFO");
        Oracle.answersAtMostOnce(r, info, true, "SA in INFO");
        assertEquals(0, r.sends.size());
        assertTrue(r.logged("message ignored because it contains a payload type (SA) unexpected in an Informational"
                + " Exchange"), r.log.toString());
        assertEquals(0, none.east.states());
        Oracle.settles(none.sim, none.east, 0, true, "SA in INFO");
    }

    @Test
    void anAuthenticInformationalCarryingAnSaIsIgnoredWhole() {
        established();
        SaPayload sa = Packets.decode(ex.msg(Exchange.MI1)).first(SaPayload.class).orElseThrow();
        ignored(keys.info(mr3(), MSGID, List.of(sa)), "message ignored because it contains a payload type (SA) unexpected",
                "SA in authentic INFO");
        ignored(keys.info(mr3(), MSGID + 1, List.of(deleteEsp(), sa)), "payload type (SA) unexpected",
                "Delete and SA in authentic INFO");
        ignored(keys.info(mr3(), MSGID + 2, List.of()), "Informational Exchange message carries nothing after its HASH(1)",
                "empty authentic INFO");
    }

    @Test
    void theHashCoversThePayloadsButNotTheFirstOnesType() {
        // Relabelling the payload after HASH(1) (its type is in the HASH's generic header, outside
        // the hash) turns the Delete into a payload of another type: it must then be refused, not acted on
        established();
        Bytes info = keys.info(mr3(), MSGID, List.of(deleteEsp()));
        Bytes plain = keys.plaintext(info, keys.phase2Iv(mr3(), MSGID));
        Bytes relabelled = keys.frame(SessionKeys.header(info), SessionKeys.header(info).nextPayload(),
                Packets.withByte(plain, 0, 7 /* CR */), keys.phase2Iv(mr3(), MSGID));
        ignored(relabelled, "payload type (CR) unexpected", "relabelled Delete");
    }
}
