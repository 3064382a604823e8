package org.jswan.klips.pfkey;

import static org.jswan.klips.pfkey.GoldenBytesTest.OUR_NET;
import static org.jswan.klips.pfkey.GoldenBytesTest.PEER;
import static org.jswan.klips.pfkey.GoldenBytesTest.PEER_NET;
import static org.jswan.klips.pfkey.GoldenBytesTest.US;
import static org.jswan.klips.pfkey.GoldenBytesTest.ip;
import static org.jswan.klips.pfkey.GoldenBytesTest.key;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.jswan.klips.Eroute;
import org.jswan.klips.KeyMaterial;
import org.jswan.klips.Net;
import org.jswan.klips.SaParams;
import org.jswan.klips.SaProto;
import org.jswan.klips.SaRef;
import org.junit.jupiter.api.Test;

/** What the builders put in each message, beyond the golden bytes. */
class BuildersTest {
    static final SaRef ESP_OUT = new SaRef(SaProto.ESP, 0x12345678L, US, PEER);
    static final SaRef TUN_OUT = new SaRef(SaProto.IPIP, 0x1001, US, PEER);

    /** One of every request pluto sends, for checks that apply to all. */
    static List<PfKeyMessage> everyRequest() {
        PfKeyMessages p = new PfKeyMessages(7);
        List<PfKeyMessage> all = new ArrayList<>();
        all.add(p.getSpi(SaProto.ESP, PEER, US, 0x1000, 0xffffffffL));
        all.add(p.add(new SaParams(ESP_OUT, false, true, 3, key(0, 24), 2, key(0, 16), 0, 0)));
        all.add(p.update(new SaParams(ESP_OUT, false, true, 12, key(0, 16), 3, key(0, 20), 4500, 4500)));
        all.add(p.add(new SaParams(TUN_OUT, false, true, 0, null, 0, null, 0, 0)));
        all.add(p.delete(ESP_OUT));
        all.add(p.grpsa(TUN_OUT, ESP_OUT));
        all.add(p.addFlow(new Eroute(Eroute.Op.ADD, OUR_NET, PEER_NET, TUN_OUT), false));
        all.add(p.addShunt(OUR_NET, PEER_NET, Shunt.HOLD, true));
        all.add(p.delFlow(OUR_NET, PEER_NET));
        for (SaType t : List.of(SaType.AH, SaType.ESP, SaType.X_COMP, SaType.X_IPIP)) {
            all.add(p.register(t));
        }
        all.add(p.flush(SaType.UNSPEC));
        return all;
    }

    @Test
    void seqCountsUpAndPidIsStamped() {
        List<PfKeyMessage> all = everyRequest();
        for (int i = 0; i < all.size(); i++) {
            assertEquals(i + 1, all.get(i).header().seq());
            assertEquals(7, all.get(i).header().pid());
            assertEquals(0, all.get(i).header().errno());
        }
        assertEquals(0, PfKeyMessages.kernel().pid());
    }

    @Test
    void ipcompSaCarriesDeflateAndNoKeys() throws Exception {
        SaRef cpi = new SaRef(SaProto.IPCOMP, 0x1234, US, PEER);
        PfKeyMessage m = new PfKeyMessages(1).add(new SaParams(cpi, false, false, CompAlg.DEFLATE.value(), null, 0,
                null, 0, 0));
        assertEquals(SaType.X_COMP, m.header().satype());
        SadbSa sa = m.require(ExtType.SA, SadbSa.class);
        assertEquals(2, sa.encrypt());
        assertEquals(0, sa.replay(), "no replay window for IPCOMP");
        assertFalse(m.has(ExtType.KEY_AUTH) || m.has(ExtType.KEY_ENCRYPT));
        assertThrows(IllegalArgumentException.class, () -> new PfKeyMessages(1).add(new SaParams(cpi, false, false,
                2, key(0, 16), 0, null, 0, 0)));
    }

    @Test
    void ipipSaIsPlain() {
        PfKeyMessage m = new PfKeyMessages(1).add(new SaParams(TUN_OUT, false, true, 0, null, 0, null, 0, 0));
        assertEquals(SaType.X_IPIP, m.header().satype());
        assertEquals(List.of(ExtType.SA.value(), ExtType.ADDRESS_SRC.value(), ExtType.ADDRESS_DST.value()),
                m.extensions().stream().map(Extension::typeNumber).toList());
        assertThrows(IllegalArgumentException.class, () -> new PfKeyMessages(1).add(new SaParams(TUN_OUT, false,
                true, 3, null, 0, null, 0, 0)));
    }

    @Test
    void ahSaHasOnlyTheAuthKey() throws Exception {
        SaRef ah = new SaRef(SaProto.AH, 0x2000, US, PEER);
        PfKeyMessage m = new PfKeyMessages(1).add(new SaParams(ah, false, false, 0, null, 3, key(1, 20), 0, 0));
        SadbKey k = m.require(ExtType.KEY_AUTH, SadbKey.class);
        assertEquals(160, k.bits());
        assertFalse(m.has(ExtType.KEY_ENCRYPT));
        assertEquals(PfKeyMessages.REPLAY_WINDOW, m.require(ExtType.SA, SadbSa.class).replay());
    }

