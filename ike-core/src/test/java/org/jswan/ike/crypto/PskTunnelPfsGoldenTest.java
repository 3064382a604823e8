package org.jswan.ike.crypto;

import static org.jswan.ike.crypto.IsakmpTestMessage.HASH;
import static org.jswan.ike.crypto.IsakmpTestMessage.ID;
import static org.jswan.ike.crypto.IsakmpTestMessage.KE;
import static org.jswan.ike.crypto.IsakmpTestMessage.NONCE;
import static org.jswan.ike.crypto.IsakmpTestMessage.SA;
import static org.jswan.ike.crypto.IsakmpTestMessage.afterFirst;
import static org.jswan.ike.crypto.IsakmpTestMessage.chain;
import static org.jswan.ike.crypto.IsakmpTestMessage.find;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jswan.ike.base.Bytes;
import org.jswan.ike.base.Secret;
import org.jswan.ike.crypto.IsakmpTestMessage.Payload;
import org.jswan.ike.testing.Pcapng;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Reproduces, from the packets of {@code psk-tunnel-pfs.pcapng} and the two secrets charon logged
 * (the Phase 1 and the Quick Mode g^xy), every key, IV and hash charon printed for that exchange:
 * Main Mode with a pre-shared key, AES-128 / SHA-1 / MODP2048, then Quick Mode with PFS
 * (MODP2048) for one ESP SA pair, then two Informational Deletes.
 */
class PskTunnelPfsGoldenTest {
    private static final Secret PSK = Secret.of(Bytes.copyOf("ssa-lab-ikev1-psk".getBytes(StandardCharsets.US_ASCII)));
    private static final Prf PRF = HashAlgorithm.SHA1.prf();
    private static final EncryptionAlgorithm AES = EncryptionAlgorithm.AES_CBC;
    private static final long QM_MID = 0x6c1fd2f0L;

    private static CharonLog left;   // the initiator
    private static CharonLog right;  // the responder
    private static List<Pcapng.UdpFrame> frames;
    private static IsakmpTestMessage mm1;
    private static Bytes gxi;
    private static Bytes gxr;
    private static Bytes ni;
    private static Bytes nr;
    private static Secret gxy;

    @BeforeAll
    static void load() {
        left = CharonLog.readResource("psk-tunnel-pfs.charon-left.log");
        right = CharonLog.readResource("psk-tunnel-pfs.charon-right.log");
        frames = Pcapng.readResource("psk-tunnel-pfs.pcapng");
        mm1 = msg(1);
        // HDR, KE, Ni -->   and   <-- HDR, KE, Nr
        List<Payload> mm3 = chain(msg(3).firstPayload(), msg(3).body());
        List<Payload> mm4 = chain(msg(4).firstPayload(), msg(4).body());
        gxi = find(mm3, KE).body();
        gxr = find(mm4, KE).body();
        ni = find(mm3, NONCE).body();
        nr = find(mm4, NONCE).body();
        gxy = Secret.of(left.only("shared Diffie Hellman secret"));
    }

    private static IsakmpTestMessage msg(int frame) {
        return IsakmpTestMessage.frame(frames, frame);
    }

    private static Phase1Keys phase1() {
        Secret skeyid = Ikev1Kdf.skeyidPsk(PRF, PSK, ni, nr);
        return Ikev1Kdf.derivePhase1(PRF, skeyid, gxy, mm1.ckyI(), msg(2).ckyR(), AES, 128);
    }

    private static void assertSecret(Bytes expected, Secret actual, String what) {
        assertEquals(expected.toHex(), actual.toDebugString(), what);
    }

    @Test
    void bothEndsAgreeOnTheSharedSecret() {
        assertEquals(left.only("shared Diffie Hellman secret"), right.only("shared Diffie Hellman secret"));
        assertEquals(DhGroup.MODP2048.byteLength(), gxy.length());
        assertEquals(256, gxi.length());
    }

    @Test
    void skeyidAndItsThreeChildrenAndKa() {
        Phase1Keys k = phase1();
        for (CharonLog log : List.of(left, right)) {
            assertSecret(log.only("SKEYID"), k.skeyid(), "SKEYID = prf(PSK, Ni_b | Nr_b)");
            assertSecret(log.only("SKEYID_d"), k.skeyidD(), "SKEYID_d");
            assertSecret(log.only("SKEYID_a"), k.skeyidA(), "SKEYID_a");
            assertSecret(log.only("SKEYID_e"), k.skeyidE(), "SKEYID_e");
            assertSecret(log.only("encryption key Ka"), k.encryptionKey(), "Ka");
        }
    }

