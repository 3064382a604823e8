package org.jswan.ike.crypto;

import static org.jswan.ike.crypto.IsakmpTestMessage.HASH;
import static org.jswan.ike.crypto.IsakmpTestMessage.ID;
import static org.jswan.ike.crypto.IsakmpTestMessage.KE;
import static org.jswan.ike.crypto.IsakmpTestMessage.NONCE;
import static org.jswan.ike.crypto.IsakmpTestMessage.SIG;
import static org.jswan.ike.crypto.IsakmpTestMessage.afterFirst;
import static org.jswan.ike.crypto.IsakmpTestMessage.chain;
import static org.jswan.ike.crypto.IsakmpTestMessage.find;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import org.jswan.ike.base.Bytes;
import org.jswan.ike.base.IpAddress;
import org.jswan.ike.base.Secret;
import org.jswan.ike.conn.Id;
import org.jswan.ike.conn.Resolver;
import org.jswan.ike.engine.Input;
import org.jswan.ike.secrets.RsaPrivateKey;
import org.jswan.ike.secrets.RsaPublicKey;
import org.jswan.ike.secrets.SecretsTable;
import org.jswan.ike.crypto.IsakmpTestMessage.Payload;
import org.jswan.ike.testing.Pcapng;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The RSA-signature exchange of {@code rsa-tunnel.pcapng}: SKEYID = prf(Ni_b | Nr_b, g^xy), then
 * the same schedule as for pre-shared keys. HASH_I and HASH_R are signed rather than sent, so
 * they are checked against charon's log, and charon's SIG_I and SIG_R against our verification with
 * the lab's public keys ({@code crypto/rsa-tunnel-*.pub.pem}, copies of
 * {@code lab/strongswan/conf/v1-rsa-tunnel/keys/}); Quick Mode is without PFS.
 */
class RsaTunnelGoldenTest {
    private static final Prf PRF = HashAlgorithm.SHA1.prf();
    private static final EncryptionAlgorithm AES = EncryptionAlgorithm.AES_CBC;
    private static final long QM_MID = 0x4a1f0ad1L;

    private static CharonLog left;
    private static CharonLog right;
    private static List<Pcapng.UdpFrame> frames;
    private static Bytes gxi;
    private static Bytes gxr;
    private static Bytes ni;
    private static Bytes nr;
    private static Secret gxy;

    @BeforeAll
    static void load() {
        left = CharonLog.readResource("rsa-tunnel.charon-left.log");
        right = CharonLog.readResource("rsa-tunnel.charon-right.log");
        frames = Pcapng.readResource("rsa-tunnel.pcapng");
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
        Secret skeyid = Ikev1Kdf.skeyidSig(PRF, ni, nr, gxy);
        return Ikev1Kdf.derivePhase1(PRF, skeyid, gxy, msg(1).ckyI(), msg(2).ckyR(), AES, 128);
    }

    @Test
    void skeyidForSignatures() {
        Phase1Keys k = phase1();
        for (CharonLog log : List.of(left, right)) {
            assertEquals(log.only("SKEYID").toHex(), k.skeyid().toDebugString(), "SKEYID = prf(Ni_b | Nr_b, g^xy)");
            assertEquals(log.only("SKEYID_d").toHex(), k.skeyidD().toDebugString());
            assertEquals(log.only("SKEYID_a").toHex(), k.skeyidA().toDebugString());
            assertEquals(log.only("SKEYID_e").toHex(), k.skeyidE().toDebugString());
            assertEquals(log.only("encryption key Ka").toHex(), k.encryptionKey().toDebugString());
            assertEquals(log.only("initial IV"), Ikev1Kdf.phase1Iv(HashAlgorithm.SHA1, gxi, gxr, 16));
        }
    }