    @Test
    void udpEncapsulationIsForEspOnly() {
        SaRef ah = new SaRef(SaProto.AH, 0x2000, US, PEER);
        assertThrows(IllegalArgumentException.class, () -> new PfKeyMessages(1).add(new SaParams(ah, false, false,
                0, null, 3, key(1, 20), 4500, 4500)));
    }

    @Test
    void revealedKeyCopiesAreZeroised() {
        List<byte[]> handedOut = new ArrayList<>();
        KeyMaterial k = new KeyMaterial(16, () -> {
            byte[] b = new byte[16];
            java.util.Arrays.fill(b, (byte) 0x5a);
            handedOut.add(b);
            return b;
        });
        PfKeyMessage m = new PfKeyMessages(1).add(new SaParams(ESP_OUT, false, true, 12, k, 0, null, 0, 0));
        assertEquals(1, handedOut.size());
        assertArrayEquals(new byte[16], handedOut.get(0));
        byte[] wire = m.encode();
        assertEquals(0x5a, wire[wire.length - 1]);
        assertFalse(m.toString().contains("5a5a"), m.toString());
        assertTrue(m.toString().contains("<secret 16 bytes>"), m.toString());
        m.wipeKeys();
        assertArrayEquals(new byte[16], m.find(ExtType.KEY_ENCRYPT, SadbKey.class).orElseThrow().key().reveal());
    }

    @Test
    void erouteOpsPickTheMessage() {
        PfKeyMessages p = new PfKeyMessages(1);
        PfKeyMessage add = p.eroute(new Eroute(Eroute.Op.ADD, OUR_NET, PEER_NET, TUN_OUT));
        assertEquals(SadbMsgType.X_ADDFLOW, add.type());
        assertEquals(0, ((SadbSa) add.find(ExtType.SA).orElseThrow()).flags());
        PfKeyMessage replace = p.eroute(new Eroute(Eroute.Op.REPLACE, OUR_NET, PEER_NET, TUN_OUT));
        assertEquals(SaFlags.X_REPLACEFLOW, ((SadbSa) replace.find(ExtType.SA).orElseThrow()).flags());
        PfKeyMessage del = p.eroute(new Eroute(Eroute.Op.DELETE, OUR_NET, PEER_NET, null));
        assertEquals(SadbMsgType.X_DELFLOW, del.type());
        assertEquals(SaType.X_INT, del.header().satype());
        assertEquals(4, del.extensions().size());
        assertThrows(IllegalArgumentException.class,
                () -> p.addFlow(new Eroute(Eroute.Op.ADD, OUR_NET, PEER_NET, null), false));
        assertThrows(IllegalArgumentException.class,
                () -> p.addFlow(new Eroute(Eroute.Op.DELETE, OUR_NET, PEER_NET, TUN_OUT), false));
    }

    @Test
    void shuntsUseTheirSpisAndAnyAddresses() {
        PfKeyMessages p = new PfKeyMessages(1);
        int[] spis = {256, 257, 258, 259, 260, 261};
        for (int i = 0; i < Shunt.values().length; i++) {
            Shunt s = Shunt.values()[i];
            PfKeyMessage m = p.addShunt(OUR_NET, PEER_NET, s, false);
            assertEquals(SaType.X_INT, m.header().satype());
            assertEquals(spis[i], ((SadbSa) m.find(ExtType.SA).orElseThrow()).spi());
            assertEquals(ip("0.0.0.0"), ((SadbAddress) m.find(ExtType.ADDRESS_SRC).orElseThrow()).address().address());
            assertEquals(s, Shunt.ofSpi(spis[i]).orElseThrow());
        }
        assertEquals("%trap", Shunt.TRAP.text());
    }

    @Test
    void flowsAreNetworksWithMasksInIpv6Too() {
        Net ours = new Net(ip("2001:db8:1::5"), 48);
        Net theirs = new Net(ip("2001:db8:2::"), 64);
        PfKeyMessage m = new PfKeyMessages(1).addShunt(ours, theirs, Shunt.PASS, false);
        assertEquals(ip("2001:db8:1::"), addr(m, ExtType.X_ADDRESS_SRC_FLOW));
        assertEquals(ip("ffff:ffff:ffff::"), addr(m, ExtType.X_ADDRESS_SRC_MASK));
        assertEquals(ip("ffff:ffff:ffff:ffff::"), addr(m, ExtType.X_ADDRESS_DST_MASK));
        assertEquals(ip("::"), addr(m, ExtType.ADDRESS_DST));
        assertEquals(ip("198.51.100.0"), addr(new PfKeyMessages(1).delFlow(new Net(ip("198.51.100.77"), 24),
                PEER_NET), ExtType.X_ADDRESS_SRC_FLOW));
        assertEquals(ip("0.0.0.0"), addr(new PfKeyMessages(1).delFlow(new Net(ip("198.51.100.77"), 0),
                PEER_NET), ExtType.X_ADDRESS_SRC_MASK));
        assertThrows(IllegalArgumentException.class, () -> new PfKeyMessages(1).delFlow(ours, PEER_NET));
    }

