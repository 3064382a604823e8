package org.jswan.ike.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jswan.ike.base.Bytes;
import org.jswan.ike.wire.IpsecAttribute;
import org.jswan.ike.wire.NotificationPayload;
import org.jswan.ike.wire.NotifyType;
import org.jswan.ike.wire.OakleyAttribute;
import org.jswan.ike.wire.Payload;
import org.jswan.ike.wire.ProposalPayload;
import org.jswan.ike.wire.SaAttribute;
import org.jswan.ike.wire.SaPayload;
import org.jswan.ike.wire.TransformPayload;
import org.jswan.ike.wire.UnknownPayload;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * SA, proposal and attribute cases of security-and-users.md §A3.2: M-SIT, M-PROP, M-ATTR, M-KEYLEN,
 * M-LIFE and C-GROUP, in Main Mode I1 (refused with one NO_PROPOSAL_CHOSEN and no state, or
 * dropped as malformed) and in Quick Mode I1 behind a valid HASH(1) (refused inside the ISAKMP SA).
 */
class RobustProposalTest {
    @TempDir
    Path dir;

    private static final int ENC = OakleyAttribute.ENCRYPTION_ALGORITHM.value();
    private static final int KEYLEN = OakleyAttribute.KEY_LENGTH.value();
    private static final int LIFE_TYPE = OakleyAttribute.LIFE_TYPE.value();
    private static final int LIFE = OakleyAttribute.LIFE_DURATION.value();
    private static final int GROUP = OakleyAttribute.GROUP_DESCRIPTION.value();

    /** The first transform west offers: AES_CBC 256, SHA2_256, PSK, MODP2048, 3600 s. */
    private static List<SaAttribute> t1(Exchange ex) {
        return saOf(ex).proposals().get(0).transforms().get(0).attributes();
    }

    private static SaPayload saOf(Exchange ex) {
        return Packets.decode(ex.msg(Exchange.MI1)).first(SaPayload.class).orElseThrow();
    }

    private static List<SaAttribute> replaced(List<SaAttribute> attrs, int type, SaAttribute with) {
        List<SaAttribute> out = new ArrayList<>();
        boolean done = false;
        for (SaAttribute a : attrs) {
            if (a.type() == type && !done) {
                if (with != null) {
                    out.add(with);
                }
                done = true;
            } else {
                out.add(a);
            }
        }
        if (!done && with != null) {
            out.add(with);
        }
        return out;
    }

    private static Bytes mi1(Exchange ex, Payload sa) {
        return Packets.clear(ex.msg(Exchange.MI1), List.of(sa));
    }

    private static Bytes mi1With(Exchange ex, List<SaAttribute> attrs) {
        TransformPayload t = new TransformPayload(1, 1, attrs);
        return mi1(ex, SaPayload.ipsec(List.of(new ProposalPayload(1, 1, Bytes.EMPTY, List.of(t)))));
    }

    private static Oracle.Result deliverMi1(Exchange ex, Bytes mi1, String ctx) {
        Oracle.Result r = Oracle.packet(ex.sim, ex.east, mi1, ex.from(Exchange.MI1), ctx);
        Oracle.answersAtMostOnce(r, mi1, true, ctx);
        return r;
    }

    private static int notifyIn(Bytes reply) {
        return Packets.decode(reply).first(NotificationPayload.class).orElseThrow().notifyType();
    }

    /** MI1 refused: the reason logged, one NO_PROPOSAL_CHOSEN, no state; then the oracle. */
    private Oracle.Result noProposal(Bytes mi1, String why, String ctx) {
        Exchange ex = Exchange.upTo(dir, Exchange.MI1);
        Oracle.Result r = deliverMi1(ex, mi1, ctx);
        assertTrue(r.logged(why), ctx + ": expected \"" + why + "\" in " + r.log);
        assertTrue(r.logged("no acceptable Oakley Transform"), ctx + ": " + r.log);
        assertEquals(1, r.sends.size(), ctx + ": " + r);
        assertEquals(NotifyType.NO_PROPOSAL_CHOSEN.value(), notifyIn(r.sends.get(0).data()), ctx);
        assertEquals(0, ex.east.states(), ctx);
        Oracle.settles(ex.sim, ex.east, 0, true, ctx);
        return r;
    }

