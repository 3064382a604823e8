package org.jswan.klips.pfkey;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.util.List;
import org.jswan.klips.Eroute;
import org.jswan.klips.KeyMaterial;
import org.jswan.klips.Net;
import org.jswan.klips.SaParams;
import org.jswan.klips.SaProto;
import org.jswan.klips.SaRef;
import org.junit.jupiter.api.Test;

/**
 * One message of each type, built by {@link PfKeyMessages} and compared with bytes written by
 * hand from RFC 2367's layouts (and KLIPS's for its extensions). Each golden also decodes back to
 * the message that was built. pluto's pid is 4242 (0x1092); seq starts at 1.
 */
class GoldenBytesTest {
    static final long PID = 0x1092;
    static final InetAddress US = ip("192.0.2.1");
    static final InetAddress PEER = ip("192.0.2.2");
    static final Net OUR_NET = new Net(ip("198.51.100.0"), 24);
    static final Net PEER_NET = new Net(ip("203.0.113.0"), 24);

    final PfKeyMessages pluto = new PfKeyMessages(PID);

    static InetAddress ip(String s) {
        try {
            return InetAddress.getByName(s);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    static KeyMaterial key(int first, int length) {
        byte[] k = new byte[length];
        for (int i = 0; i < length; i++) {
            k[i] = (byte) (first + i);
        }
        return new KeyMaterial(length, k::clone);
    }

    static void assertGolden(String golden, PfKeyMessage built) throws PfKeyException {
        byte[] want = Hex.parse(golden);
        assertEquals(Hex.of(want), Hex.of(built.encode()));
        assertEquals(built, PfKeyMessage.decode(want));
        assertArrayEquals(want, PfKeyMessage.decode(want).encode());
    }

    static final String ADD_ESP_3DES_MD5 = """
            02 03 00 03   # sadb_msg: version 2, SADB_ADD, errno 0, SADB_SATYPE_ESP
            11 00 00 00   # len 17 words (136 bytes), reserved 0
            01 00 00 00   # seq 1
            92 10 00 00   # pid 4242
            02 00 01 00   # sadb_sa: len 2, SADB_EXT_SA
            12 34 56 78   # spi 0x12345678, network order
            40 01 02 03   # replay 64, MATURE, auth MD5HMAC 2, encrypt 3DESCBC 3
            00 00 00 00   # flags
            03 00 05 00   # sadb_address: len 3, ADDRESS_SRC
            00 00 00 00   # proto 0, prefixlen 0, reserved
            02 00 00 00   # sockaddr_in: AF_INET 2 (host order), port 0
            c0 00 02 01   # 192.0.2.1
            00 00 00 00 00 00 00 00   # sin_zero
            03 00 06 00   # sadb_address: len 3, ADDRESS_DST
            00 00 00 00
            02 00 00 00
            c0 00 02 02   # 192.0.2.2
            00 00 00 00 00 00 00 00
            03 00 08 00   # sadb_key: len 3, KEY_AUTH
            80 00 00 00   # bits 128, reserved
            00 01 02 03 04 05 06 07 08 09 0a 0b 0c 0d 0e 0f   # HMAC-MD5 key
            04 00 09 00   # sadb_key: len 4, KEY_ENCRYPT
            c0 00 00 00   # bits 192, reserved
            10 11 12 13 14 15 16 17 18 19 1a 1b 1c 1d 1e 1f 20 21 22 23 24 25 26 27   # 3DES key
            """;

    @Test
    void addEspWith3desAndMd5() throws Exception {
        SaRef ref = new SaRef(SaProto.ESP, 0x12345678L, US, PEER);
        PfKeyMessage m = pluto.add(new SaParams(ref, false, true, 3, key(0x10, 24), 2, key(0x00, 16), 0, 0));
        assertGolden(ADD_ESP_3DES_MD5, m);
    }

    @Test
    void updateEspWithAesSha256AndUdpEncapsulation() throws Exception {
        pluto.register(SaType.ESP); // seq 1 is used up
        SaRef ref = new SaRef(SaProto.ESP, 0xc0ffee01L, PEER, US);
        PfKeyMessage m = pluto.update(new SaParams(ref, true, true, 12, key(0x40, 16), 5, key(0x80, 32), 4500, 4500));
        assertGolden("""
                02 02 00 03   # SADB_UPDATE, SADB_SATYPE_ESP
                15 00 00 00   # len 21 words (168 bytes)
                02 00 00 00   # seq 2
                92 10 00 00   # pid 4242
                02 00 01 00   # SA
                c0 ff ee 01   # spi
                40 01 05 0c   # replay 64, MATURE, SHA2_256HMAC 5, AESCBC 12
                00 00 01 00   # flags: jswan's X_JSWAN_INBOUND 0x10000 (the SA is inbound)
                03 00 05 00 00 00 00 00 02 00 00 00 c0 00 02 02 00 00 00 00 00 00 00 00   # ADDRESS_SRC 192.0.2.2
                03 00 06 00 00 00 00 00 02 00 00 00 c0 00 02 01 00 00 00 00 00 00 00 00   # ADDRESS_DST 192.0.2.1
                05 00 08 00   # KEY_AUTH, len 5
                00 01 00 00   # 256 bits
                80 81 82 83 84 85 86 87 88 89 8a 8b 8c 8d 8e 8f
                90 91 92 93 94 95 96 97 98 99 9a 9b 9c 9d 9e 9f
                03 00 09 00   # KEY_ENCRYPT, len 3
                80 00 00 00   # 128 bits
                40 41 42 43 44 45 46 47 48 49 4a 4b 4c 4d 4e 4f
                01 00 1b 00   # sadb_x_nat_t_type: len 1, X_NAT_T_TYPE 27
                02 00 00 00   # ESPINUDP (RFC 3948)
                01 00 1c 00   # sadb_x_nat_t_port: len 1, X_NAT_T_SPORT 28
                11 94 00 00   # port 4500, network order
                01 00 1d 00   # X_NAT_T_DPORT 29
                11 94 00 00
                """, m);
    }

    @Test
    void getSpi() throws Exception {
        PfKeyMessage m = pluto.getSpi(SaProto.ESP, PEER, US, 0x1000, 0xffffffffL);
        assertGolden("""
                02 01 00 03   # SADB_GETSPI, ESP
                0a 00 00 00   # len 10 words
                01 00 00 00 92 10 00 00   # seq 1, pid 4242
                03 00 05 00 00 00 00 00 02 00 00 00 c0 00 02 02 00 00 00 00 00 00 00 00   # ADDRESS_SRC 192.0.2.2
                03 00 06 00 00 00 00 00 02 00 00 00 c0 00 02 01 00 00 00 00 00 00 00 00   # ADDRESS_DST 192.0.2.1
                02 00 10 00   # sadb_spirange: len 2, SPIRANGE 16
                00 10 00 00   # min 0x1000, host order
                ff ff ff ff   # max 0xffffffff
                00 00 00 00   # reserved
                """, m);
    }

    @Test
    void getSpiReply() throws Exception {
        PfKeyMessage request = pluto.getSpi(SaProto.ESP, PEER, US, 0x1000, 0xffffffffL);
        assertGolden("""
                02 01 00 03 0a 00 00 00   # SADB_GETSPI reply, ESP, len 10 words
                01 00 00 00 92 10 00 00   # the request's seq and pid
                02 00 01 00   # SA
                00 00 a0 01   # spi 0xa001
                00 00 00 00   # replay 0, LARVAL, no algorithms
                00 00 00 00
                03 00 05 00 00 00 00 00 02 00 00 00 c0 00 02 02 00 00 00 00 00 00 00 00
                03 00 06 00 00 00 00 00 02 00 00 00 c0 00 02 01 00 00 00 00 00 00 00 00
                """, PfKeyMessages.getSpiReply(request, 0xa001));
    }

    @Test
    void deleteAhOverIpv6() throws Exception {
        PfKeyMessage m = pluto.delete(new SaRef(SaProto.AH, 0x1001, ip("2001:db8::1"), ip("2001:db8::2")));
        assertGolden("""
                02 04 00 02   # SADB_DELETE, SADB_SATYPE_AH
                0e 00 00 00   # len 14 words
                01 00 00 00 92 10 00 00
                02 00 01 00 00 00 10 01   # SA, spi 0x1001
                00 01 00 00 00 00 00 00   # replay 0, MATURE
                05 00 05 00   # sadb_address: len 5, ADDRESS_SRC
                00 00 00 00   # proto, prefixlen, reserved
                0a 00 00 00   # sockaddr_in6: AF_INET6 10 (host order), port 0
                00 00 00 00   # flowinfo
                20 01 0d b8 00 00 00 00 00 00 00 00 00 00 00 01   # 2001:db8::1
                00 00 00 00   # scope id
                00 00 00 00   # padding to 64 bits
                05 00 06 00 00 00 00 00 0a 00 00 00 00 00 00 00   # ADDRESS_DST
                20 01 0d b8 00 00 00 00 00 00 00 00 00 00 00 02   # 2001:db8::2
                00 00 00 00 00 00 00 00
                """, m);
    }

    @Test
    void grpsaTunnelThenEsp() throws Exception {
        PfKeyMessage m = pluto.grpsa(new SaRef(SaProto.IPIP, 0x1001, US, PEER),
                new SaRef(SaProto.ESP, 0x12345678L, US, PEER));
        assertGolden("""
                02 0d 00 09   # SADB_X_GRPSA 13, SADB_X_SATYPE_IPIP 9
                0d 00 00 00   # len 13 words
                01 00 00 00 92 10 00 00
                02 00 01 00 00 00 10 01 00 01 00 00 00 00 00 00   # SA tun 0x1001, MATURE
                03 00 06 00 00 00 00 00 02 00 00 00 c0 00 02 02 00 00 00 00 00 00 00 00   # ADDRESS_DST
                01 00 12 00   # sadb_x_satype: len 1, X_SATYPE2 18
                03 00 00 00   # SADB_SATYPE_ESP, reserved
                02 00 13 00   # sadb_sa: len 2, X_SA2 19
                12 34 56 78 00 01 00 00 00 00 00 00
                03 00 14 00 00 00 00 00 02 00 00 00 c0 00 02 02 00 00 00 00 00 00 00 00   # X_ADDRESS_DST2 20
                """, m);
    }

    static final String FLOWS_V4 = """
            03 00 15 00 00 00 00 00 02 00 00 00 c6 33 64 00 00 00 00 00 00 00 00 00   # X_ADDRESS_SRC_FLOW 21: 198.51.100.0
            03 00 16 00 00 00 00 00 02 00 00 00 cb 00 71 00 00 00 00 00 00 00 00 00   # X_ADDRESS_DST_FLOW 22: 203.0.113.0
            03 00 17 00 00 00 00 00 02 00 00 00 ff ff ff 00 00 00 00 00 00 00 00 00   # X_ADDRESS_SRC_MASK 23: /24
            03 00 18 00 00 00 00 00 02 00 00 00 ff ff ff 00 00 00 00 00 00 00 00 00   # X_ADDRESS_DST_MASK 24: /24
            """;

    @Test
    void addFlowReplacingAnEroute() throws Exception {
        SaRef tun = new SaRef(SaProto.IPIP, 0x1001, US, PEER);
        PfKeyMessage m = pluto.eroute(new Eroute(Eroute.Op.REPLACE, OUR_NET, PEER_NET, tun));
        assertGolden("""
                02 0e 00 09   # SADB_X_ADDFLOW 14, X_IPIP
                16 00 00 00   # len 22 words
                01 00 00 00 92 10 00 00
                02 00 01 00 00 00 10 01   # SA, spi of the outermost SA (tun 0x1001)
                00 01 00 00 02 00 00 00   # MATURE, flags SADB_X_SAFLAGS_REPLACEFLOW 2
                03 00 05 00 00 00 00 00 02 00 00 00 c0 00 02 01 00 00 00 00 00 00 00 00   # ADDRESS_SRC: our host
                03 00 06 00 00 00 00 00 02 00 00 00 c0 00 02 02 00 00 00 00 00 00 00 00   # ADDRESS_DST: the peer
                """ + FLOWS_V4, m);
    }

    @Test
    void addShuntTrap() throws Exception {
        PfKeyMessage m = pluto.addShunt(OUR_NET, PEER_NET, Shunt.TRAP, false);
        assertGolden("""
                02 0e 00 0b   # SADB_X_ADDFLOW, SADB_X_SATYPE_INT 11
                16 00 00 00 01 00 00 00 92 10 00 00
                02 00 01 00 00 00 01 04   # SA, spi 260 = %trap
                00 01 00 00 00 00 00 00   # MATURE, no flags
                03 00 05 00 00 00 00 00 02 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00   # ADDRESS_SRC 0.0.0.0
                03 00 06 00 00 00 00 00 02 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00   # ADDRESS_DST 0.0.0.0
                """ + FLOWS_V4, m);
    }

    @Test
    void delFlow() throws Exception {
        SaRef tun = new SaRef(SaProto.IPIP, 0x1001, US, PEER);
        PfKeyMessage m = pluto.eroute(new Eroute(Eroute.Op.DELETE, OUR_NET, PEER_NET, tun));
        assertGolden("""
                02 0f 00 09   # SADB_X_DELFLOW 15, X_IPIP
                0e 00 00 00   # len 14 words: the four flow extensions only
                01 00 00 00 92 10 00 00
                """ + FLOWS_V4, m);
    }

    @Test
    void register() throws Exception {
        assertGolden("""
                02 07 00 0a   # SADB_REGISTER 7, SADB_X_SATYPE_COMP 10
                02 00 00 00   # len 2 words: the header alone
                01 00 00 00 92 10 00 00
                """, pluto.register(SaType.X_COMP));
    }

    @Test
    void registerReply() throws Exception {
        PfKeyMessage request = pluto.register(SaType.ESP);
        PfKeyMessage reply = PfKeyMessages.registerReply(request,
                List.of(new SadbAlg(2, 0, 128, 128), new SadbAlg(3, 0, 160, 160)),
                List.of(new SadbAlg(3, 8, 192, 192), new SadbAlg(12, 16, 128, 256)));
        assertGolden("""
                02 07 00 03 08 00 00 00   # SADB_REGISTER reply, ESP, len 8 words
                01 00 00 00 92 10 00 00   # the request's seq and pid
                03 00 0e 00 00 00 00 00   # sadb_supported: len 3, SUPPORTED_AUTH 14, reserved
                02 00 80 00 80 00 00 00   # sadb_alg: MD5HMAC, ivlen 0, 128-128 bits
                03 00 a0 00 a0 00 00 00   # SHA1HMAC, 160-160
                03 00 0f 00 00 00 00 00   # SUPPORTED_ENCRYPT 15
                03 08 c0 00 c0 00 00 00   # 3DESCBC, ivlen 8, 192-192
                0c 10 80 00 00 01 00 00   # AESCBC, ivlen 16, 128-256
                """, reply);
    }

    @Test
    void flushAll() throws Exception {
        assertGolden("""
                02 09 00 00   # SADB_FLUSH 9, SADB_SATYPE_UNSPEC
                02 00 00 00 01 00 00 00 92 10 00 00
                """, pluto.flush(SaType.UNSPEC));
    }

    @Test
    void acquireFromTheKernel() throws Exception {
        SadbComb comb = new SadbComb(3, 12, 0, 160, 160, 128, 256, 0, 0, 0, 0, 0, 28800, 0, 0);
        PfKeyMessage m = PfKeyMessages.kernel().acquire(SaType.ESP, SockAddr.of(ip("198.51.100.7")),
                SockAddr.of(ip("203.0.113.9")), 1, new SadbProp(64, List.of(comb)));
        assertGolden("""
                02 06 00 03   # SADB_ACQUIRE 6, ESP
                12 00 00 00   # len 18 words
                01 00 00 00   # the kernel's seq 1
                00 00 00 00   # pid 0: from the kernel
                03 00 05 00 01 20 00 00   # ADDRESS_SRC: proto 1 (ICMP), prefixlen 32
                02 00 00 00 c6 33 64 07 00 00 00 00 00 00 00 00   # 198.51.100.7
                03 00 06 00 01 20 00 00
                02 00 00 00 cb 00 71 09 00 00 00 00 00 00 00 00   # 203.0.113.9
                0a 00 0d 00   # sadb_prop: len 10, PROPOSAL 13
                40 00 00 00   # replay 64, reserved
                03 0c 00 00   # sadb_comb: auth SHA1HMAC, encrypt AESCBC, flags 0
                a0 00 a0 00   # auth bits 160-160
                80 00 00 01   # encrypt bits 128-256
                00 00 00 00   # reserved
                00 00 00 00 00 00 00 00   # soft / hard allocations
                00 00 00 00 00 00 00 00   # soft bytes
                00 00 00 00 00 00 00 00   # hard bytes
                00 00 00 00 00 00 00 00   # soft addtime
                80 70 00 00 00 00 00 00   # hard addtime 28800 s
                00 00 00 00 00 00 00 00   # soft usetime
                00 00 00 00 00 00 00 00   # hard usetime
                """, m);
    }

    @Test
    void expireSoft() throws Exception {
        SaRef ref = new SaRef(SaProto.ESP, 0x12345678L, US, PEER);
        PfKeyMessage m = PfKeyMessages.kernel().expire(ref,
                new SadbLifetime(ExtType.LIFETIME_CURRENT, 0, 0x1000, 1_000_000_000L, 0),
                new SadbLifetime(ExtType.LIFETIME_SOFT, 0, 0, 25920, 0));
        assertGolden("""
                02 08 00 03   # SADB_EXPIRE 8, ESP
                12 00 00 00 01 00 00 00 00 00 00 00   # len 18 words, seq 1, pid 0
                02 00 01 00 12 34 56 78   # SA
                00 02 00 00 00 00 00 00   # replay 0, DYING 2
                04 00 02 00   # sadb_lifetime: len 4, LIFETIME_CURRENT 2
                00 00 00 00   # allocations
                00 10 00 00 00 00 00 00   # bytes 4096
                00 ca 9a 3b 00 00 00 00   # addtime 1000000000 (absolute)
                00 00 00 00 00 00 00 00   # usetime
                04 00 04 00   # LIFETIME_SOFT 4
                00 00 00 00
                00 00 00 00 00 00 00 00
                40 65 00 00 00 00 00 00   # addtime 25920 s (7.2 h)
                00 00 00 00 00 00 00 00
                03 00 05 00 00 00 00 00 02 00 00 00 c0 00 02 01 00 00 00 00 00 00 00 00
                03 00 06 00 00 00 00 00 02 00 00 00 c0 00 02 02 00 00 00 00 00 00 00 00
                """, m);
    }

    @Test
    void errorReplyKeepsSeqAndPid() throws Exception {
        SaRef ref = new SaRef(SaProto.ESP, 0x12345678L, US, PEER);
        PfKeyMessage request = pluto.add(new SaParams(ref, false, true, 3, key(0x10, 24), 2, key(0x00, 16), 0, 0));
        assertGolden("""
                02 03 11 03   # SADB_ADD, errno 17 EEXIST, ESP
                02 00 00 00   # the header alone
                01 00 00 00 92 10 00 00   # the request's seq and pid
                """, PfKeyMessages.error(request, Errno.EEXIST));
    }

    @Test
    void addReplyHasNoKeys() throws Exception {
        PfKeyMessage request = PfKeyMessage.decode(Hex.parse(ADD_ESP_3DES_MD5));
        assertGolden("""
                02 03 00 03 0a 00 00 00   # SADB_ADD reply, len 10 words
                01 00 00 00 92 10 00 00
                02 00 01 00 12 34 56 78 40 01 02 03 00 00 00 00
                03 00 05 00 00 00 00 00 02 00 00 00 c0 00 02 01 00 00 00 00 00 00 00 00
                03 00 06 00 00 00 00 00 02 00 00 00 c0 00 02 02 00 00 00 00 00 00 00 00
                """, PfKeyMessages.reply(request));
    }

    @Test
    void unmodelledAndUnknownExtensionsAreKeptByteForByte() throws Exception {
        String golden = """
                02 05 00 03 0d 00 00 00 07 00 00 00 92 10 00 00   # SADB_GET, ESP, len 13, seq 7
                02 00 11 00 00 00 00 00 de ad be ef 01 02 03 04   # X_KMPRIVATE 17 (reserved, private data), carried raw
                02 00 0c 00   # SENSITIVITY 12, len 2 (no bitmaps)
                01 00 00 00 05 00 07 00 00 00 00 00   # dpd 1, sens level 5 len 0, integ level 7 len 0
                01 00 63 00 ca fe ba be   # type 99: unknown, kept
                02 00 0a 00 02 00 00 00 2a 00 00 00 00 00 00 00   # IDENTITY_SRC: FQDN, id 42, no text
                03 00 0b 00 03 00 00 00 00 00 00 00 00 00 00 00   # IDENTITY_DST: USERFQDN
                61 40 62 2e 63 00 00 00   # "a@b.c", NUL, padding
                01 00 1a 00 06 01 00 00   # X_PROTOCOL 26: TCP, direction 1
                """;
        PfKeyMessage m = PfKeyMessage.decode(Hex.parse(golden));
        assertEquals(List.of(
                new RawExtension(17, Octets.ofHex("00000000deadbeef01020304")),
                new RawExtension(12, Octets.ofHex("010000000500070000000000")),
                new RawExtension(99, Octets.ofHex("cafebabe")),
                new SadbIdent(ExtType.IDENTITY_SRC, IdentType.FQDN, 42, Octets.EMPTY),
                SadbIdent.of(ExtType.IDENTITY_DST, IdentType.USERFQDN, "a@b.c"),
                new SadbProtocol(6, 1, 0)), m.extensions());
        assertGolden(golden, m);
    }
}