    @Test
    void phase1Iv() {
        Bytes iv = Ikev1Kdf.phase1Iv(HashAlgorithm.SHA1, gxi, gxr, AES.blockSize());
        assertEquals(left.only("initial IV"), iv);
        assertEquals(right.only("initial IV"), iv);
    }

    /** Decrypts MM5 and MM6 from the capture and checks HASH_I, HASH_R and the IV chain. */
    @Test
    void mainModeMessages5And6() {
        Phase1Keys k = phase1();
        Bytes iv = Ikev1Kdf.phase1Iv(HashAlgorithm.SHA1, gxi, gxr, AES.blockSize());

        // HDR*, IDii, HASH_I -->
        IsakmpTestMessage mm5 = msg(5);
        assertTrue(mm5.encrypted());
        assertEquals(ID, mm5.firstPayload(), "MM5 starts with an ID payload");
        Phase1Crypto.Result r5 = Phase1Crypto.decrypt(AES, k.encryptionKey(), iv, mm5.body());
        assertEquals(Bytes.fromHex("0800000c 01000000 c0000201"), r5.output().slice(0, 12),
                "IDii: ID_IPV4_ADDR 192.0.2.1");
        Bytes plain5 = left.all("plain").get(0); // what charon encrypted, before its padding
        assertEquals(Phase1Crypto.pad(plain5, 16).length() + 16, r5.output().length(), "charon adds a block of padding");
        assertEquals(plain5, r5.output().slice(0, plain5.length()));
        assertEquals(left.all("next IV for MID 0").get(0), r5.nextIv(), "IV after MM5");

        List<Payload> p5 = chain(ID, r5.output());
        Bytes saiBody = chain(mm1.firstPayload(), mm1.body()).get(0).body();
        Bytes idii = find(p5, ID).body();
        Bytes hashI = Ikev1Kdf.hashI(PRF, k.skeyid(), gxi, gxr, mm5.ckyI(), mm5.ckyR(), saiBody, idii);
        assertEquals(left.only("HASH_I data"),
                Bytes.concat(gxi, gxr, mm5.ckyI(), mm5.ckyR(), saiBody, idii), "HASH_I input");
        assertEquals(left.only("HASH_I"), hashI);
        assertEquals(right.only("HASH_I"), hashI);
        assertEquals(find(p5, HASH).body(), hashI, "HASH_I on the wire");

        // <-- HDR*, IDir, HASH_R
        IsakmpTestMessage mm6 = msg(6);
        Phase1Crypto.Result r6 = Phase1Crypto.decrypt(AES, k.encryptionKey(), r5.nextIv(), mm6.body());
        List<Payload> p6 = chain(mm6.firstPayload(), r6.output());
        Bytes idir = find(p6, ID).body();
        Bytes hashR = Ikev1Kdf.hashR(PRF, k.skeyid(), gxi, gxr, mm6.ckyI(), mm6.ckyR(), saiBody, idir);
        assertEquals(left.only("HASH_R"), hashR);
        assertEquals(right.only("HASH_R"), hashR);
        assertEquals(find(p6, HASH).body(), hashR, "HASH_R on the wire");
        assertEquals(right.all("next IV for MID 0").get(1), r6.nextIv(), "IV after MM6");
    }