    /** MI1 dropped as malformed: the reason logged, nothing sent, no state. */
    private void malformed(Bytes mi1, String why, String ctx) {
        Exchange ex = Exchange.upTo(dir, Exchange.MI1);
        Oracle.Result r = deliverMi1(ex, mi1, ctx);
        assertTrue(r.logged(why), ctx + ": expected \"" + why + "\" in " + r.log);
        assertEquals(0, r.sends.size(), ctx + ": " + r);
        assertEquals(0, ex.east.states(), ctx);
        Oracle.settles(ex.sim, ex.east, 0, true, ctx);
    }

    /** MI1 accepted: one MR1, STATE_MAIN_R1. */
    private Oracle.Result accepted(Bytes mi1, String ctx) {
        Exchange ex = Exchange.upTo(dir, Exchange.MI1);
        Oracle.Result r = deliverMi1(ex, mi1, ctx);
        assertEquals(1, r.sends.size(), ctx + ": " + r);
        assertEquals(List.of("#1: STATE_MAIN_R1"), Oracle.kinds(ex.sim, ex.east), ctx + ": " + r.log);
        Oracle.settles(ex.sim, ex.east, 0, true, ctx);
        return r;
    }

    // ---- M-SIT ----

    @ParameterizedTest
    @ValueSource(longs = {0, 2, 3, 0xFFFFFFFFL})
    void anotherDoiIsNotSpoken(long doi) {
        Exchange ex = Exchange.upTo(dir, Exchange.MI1);
        malformed(Packets.withU32(ex.msg(Exchange.MI1), 32, doi), "is not supported (only ISAKMP_DOI_IPSEC)", "M-SIT DOI " + doi);
    }

    @ParameterizedTest
    @ValueSource(longs = {2, 3, 4, 7, 0x80000000L, 0xFFFFFFFFL})
    void anUnsupportedSituationIsRefusedWithABoundedLine(long situation) {
        Exchange ex = Exchange.upTo(dir, Exchange.MI1);
        Exchange probe = Exchange.upTo(dir, Exchange.MI1);
        Bytes mi1 = Packets.withU32(ex.msg(Exchange.MI1), 36, situation);
        malformed(mi1, "unsupported IPsec DOI situation (", "M-SIT " + situation);
        Oracle.Result r = deliverMi1(probe, mi1, "M-SIT line length");
        for (String l : r.log) {
            assertTrue(l.length() <= 512, "log line of " + l.length() + " chars: " + l);
        }
    }

    // ---- M-PROP ----

    @Test
    void anSaWithoutProposals() {
        Exchange ex = Exchange.upTo(dir, Exchange.MI1);
        malformed(mi1(ex, new UnknownPayload(1, Bytes.fromHex("0000000100000001"))), "SA payload has no Proposal payload",
                "M-PROP 0 proposals");
    }

    @Test
    void aProposalWithoutTransforms() {
        Exchange ex = Exchange.upTo(dir, Exchange.MI1);
        // SA: DOI, situation; proposal: next 0, RESERVED, length 8, #1, PROTO_ISAKMP, SPI size 0, 0 transforms
        malformed(mi1(ex, new UnknownPayload(1, Bytes.fromHex("00000001000000010000000801010000"))), "has no transforms",
                "M-PROP 0 transforms");
        Exchange count = Exchange.upTo(dir, Exchange.MI1);
        Bytes good = count.msg(Exchange.MI1);
        int transformsAt = 28 + 12 + 7; // # of transforms of the first proposal
        malformed(Packets.withByte(good, transformsAt, good.get(transformsAt) + 1), "malformed payload in packet",
                "M-PROP # of transforms + 1");
        malformed(Packets.withByte(good, transformsAt, good.get(transformsAt) - 1), "malformed payload in packet",
                "M-PROP # of transforms - 1");
        malformed(Packets.withByte(good, transformsAt, 255), "malformed payload in packet", "M-PROP 255 declared");
    }