    @Test
    void hashesOfMainModeAndQuickMode() {
        Phase1Keys k = phase1();
        Bytes iv = Ikev1Kdf.phase1Iv(HashAlgorithm.SHA1, gxi, gxr, 16);
        Bytes saiBody = chain(msg(1).firstPayload(), msg(1).body()).get(0).body();

        // HDR*, IDii, [CERT,] SIG_I -->
        Phase1Crypto.Result r5 = Phase1Crypto.decrypt(AES, k.encryptionKey(), iv, msg(5).body());
        Bytes idii = find(chain(msg(5).firstPayload(), r5.output()), ID).body();
        Bytes hashI = Ikev1Kdf.hashI(PRF, k.skeyid(), gxi, gxr, msg(5).ckyI(), msg(5).ckyR(), saiBody, idii);
        assertEquals(left.only("HASH_I"), hashI);
        assertEquals(right.only("HASH_I"), hashI);

        // <-- HDR*, IDir, [CERT,] SIG_R
        Phase1Crypto.Result r6 = Phase1Crypto.decrypt(AES, k.encryptionKey(), r5.nextIv(), msg(6).body());
        Bytes idir = find(chain(msg(6).firstPayload(), r6.output()), ID).body();
        Bytes hashR = Ikev1Kdf.hashR(PRF, k.skeyid(), gxi, gxr, msg(6).ckyI(), msg(6).ckyR(), saiBody, idir);
        assertEquals(left.only("HASH_R"), hashR);
        assertEquals(right.only("HASH_R"), hashR);

        // HDR*, HASH(1), SA, Ni, IDci, IDcr -->
        Bytes qmIv = Ikev1Kdf.phase2Iv(HashAlgorithm.SHA1, Phase1Crypto.lastBlock(msg(6).body(), AES), QM_MID, 16);
        assertEquals(left.all("next IV for MID " + QM_MID).get(0), qmIv);
        Phase1Crypto.Result r1 = Phase1Crypto.decrypt(AES, k.encryptionKey(), qmIv, msg(7).body());
        List<Payload> p1 = chain(HASH, r1.output());
        assertEquals(left.only("Hash(1)"), Ikev1Kdf.qmHash1(PRF, k.skeyidA(), QM_MID, afterFirst(p1)));
        assertEquals(p1.get(0).body(), left.only("Hash(1)"));

        // <-- HDR*, HASH(2), SA, Nr, IDci, IDcr
        Phase1Crypto.Result r2 = Phase1Crypto.decrypt(AES, k.encryptionKey(), r1.nextIv(), msg(8).body());
        List<Payload> p2 = chain(HASH, r2.output());
        Bytes niB = find(p1, NONCE).body();
        Bytes nrB = find(p2, NONCE).body();
        assertEquals(right.only("Hash(2)"), Ikev1Kdf.qmHash2(PRF, k.skeyidA(), QM_MID, niB, afterFirst(p2)));

        // HDR*, HASH(3) -->
        assertEquals(right.only("Hash(3)"), Ikev1Kdf.qmHash3(PRF, k.skeyidA(), QM_MID, niB, nrB));
        Phase1Crypto.Result r3 = Phase1Crypto.decrypt(AES, k.encryptionKey(), r2.nextIv(), msg(9).body());
        assertEquals(right.only("Hash(3)"), chain(HASH, r3.output()).get(0).body());
    }

    @Test
    void charonsSignaturesVerify() {
        RsaPublicKey leftKey = TestRsaKeys.pemPublicKey("/crypto/rsa-tunnel-left.pub.pem");
        RsaPublicKey rightKey = TestRsaKeys.pemPublicKey("/crypto/rsa-tunnel-right.pub.pem");
        Bytes sigI = mainModeSignature(5);
        Bytes sigR = mainModeSignature(6);
        Bytes hashI = left.only("HASH_I");
        Bytes hashR = left.only("HASH_R");
        assertEquals(256, sigI.length());
        assertEquals(256, sigR.length());

        // HDR*, IDii, SIG_I -->: the initiator (192.0.2.1, left) signed HASH_I.
        assertEquals(RsaSignatures.Verdict.OK, RsaSignatures.verify(leftKey, hashI, sigI));
        // <-- HDR*, IDir, SIG_R: the responder (192.0.2.2, right) signed HASH_R.
        assertEquals(RsaSignatures.Verdict.OK, RsaSignatures.verify(rightKey, hashR, sigR));

        // Crossed keys or hashes do not verify.
        assertEquals(RsaSignatures.Verdict.BAD_BLOCK, RsaSignatures.verify(rightKey, hashI, sigI));
        assertEquals(RsaSignatures.Verdict.BAD_BLOCK, RsaSignatures.verify(leftKey, hashR, sigI));
        assertEquals(RsaSignatures.Verdict.BAD_BLOCK, RsaSignatures.verify(leftKey, hashR, sigR));
    }

    @Test
    void ourSignatureOfHashIIsCharons() throws URISyntaxException {
        // The initiator's private key in FreeS/WAN's ": RSA { ... }" form, read by our loader.
        String file = Path.of(RsaTunnelGoldenTest.class.getResource("/crypto/rsa-tunnel-left.secrets").toURI()).toString();
        Input.SecretsLoad load = SecretsTable.load(file, Resolver.none());
        assertEquals(List.of(new Input.LogNote(2, "loading secrets from \"" + file + "\"")), load.notes());
        RsaPrivateKey key = load.table().findRsaPrivate(Id.ofAddress(IpAddress.parse("192.0.2.1"))).orElseThrow();
        assertEquals(TestRsaKeys.pemPublicKey("/crypto/rsa-tunnel-left.pub.pem"), key.publicKey());

        // PKCS#1 v1.5 type 1 is deterministic, so our SIG_I must be charon's, octet for octet.
        assertEquals(mainModeSignature(5), RsaSignatures.sign(key, left.only("HASH_I")));
    }

    /** The SIG payload's data in MM5 (frame 5) or MM6 (frame 6), decrypted with Ka and the IV chain. */
    private static Bytes mainModeSignature(int frame) {
        Phase1Keys k = phase1();
        Bytes iv = Ikev1Kdf.phase1Iv(HashAlgorithm.SHA1, gxi, gxr, 16);
        Phase1Crypto.Result r5 = Phase1Crypto.decrypt(AES, k.encryptionKey(), iv, msg(5).body());
        Phase1Crypto.Result r = frame == 5 ? r5
                : Phase1Crypto.decrypt(AES, k.encryptionKey(), r5.nextIv(), msg(6).body());
        return find(chain(msg(frame).firstPayload(), r.output()), SIG).body();
    }
}