    /** The Quick Mode with PFS: its IV, HASH(1), HASH(2), HASH(3) and the ESP KEYMAT. */
    @Test
    void quickModeWithPfs() {
        Phase1Keys k = phase1();
        Bytes lastPhase1Block = Phase1Crypto.lastBlock(msg(6).body(), AES);
        Bytes iv = Ikev1Kdf.phase2Iv(HashAlgorithm.SHA1, lastPhase1Block, QM_MID, AES.blockSize());
        assertEquals(left.all("next IV for MID 1814024944").get(0), iv, "Phase 2 IV");
        assertEquals(right.all("next IV for MID 1814024944").get(0), iv, "Phase 2 IV");

        // HDR*, HASH(1), SA, Ni, KE, IDci, IDcr -->
        IsakmpTestMessage qm1 = msg(7);
        assertEquals(QM_MID, qm1.messageId());
        Phase1Crypto.Result r1 = Phase1Crypto.decrypt(AES, k.encryptionKey(), iv, qm1.body());
        List<Payload> p1 = chain(HASH, r1.output());
        Bytes hash1 = Ikev1Kdf.qmHash1(PRF, k.skeyidA(), QM_MID, afterFirst(p1));
        assertEquals(left.only("Hash(1)"), hash1);
        assertEquals(right.only("Hash(1)"), hash1);
        assertEquals(p1.get(0).body(), hash1, "HASH(1) on the wire");

        // <-- HDR*, HASH(2), SA, Nr, KE, IDci, IDcr
        IsakmpTestMessage qm2 = msg(8);
        Phase1Crypto.Result r2 = Phase1Crypto.decrypt(AES, k.encryptionKey(), r1.nextIv(), qm2.body());
        List<Payload> p2 = chain(HASH, r2.output());
        Bytes niB = find(p1, NONCE).body();
        Bytes nrB = find(p2, NONCE).body();
        Bytes hash2 = Ikev1Kdf.qmHash2(PRF, k.skeyidA(), QM_MID, niB, afterFirst(p2));
        assertEquals(left.only("Hash(2)"), hash2);
        assertEquals(right.only("Hash(2)"), hash2);
        assertEquals(p2.get(0).body(), hash2);

        // HDR*, HASH(3) -->
        IsakmpTestMessage qm3 = msg(9);
        Phase1Crypto.Result r3 = Phase1Crypto.decrypt(AES, k.encryptionKey(), r2.nextIv(), qm3.body());
        Bytes hash3 = Ikev1Kdf.qmHash3(PRF, k.skeyidA(), QM_MID, niB, nrB);
        assertEquals(left.only("Hash(3)"), hash3);
        assertEquals(right.only("Hash(3)"), hash3);
        assertEquals(chain(HASH, r3.output()).get(0).body(), hash3);

        // KEYMAT = prf(SKEYID_d, g(qm)^xy | protocol | SPI | Ni_b | Nr_b) ... for each SA
        Secret gqm = Secret.of(left.only("DH secret"));
        assertEquals(right.only("DH secret"), left.only("DH secret"));
        long spiR = spi(find(p2, SA).body()); // the responder's inbound SA carries I->R traffic
        long spiI = spi(find(p1, SA).body());
        assertEquals(0x13d05e9eL, spiR);
        assertEquals(0xeda1b008L, spiI);
        int encBytes = 16;
        int intBytes = IntegrityAlgorithm.HMAC_SHA1_96.keyLength();
        Secret toResponder = Ikev1Kdf.keymat(PRF, k.skeyidD(), gqm, 3, spiR, niB, nrB, encBytes + intBytes);
        Secret toInitiator = Ikev1Kdf.keymat(PRF, k.skeyidD(), gqm, 3, spiI, niB, nrB, encBytes + intBytes);
        for (CharonLog log : List.of(left, right)) {
            assertSecret(log.only("encryption initiator key"), Ikev1Kdf.split(toResponder, 0, encBytes), "enc I->R");
            assertSecret(log.only("integrity initiator key"),
                    Ikev1Kdf.split(toResponder, encBytes, encBytes + intBytes), "integ I->R");
            assertSecret(log.only("encryption responder key"), Ikev1Kdf.split(toInitiator, 0, encBytes), "enc R->I");
            assertSecret(log.only("integrity responder key"),
                    Ikev1Kdf.split(toInitiator, encBytes, encBytes + intBytes), "integ R->I");
        }
        assertEquals(Bytes.concat(left.only("DH secret"), Bytes.of(3), Bytes.u32(spiR), niB, nrB),
                left.only("initiator SA seed"), "KEYMAT seed layout");
    }

    /** The two Informational exchanges (Delete ESP, Delete ISAKMP) sent by the initiator. */
    @Test
    void informationalDeletes() {
        Phase1Keys k = phase1();
        Bytes lastPhase1Block = Phase1Crypto.lastBlock(msg(6).body(), AES);
        List<Bytes> hashes = left.all("Hash");
        assertEquals(2, hashes.size());
        int[] frameNos = {16, 17};
        for (int i = 0; i < 2; i++) {
            // HDR*, HASH(1), D -->
            IsakmpTestMessage info = msg(frameNos[i]);
            long mid = info.messageId();
            Bytes iv = Ikev1Kdf.phase2Iv(HashAlgorithm.SHA1, lastPhase1Block, mid, AES.blockSize());
            assertEquals(left.all("next IV for MID " + mid).get(0), iv, "IV for MID " + mid);
            Phase1Crypto.Result r = Phase1Crypto.decrypt(AES, k.encryptionKey(), iv, info.body());
            List<Payload> p = chain(HASH, r.output());
            assertEquals(12, p.get(1).type(), "a Delete payload");
            Bytes hash = Ikev1Kdf.infoHash(PRF, k.skeyidA(), mid, afterFirst(p));
            assertEquals(hashes.get(i), hash);
            assertEquals(right.all("Hash").get(i), hash);
            assertEquals(p.get(0).body(), hash);
        }
    }

    /** The SPI of the first proposal in an IPsec SA body (DOI, situation, then the proposal). */
    private static long spi(Bytes saBody) {
        assertEquals(4, saBody.get(8 + 6), "SPI size");
        return saBody.getU32(8 + 8);
    }
}