    static java.net.InetAddress addr(PfKeyMessage m, ExtType t) {
        return ((SadbAddress) m.find(t).orElseThrow()).address().address();
    }

    @Test
    void getSpiRangeIsChecked() {
        PfKeyMessages p = new PfKeyMessages(1);
        assertThrows(IllegalArgumentException.class, () -> p.getSpi(SaProto.ESP, PEER, US, 5, 4));
        assertThrows(IllegalArgumentException.class, () -> p.getSpi(SaProto.ESP, PEER, US, 0, 1L << 32));
    }

    @Test
    void repliesEchoTheRequest() throws Exception {
        PfKeyMessage add = new PfKeyMessages(99).add(new SaParams(ESP_OUT, false, true, 3, key(0, 24), 2,
                key(0, 16), 0, 0));
        PfKeyMessage ok = PfKeyMessages.reply(add);
        assertEquals(add.header(), ok.header());
        assertEquals(add.without(ExtType.KEY_AUTH, ExtType.KEY_ENCRYPT).extensions(), ok.extensions());
        PfKeyMessage err = PfKeyMessages.error(add, Errno.ENOENT);
        assertEquals(2, err.header().errno());
        assertEquals(add.header().seq(), err.header().seq());
        assertEquals(99, err.header().pid());
        assertTrue(err.extensions().isEmpty());
        assertEquals(ESP_OUT, PfKeyMessages.saRef(add));
        assertEquals(ESP_OUT, PfKeyMessages.saRef(new PfKeyMessages(1).delete(ESP_OUT)));
        PfKeyException e = assertThrows(PfKeyException.class,
                () -> PfKeyMessages.saRef(new PfKeyMessages(1).addShunt(OUR_NET, PEER_NET, Shunt.DROP, false)));
        assertEquals(Errno.EINVAL, e.errno());
    }

    @Test
    void expireOfAnInstalledSaKeepsItsAlgorithms() throws Exception {
        PfKeyMessage add = new PfKeyMessages(99).add(new SaParams(ESP_OUT, false, true, 12, key(0, 16), 5,
                key(0, 32), 0, 0));
        SadbLifetime now = new SadbLifetime(ExtType.LIFETIME_CURRENT, 0, 1, 2, 3);
        PfKeyMessage hard = PfKeyMessages.kernel().expire(add, now,
                new SadbLifetime(ExtType.LIFETIME_HARD, 0, 0, 28800, 0));
        SadbSa sa = hard.require(ExtType.SA, SadbSa.class);
        assertEquals(SaState.DEAD, sa.state());
        assertEquals(12, sa.encrypt());
        assertEquals(5, sa.auth());
        assertEquals(0, hard.header().pid());
        assertEquals(ESP_OUT, PfKeyMessages.saRef(hard));
        RequiredExtensions.check(hard);
        assertThrows(IllegalArgumentException.class, () -> PfKeyMessages.kernel().expire(ESP_OUT, now, now));
    }

    @Test
    void acquireFromPlutoSideDecodes() throws Exception {
        PfKeyMessage acq = PfKeyMessages.kernel().acquire(SaType.ESP, SockAddr.of(ip("2001:db8:1::7")),
                SockAddr.of(ip("2001:db8:2::9")), 58, new SadbProp(64, List.of(SadbComb.of(3, 160, 12, 128, 256))));
        PfKeyMessage back = PfKeyMessage.decode(acq.encode());
        assertEquals(acq, back);
        RequiredExtensions.check(back);
        SadbAddress src = back.require(ExtType.ADDRESS_SRC, SadbAddress.class);
        assertEquals(128, src.prefixLen());
        assertEquals(58, src.proto());
    }

    @Test
    void registryNumbers() {
        assertEquals(13, SadbMsgType.X_GRPSA.value());
        assertEquals(14, SadbMsgType.X_ADDFLOW.value());
        assertEquals(15, SadbMsgType.X_DELFLOW.value());
        assertEquals(SadbMsgType.X_DEBUG, SadbMsgType.of(16).orElseThrow());
        assertTrue(SadbMsgType.of(0).isEmpty());
        assertEquals(11, SaType.X_INT.value());
        assertEquals(SaType.X_COMP, SaType.of(SaProto.IPCOMP));
        assertEquals(5, AuthAlg.SHA2_256HMAC.value());
        assertEquals("SADB_EALG_3DESCBC", EncryptAlg.TRIPLE_DESCBC.sadbName());
        assertEquals(12, EncryptAlg.AESCBC.value());
        assertEquals(2, CompAlg.DEFLATE.value());
        assertEquals(2, SaFlags.X_REPLACEFLOW);
        for (ExtType t : ExtType.values()) {
            assertEquals(t, ExtType.of(t.value()).orElseThrow());
        }
        assertEquals(26, ExtType.X_PROTOCOL.value());
        assertEquals(Errno.EINVAL, Errno.of(22).orElseThrow());
    }
}