    @Test
    void twoHundredFiftyFiveProposalsOrTransforms() {
        Exchange ex = Exchange.upTo(dir, Exchange.MI1);
        TransformPayload t = new TransformPayload(1, 1, t1(ex));
        List<ProposalPayload> ps = new ArrayList<>();
        List<TransformPayload> ts = new ArrayList<>();
        List<TransformPayload> bad = new ArrayList<>();
        for (int i = 1; i <= 255; i++) {
            ps.add(new ProposalPayload(i, 1, Bytes.EMPTY, List.of(t)));
            ts.add(new TransformPayload(i, 1, t1(ex)));
            bad.add(new TransformPayload(i, 1, replaced(t1(ex), ENC, SaAttribute.basic(ENC, 99))));
        }
        accepted(mi1(ex, SaPayload.ipsec(ps)), "M-PROP 255 proposals");
        accepted(mi1(ex, SaPayload.ipsec(List.of(new ProposalPayload(1, 1, Bytes.EMPTY, ts)))), "M-PROP 255 transforms");
        Oracle.Result r = noProposal(mi1(ex, SaPayload.ipsec(List.of(new ProposalPayload(1, 1, Bytes.EMPTY, bad)))),
                "Oakley transform 255 refused: encryption 99 not supported", "M-PROP 255 refused transforms");
        // one line per refused transform and the summary: work and logging bounded by the payload
        assertTrue(r.log.size() <= 255 + 3, r.log.size() + " lines");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 3, 5, 16})
    void phase1SpiSizesTheRfcAllows(int n) {
        Exchange ex = Exchange.upTo(dir, Exchange.MI1);
        TransformPayload t = new TransformPayload(1, 1, t1(ex));
        accepted(mi1(ex, SaPayload.ipsec(List.of(new ProposalPayload(1, 1, Bytes.zeros(n), List.of(t))))), "M-PROP SPI " + n);
    }

    @ParameterizedTest
    @ValueSource(ints = {17, 32, 255})
    void phase1SpiSizesItDoesNot(int n) {
        Exchange ex = Exchange.upTo(dir, Exchange.MI1);
        TransformPayload t = new TransformPayload(1, 1, t1(ex));
        malformed(mi1(ex, SaPayload.ipsec(List.of(new ProposalPayload(1, 1, Bytes.zeros(n), List.of(t))))),
                "malformed payload in packet", "M-PROP SPI " + n);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 5, 200, 255})
    void aPhase1ProposalForAnotherProtocol(int protocol) {
        Exchange ex = Exchange.upTo(dir, Exchange.MI1);
        TransformPayload t = new TransformPayload(1, 1, t1(ex));
        noProposal(mi1(ex, SaPayload.ipsec(List.of(new ProposalPayload(1, protocol, Bytes.EMPTY, List.of(t))))),
                "is not PROTO_ISAKMP", "M-PROP protocol " + protocol);
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3, 4})
    void aPhase1ProposalForAnIpsecProtocolNeedsItsSpiSize(int protocol) {
        Exchange ex = Exchange.upTo(dir, Exchange.MI1);
        TransformPayload t = new TransformPayload(1, 1, t1(ex));
        malformed(mi1(ex, SaPayload.ipsec(List.of(new ProposalPayload(1, protocol, Bytes.EMPTY, List.of(t))))),
                "has an SPI size of 0", "M-PROP protocol " + protocol + " without SPI");
        noProposal(mi1(ex, SaPayload.ipsec(List.of(new ProposalPayload(1, protocol, Bytes.zeros(4), List.of(t))))),
                "is not PROTO_ISAKMP", "M-PROP protocol " + protocol);
    }

    @Test
    void aPhase1TransformThatIsNotKeyIke() {
        Exchange ex = Exchange.upTo(dir, Exchange.MI1);
        TransformPayload t = new TransformPayload(1, 0, t1(ex));
        noProposal(mi1(ex, SaPayload.ipsec(List.of(new ProposalPayload(1, 1, Bytes.EMPTY, List.of(t))))),
                "is not KEY_IKE", "M-PROP transform id 0");
    }

    // ---- M-ATTR ----

    @Test
    void attributeFormsAndTypes() {
        Exchange ex = Exchange.upTo(dir, Exchange.MI1);
        List<SaAttribute> t = t1(ex);
        noProposal(mi1With(ex, replaced(t, LIFE, SaAttribute.variable(LIFE, Bytes.EMPTY))), "has an empty value",
                "M-ATTR TLV length 0");
        accepted(mi1With(ex, replaced(t, LIFE, SaAttribute.variable(LIFE, Bytes.fromHex("000e10")))), "M-ATTR TLV length 3");
        noProposal(mi1With(ex, replaced(t, LIFE, SaAttribute.variable(LIFE, Bytes.zeros(9)))), "too long for a number",
                "M-ATTR TLV length 9");
        for (int type : new int[] {0, 17, 100, 16384, 32767}) {
            noProposal(mi1With(ex, replaced(t, 999_999, SaAttribute.basic(type, 1))), "unknown attribute type " + type,
                    "M-ATTR type " + type);
        }
        noProposal(mi1With(ex, replaced(t, 999_999, SaAttribute.basic(ENC, 7))), "attribute ENCRYPTION_ALGORITHM repeated",
                "M-ATTR duplicated");
        for (int missing : new int[] {ENC, OakleyAttribute.HASH_ALGORITHM.value(), GROUP,
            OakleyAttribute.AUTHENTICATION_METHOD.value()}) {
            noProposal(mi1With(ex, replaced(t, missing, null)), "missing " + OakleyAttribute.nameOf(missing),
                    "M-ATTR missing " + missing);
        }
        noProposal(mi1With(ex, replaced(t, LIFE_TYPE, null)), "LIFE_DURATION without a preceding LIFE_TYPE",
                "M-ATTR life duration alone");
        noProposal(mi1With(ex, replaced(t, LIFE_TYPE, SaAttribute.basic(LIFE_TYPE, 7))), "unknown life type 7",
                "M-ATTR life type 7");
        // TV <-> TLV: a basic attribute sent variable is read by value (lenient), never misframed
        Oracle.Result r = deliverMi1(Exchange.upTo(dir, Exchange.MI1),
                mi1With(ex, replaced(t, ENC, SaAttribute.variable(ENC, Bytes.u16(7)))), "M-ATTR ENC as TLV");
        assertTrue(r.sends.size() <= 1);
    }

    @Test
    void aVariableAttributeRunningPastItsTransform() {
        Exchange ex = Exchange.upTo(dir, Exchange.MI1);
        Bytes m = mi1With(ex, replaced(t1(ex), LIFE, SaAttribute.variable(LIFE, Bytes.fromHex("00000e10"))));
        // the TLV's length field is the last 4-byte attribute header's second half: find it by value 0x000c 0x0004
        int at = -1;
        for (int i = 28; i + 4 <= m.length(); i++) {
            if (m.getU16(i) == LIFE && m.getU16(i + 2) == 4) {
                at = i + 2;
            }
        }
        assertTrue(at > 0);
        // 24 bytes (its value and five attributes) follow the TLV header: more runs past the transform
        for (int len : new int[] {25, 28, 100, 0xffff}) {
            malformed(Packets.withBytes(m, at, Bytes.u16(len)), "malformed payload in packet", "M-ATTR TLV overrun " + len);
        }
        // less swallows or splits the attributes after it: refused or misread, never misframed past the payload
        for (int len : new int[] {0, 1, 3, 5, 8, 20, 24}) {
            Exchange probe = Exchange.upTo(dir, Exchange.MI1);
            Bytes bad = Packets.withBytes(m, at, Bytes.u16(len));
            Oracle.Result r = deliverMi1(probe, bad, "M-ATTR TLV short " + len);
            assertTrue(r.sends.size() <= 1, r.toString());
            Oracle.settles(probe.sim, probe.east, 0, true, "M-ATTR TLV short " + len);
        }
    }

    // ---- M-KEYLEN (CVE-2011-3380 class) ----

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 64, 127, 129, 255, 512, 65535})
    void anInvalidAesKeyLengthIsRefused(int bits) {
        Exchange ex = Exchange.upTo(dir, Exchange.MI1);
        noProposal(mi1With(ex, replaced(t1(ex), KEYLEN, SaAttribute.basic(KEYLEN, bits))),
                "key length " + bits + " not valid for AES_CBC", "M-KEYLEN " + bits);
    }

    @ParameterizedTest
    @ValueSource(ints = {128, 192, 256})
    void aValidAesKeyLengthIsAccepted(int bits) {
        Exchange ex = Exchange.upTo(dir, Exchange.MI1);
        accepted(mi1With(ex, replaced(t1(ex), KEYLEN, SaAttribute.basic(KEYLEN, bits))), "M-KEYLEN " + bits);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 64, 168, 192})
    void aKeyLengthOn3desIsRefused(int bits) {
        Exchange ex = Exchange.upTo(dir, Exchange.MI1);
        List<SaAttribute> t = replaced(t1(ex), ENC, SaAttribute.basic(ENC, 5));
        noProposal(mi1With(ex, replaced(t, KEYLEN, SaAttribute.basic(KEYLEN, bits))),
                "KEY_LENGTH given for fixed-length cipher TRIPLE_DES_CBC", "M-KEYLEN 3DES " + bits);
    }

    // ---- C-GROUP (CVE-2014-9221 class) ----

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 3, 4, 6, 13, 19, 1025, 32767, 65535})
    void anUnsupportedGroupIsRefused(int group) {
        Exchange ex = Exchange.upTo(dir, Exchange.MI1);
        noProposal(mi1With(ex, replaced(t1(ex), GROUP, SaAttribute.basic(GROUP, group))), "not supported",
                "C-GROUP " + group);
    }

    // ---- M-LIFE ----

    @Test
    void isakmpLifetimesUpToOneDayAreAcceptedAndLongerOnesRefused() {
        Exchange ex = Exchange.upTo(dir, Exchange.MI1);
        accepted(mi1With(ex, replaced(t1(ex), LIFE, SaAttribute.number(LIFE, 86400))), "M-LIFE 86400");
        noProposal(mi1With(ex, replaced(t1(ex), LIFE, SaAttribute.number(LIFE, 86401))),
                "peer requested 86401 seconds which exceeds our limit 86400 seconds", "M-LIFE 86401");
        noProposal(mi1With(ex, replaced(t1(ex), LIFE, SaAttribute.number(LIFE, 0xFFFFFFFFL))), "exceeds our limit",
                "M-LIFE 2^32-1");
        noProposal(mi1With(ex, replaced(t1(ex), LIFE, SaAttribute.variable(LIFE, Bytes.fromHex("0000010000000000")))),
                "exceeds our limit", "M-LIFE 8-byte 2^40");
        noProposal(mi1With(ex, replaced(t1(ex), LIFE, SaAttribute.variable(LIFE, Bytes.fromHex("ffffffffffffffff")))),
                "exceeds our limit", "M-LIFE 8-byte all ones");
    }

    @Test
    void anIsakmpLifetimeOverOneDayFromAPeerIsRefusedEndToEnd() {
        Exchange ex = Exchange.ready(dir, b -> b.ikeLifetimeSeconds = 90000);
        ex.sim.initiate(ex.west, "net");
        ex.sim.run(Duration.ofSeconds(100));
        assertTrue(ex.east.logged("peer requested 90000 seconds which exceeds our limit 86400 seconds"), ex.east.log.toString());
        assertEquals(0, ex.east.states());
        assertEquals(0, ex.west.states());
        Oracle.noInternalError("M-LIFE end to end", ex.west, ex.east);
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 1})
    void aTinyIsakmpLifetimeEstablishesAndExpires(long seconds) {
        Exchange ex = Exchange.ready(dir, b -> {
            b.ikeLifetimeSeconds = seconds;
            b.policy = org.jswan.ike.whack.Policy.PSK;
            b.left = b.left.withClient(null, false);
            b.right = b.right.withClient(null, false);
        });
        ex.sim.initiate(ex.west, "net");
        ex.sim.run(Duration.ofSeconds(100));
        assertTrue(ex.east.logged("ISAKMP SA established"), ex.east.log.toString());
        assertEquals(0, ex.east.states(), "expired: " + ex.east.log);
        Oracle.noInternalError("M-LIFE tiny", ex.west, ex.east);
        Oracle.settles(ex.sim, ex.east, 0, false, "M-LIFE tiny");
    }

    @Test
    void anIpsecLifetimeOverOneDayIsClampedToIt() {
        Exchange ex = Exchange.ready(dir, b -> b.ipsecLifetimeSeconds = 200_000);
        ex.sim.initiate(ex.west, "net");
        ex.sim.settle(); // no time passes: the event is exactly lifetime minus margin
        for (Sim.Node n : List.of(ex.east, ex.west)) {
            String st = Oracle.stateLines(ex.sim, n).stream().filter(l -> l.contains("STATE_QUICK_")).findFirst().orElseThrow();
            long in = Long.parseLong(st.replaceAll(".*EVENT_SA_REPLACE in ([0-9]+)s.*", "$1"));
            assertTrue(in <= 86_400 && in > 86_400 - 2 * 540 * 2, n.name + ": " + st);
        }
        String east = Oracle.stateLines(ex.sim, ex.east).stream().filter(l -> l.contains("STATE_QUICK_R2")).findFirst()
                .orElseThrow();
        assertTrue(east.contains("EVENT_SA_REPLACE in 86130s"), "responder: one day less half the margin: " + east);
        Oracle.noInternalError("M-LIFE clamp", ex.west, ex.east);
        Oracle.settles(ex.sim, ex.east, 2, false, "M-LIFE clamp");
    }

    // ---- Phase 2 proposals behind a valid HASH(1) ----

    private static List<Payload> qi1Rest(Exchange ex) {
        SessionKeys keys = ex.keys();
        Bytes qi1 = ex.msg(Exchange.QI1);
        List<Payload> ps = keys.payloads(qi1, keys.phase2Iv(ex.msg(Exchange.MR3), SessionKeys.header(qi1).messageId()));
        ps.remove(0);
        return ps;
    }

    private static ProposalPayload espProposal(Exchange ex) {
        return ((SaPayload) qi1Rest(ex).get(0)).proposals().get(0);
    }

    /** QI1 whose SA is {@code sa}, with a valid HASH(1): refused inside the ISAKMP SA, or dropped as malformed. */
    private void quickRefused(SaPayload sa, String why, int answers, String ctx) {
        Exchange ex = Exchange.upTo(dir, Exchange.QI1);
        Bytes qi1 = ex.keys().qi1(ex.msg(Exchange.MR3), ex.msg(Exchange.QI1), Packets.with(qi1Rest(ex), 0, sa));
        Oracle.Result r = Oracle.packet(ex.sim, ex.east, qi1, ex.from(Exchange.QI1), ctx);
        Oracle.answersAtMostOnce(r, qi1, false, ctx);
        assertTrue(r.logged(why), ctx + ": expected \"" + why + "\" in " + r.log);
        assertEquals(answers, r.sends.size(), ctx + ": " + r);
        assertEquals(List.of("#1: STATE_MAIN_R3"), Oracle.kinds(ex.sim, ex.east), ctx);
        Oracle.settles(ex.sim, ex.east, 1, false, ctx);
    }

    private static SaPayload espSa(ProposalPayload p, List<SaAttribute> attrs) {
        TransformPayload t = p.transforms().get(0);
        return SaPayload.ipsec(List.of(new ProposalPayload(p.number(), p.protocolId(), p.spi(),
                List.of(new TransformPayload(t.number(), t.transformId(), attrs)))));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 4, 5, 200, 255})
    void aQuickModeProposalForAnotherProtocol(int protocol) {
        Exchange ex = Exchange.upTo(dir, Exchange.QI1);
        ProposalPayload p = espProposal(ex);
        int spi = protocol == 4 ? 2 : protocol == 1 ? 0 : 4;
        quickRefused(SaPayload.ipsec(List.of(new ProposalPayload(1, protocol, Bytes.zeros(spi), p.transforms()))),
                "no acceptable Proposal in IPsec SA", 1, "M-PROP QM protocol " + protocol);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 3, 5, 16, 255})
    void aQuickModeSpiOfTheWrongSize(int n) {
        Exchange ex = Exchange.upTo(dir, Exchange.QI1);
        ProposalPayload p = espProposal(ex);
        quickRefused(SaPayload.ipsec(List.of(new ProposalPayload(1, p.protocolId(), Bytes.zeros(n), p.transforms()))),
                "malformed payload in packet", 0, "M-PROP QM SPI " + n);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 3, 4, 1025, 32767, 65535})
    void anUnsupportedPfsGroupIsRefused(int group) {
        Exchange ex = Exchange.upTo(dir, Exchange.QI1);
        ProposalPayload p = espProposal(ex);
        List<SaAttribute> a = replaced(p.transforms().get(0).attributes(), IpsecAttribute.GROUP_DESCRIPTION.value(),
                SaAttribute.basic(IpsecAttribute.GROUP_DESCRIPTION.value(), group));
        quickRefused(espSa(p, a), "not supported", 1, "C-GROUP QM " + group);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 64, 129, 65535})
    void anInvalidEspKeyLengthIsRefused(int bits) {
        Exchange ex = Exchange.upTo(dir, Exchange.QI1);
        ProposalPayload p = espProposal(ex);
        int kl = IpsecAttribute.KEY_LENGTH.value();
        quickRefused(espSa(p, replaced(p.transforms().get(0).attributes(), kl, SaAttribute.basic(kl, bits))),
                "key length " + bits + " not valid for AES_CBC", 1, "M-KEYLEN QM " + bits);
    }

    @ParameterizedTest
    @ValueSource(longs = {86_401, 200_000, 0xFFFFFFFFL})
    void aQuickModeLifetimeOverOneDayIsClamped(long seconds) {
        Exchange ex = Exchange.upTo(dir, Exchange.QI1);
        ProposalPayload p = espProposal(ex);
        int life = IpsecAttribute.SA_LIFE_DURATION.value();
        SaPayload sa = espSa(p, replaced(p.transforms().get(0).attributes(), life, SaAttribute.number(life, seconds)));
        Bytes qi1 = ex.keys().qi1(ex.msg(Exchange.MR3), ex.msg(Exchange.QI1), Packets.with(qi1Rest(ex), 0, sa));
        Oracle.Result r = Oracle.packet(ex.sim, ex.east, qi1, ex.from(Exchange.QI1), "M-LIFE QM " + seconds);
        assertEquals(1, r.sends.size(), r.log.toString());
        assertEquals(List.of("#2: STATE_QUICK_R1", "#1: STATE_MAIN_R3"), Oracle.kinds(ex.sim, ex.east));
        Oracle.settles(ex.sim, ex.east, 1, false, "M-LIFE QM " + seconds);
    }

    @Test
    void anEightOrNineByteQuickModeLifetime() {
        Exchange ex = Exchange.upTo(dir, Exchange.QI1);
        ProposalPayload p = espProposal(ex);
        int life = IpsecAttribute.SA_LIFE_DURATION.value();
        List<SaAttribute> nine = replaced(p.transforms().get(0).attributes(), life,
                SaAttribute.variable(life, Bytes.fromHex("010000000000000000")));
        quickRefused(espSa(p, nine), "too long for a number", 1, "M-LIFE QM 9 bytes");
    }

}
