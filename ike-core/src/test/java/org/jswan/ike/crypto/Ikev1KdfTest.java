package org.jswan.ike.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jswan.ike.base.Bytes;
import org.jswan.ike.base.Rng;
import org.jswan.ike.base.Secret;
import org.junit.jupiter.api.Test;

/**
 * The parts of the key schedule the charon captures do not reach (they use AES-128 with SHA-1,
 * where SKEYID_e is long enough, and always PFS or no KEYMAT dump): the Appendix B expansion,
 * KEYMAT without PFS and longer than one PRF output, and the argument checks. Expected values
 * are computed independently here with {@code javax.crypto.Mac}, straight from the RFC formulas.
 */
class Ikev1KdfTest {
    private static final Rng RNG = Rng.seeded(2409);
    private static final Bytes CKY_I = RNG.bytes(8);
    private static final Bytes CKY_R = RNG.bytes(8);
    private static final Bytes NI = RNG.bytes(16);
    private static final Bytes NR = RNG.bytes(24);

    /** HMAC of the concatenation, by hand. */
    private static Bytes hmac(HashAlgorithm h, Bytes key, Bytes... parts) {
        try {
            Mac mac = Mac.getInstance(h.jcaHmac());
            mac.init(new SecretKeySpec(key.toArray(), h.jcaHmac()));
            for (Bytes p : parts) {
                mac.update(p.toArray());
            }
            return Bytes.copyOf(mac.doFinal());
        } catch (java.security.GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    private static Bytes open(Secret s) {
        return Bytes.fromHex(s.toDebugString());
    }

    private static Phase1Keys derive(HashAlgorithm h, EncryptionAlgorithm alg, int keyBits, Bytes skeyid, Bytes gxy) {
        return Ikev1Kdf.derivePhase1(h.prf(), Secret.of(skeyid), Secret.of(gxy), CKY_I, CKY_R, alg, keyBits);
    }

    @Test
    void phase1KeysFollowTheRfcFormulas() {
        Bytes skeyid = RNG.bytes(20);
        Bytes gxy = RNG.bytes(128);
        Phase1Keys k = derive(HashAlgorithm.SHA1, EncryptionAlgorithm.AES_CBC, 128, skeyid, gxy);
        Bytes d = hmac(HashAlgorithm.SHA1, skeyid, gxy, CKY_I, CKY_R, Bytes.of(0));
        Bytes a = hmac(HashAlgorithm.SHA1, skeyid, d, gxy, CKY_I, CKY_R, Bytes.of(1));
        Bytes e = hmac(HashAlgorithm.SHA1, skeyid, a, gxy, CKY_I, CKY_R, Bytes.of(2));
        assertEquals(d, open(k.skeyidD()));
        assertEquals(a, open(k.skeyidA()));
        assertEquals(e, open(k.skeyidE()));
        assertEquals(e.slice(0, 16), open(k.encryptionKey()), "Ka = first 128 bits of SKEYID_e");
        assertEquals(skeyid, open(k.skeyid()));
    }

    @Test
    void appendixBExpansionFor3desWithSha1() {
        Phase1Keys k = derive(HashAlgorithm.SHA1, EncryptionAlgorithm.TRIPLE_DES_CBC, 192, RNG.bytes(20), RNG.bytes(128));
        Bytes e = open(k.skeyidE());
        Bytes k1 = hmac(HashAlgorithm.SHA1, e, Bytes.of(0)); // K1 = prf(SKEYID_e, 0)
        Bytes k2 = hmac(HashAlgorithm.SHA1, e, k1);          // K2 = prf(SKEYID_e, K1)
        assertEquals(Bytes.concat(k1, k2).slice(0, 24), open(k.encryptionKey()), "Ka = (K1 | K2)[0..24)");
    }

    @Test
    void appendixBExpansionForAes256WithMd5() {
        Phase1Keys k = derive(HashAlgorithm.MD5, EncryptionAlgorithm.AES_CBC, 256, RNG.bytes(16), RNG.bytes(192));
        Bytes e = open(k.skeyidE());
        Bytes k1 = hmac(HashAlgorithm.MD5, e, Bytes.of(0));
        Bytes k2 = hmac(HashAlgorithm.MD5, e, k1);
        assertEquals(Bytes.concat(k1, k2), open(k.encryptionKey()));
    }

    @Test
    void noExpansionWhenSkeyidEIsLongEnough() {
        // MD5 gives exactly 16 bytes for AES-128; SHA2-256 gives exactly 32 for AES-256
        Phase1Keys md5 = derive(HashAlgorithm.MD5, EncryptionAlgorithm.AES_CBC, 128, RNG.bytes(16), RNG.bytes(128));
        assertEquals(open(md5.skeyidE()), open(md5.encryptionKey()));
        Phase1Keys sha256 = derive(HashAlgorithm.SHA2_256, EncryptionAlgorithm.AES_CBC, 256, RNG.bytes(32), RNG.bytes(256));
        assertEquals(open(sha256.skeyidE()), open(sha256.encryptionKey()));
        Phase1Keys des = derive(HashAlgorithm.SHA2_256, EncryptionAlgorithm.TRIPLE_DES_CBC, 192, RNG.bytes(32), RNG.bytes(256));
        assertEquals(open(des.skeyidE()).slice(0, 24), open(des.encryptionKey()));
    }

    @Test
    void skeyidForSignaturesKeysThePrfWithTheNonces() {
        Bytes gxy = RNG.bytes(128);
        Secret skeyid = Ikev1Kdf.skeyidSig(HashAlgorithm.SHA1.prf(), NI, NR, Secret.of(gxy));
        assertEquals(hmac(HashAlgorithm.SHA1, Bytes.concat(NI, NR), gxy), open(skeyid));
        Secret psk = Ikev1Kdf.skeyidPsk(HashAlgorithm.MD5.prf(), Secret.of(HashKnownAnswerTest.ascii("secret")), NI, NR);
        assertEquals(hmac(HashAlgorithm.MD5, HashKnownAnswerTest.ascii("secret"), NI, NR), open(psk));
    }

    @Test
    void keymatWithoutPfsSpanningThreePrfOutputs() {
        Bytes d = RNG.bytes(20);
        // 3DES (24) + HMAC-SHA1 (20) = 44 bytes = K1 | K2 | K3[0..4)
        Secret km = Ikev1Kdf.keymat(HashAlgorithm.SHA1.prf(), Secret.of(d), null, 3, 0x12345678L, NI, NR, 44);
        Bytes tail = Bytes.concat(Bytes.of(3), Bytes.fromHex("12345678"), NI, NR);
        Bytes k1 = hmac(HashAlgorithm.SHA1, d, tail);
        Bytes k2 = hmac(HashAlgorithm.SHA1, d, k1, tail);
        Bytes k3 = hmac(HashAlgorithm.SHA1, d, k2, tail);
        assertEquals(Bytes.concat(k1, k2, k3).slice(0, 44), open(km));
        assertEquals(Bytes.concat(k1, k2).slice(0, 24), open(Ikev1Kdf.split(km, 0, 24)), "encryption key first");
        assertEquals(Bytes.concat(k1, k2, k3).slice(24, 44), open(Ikev1Kdf.split(km, 24, 44)), "then the integrity key");
    }

    @Test
    void keymatWithPfsPutsGqmAfterThePreviousBlock() {
        Bytes d = RNG.bytes(16);
        Bytes gqm = RNG.bytes(192);
        Secret km = Ikev1Kdf.keymat(HashAlgorithm.MD5.prf(), Secret.of(d), Secret.of(gqm), 2, 0xfffffffeL, NI, NR, 20);
        Bytes tail = Bytes.concat(Bytes.of(2), Bytes.fromHex("fffffffe"), NI, NR);
        Bytes k1 = hmac(HashAlgorithm.MD5, d, gqm, tail);
        Bytes k2 = hmac(HashAlgorithm.MD5, d, k1, gqm, tail);
        assertEquals(Bytes.concat(k1, k2).slice(0, 20), open(km));
        Secret noPfs = Ikev1Kdf.keymat(HashAlgorithm.MD5.prf(), Secret.of(d), null, 2, 0xfffffffeL, NI, NR, 20);
        assertNotEquals(open(noPfs), open(km));
    }

    @Test
    void hashesAndIvsFollowTheRfcFormulas() {
        Prf prf = HashAlgorithm.SHA1.prf();
        Bytes skeyid = RNG.bytes(20);
        Bytes gxi = RNG.bytes(128);
        Bytes gxr = RNG.bytes(128);
        Bytes sai = RNG.bytes(40);
        Bytes idii = RNG.bytes(8);
        Bytes idir = RNG.bytes(12);
        assertEquals(hmac(HashAlgorithm.SHA1, skeyid, gxi, gxr, CKY_I, CKY_R, sai, idii),
                Ikev1Kdf.hashI(prf, Secret.of(skeyid), gxi, gxr, CKY_I, CKY_R, sai, idii));
        assertEquals(hmac(HashAlgorithm.SHA1, skeyid, gxr, gxi, CKY_R, CKY_I, sai, idir),
                Ikev1Kdf.hashR(prf, Secret.of(skeyid), gxi, gxr, CKY_I, CKY_R, sai, idir));
        Bytes a = RNG.bytes(20);
        Bytes mid = Bytes.fromHex("dbdbd3ab");
        Bytes rest = RNG.bytes(60);
        assertEquals(hmac(HashAlgorithm.SHA1, a, mid, rest), Ikev1Kdf.qmHash1(prf, Secret.of(a), 0xdbdbd3abL, rest));
        assertEquals(hmac(HashAlgorithm.SHA1, a, mid, NI, rest), Ikev1Kdf.qmHash2(prf, Secret.of(a), 0xdbdbd3abL, NI, rest));
        assertEquals(hmac(HashAlgorithm.SHA1, a, Bytes.of(0), mid, NI, NR),
                Ikev1Kdf.qmHash3(prf, Secret.of(a), 0xdbdbd3abL, NI, NR));
        assertEquals(hmac(HashAlgorithm.SHA1, a, mid, rest), Ikev1Kdf.infoHash(prf, Secret.of(a), 0xdbdbd3abL, rest));
        assertEquals(HashAlgorithm.MD5.hash(gxi, gxr).slice(0, 8), Ikev1Kdf.phase1Iv(HashAlgorithm.MD5, gxi, gxr, 8));
        Bytes last = RNG.bytes(8);
        assertEquals(HashAlgorithm.SHA1.hash(last, mid).slice(0, 8), Ikev1Kdf.phase2Iv(HashAlgorithm.SHA1, last, 0xdbdbd3abL, 8));
    }

    @Test
    void argumentsAreChecked() {
        Prf prf = HashAlgorithm.SHA1.prf();
        Secret s = Secret.of(RNG.bytes(20));
        assertThrows(IllegalArgumentException.class,
                () -> Ikev1Kdf.derivePhase1(prf, s, s, CKY_I, CKY_R, EncryptionAlgorithm.AES_CBC, 64), "AES-64");
        assertThrows(IllegalArgumentException.class,
                () -> Ikev1Kdf.derivePhase1(prf, s, s, CKY_I.slice(1), CKY_R, EncryptionAlgorithm.AES_CBC, 128), "7-byte cookie");
        assertThrows(IllegalArgumentException.class, () -> Ikev1Kdf.qmHash1(prf, s, -1, Bytes.EMPTY), "negative M-ID");
        assertThrows(IllegalArgumentException.class, () -> Ikev1Kdf.qmHash3(prf, s, 1L << 32, NI, NR), "M-ID over 32 bits");
        assertThrows(IllegalArgumentException.class, () -> Ikev1Kdf.keymat(prf, s, null, 256, 1, NI, NR, 16), "protocol");
        assertThrows(IllegalArgumentException.class, () -> Ikev1Kdf.keymat(prf, s, null, 3, 1L << 32, NI, NR, 16), "SPI");
        assertThrows(IllegalArgumentException.class, () -> Ikev1Kdf.keymat(prf, s, null, 3, 1, NI, NR, 0), "length");
        assertThrows(IllegalArgumentException.class, () -> Ikev1Kdf.phase1Iv(HashAlgorithm.MD5, NI, NR, 32), "IV > digest");
        assertThrows(IllegalArgumentException.class, () -> Ikev1Kdf.split(s, 10, 21));
        assertThrows(IllegalArgumentException.class, () -> Ikev1Kdf.split(s, 5, 4));
        assertEquals(0, Ikev1Kdf.split(s, 20, 20).length());
    }

    @Test
    void keysPrintOpaquely() {
        Phase1Keys k = derive(HashAlgorithm.SHA1, EncryptionAlgorithm.AES_CBC, 128, RNG.bytes(20), RNG.bytes(128));
        assertEquals("Phase1Keys[skeyid=<secret 20 bytes>, skeyidD=<secret 20 bytes>, skeyidA=<secret 20 bytes>, "
                + "skeyidE=<secret 20 bytes>, encryptionKey=<secret 16 bytes>]", k.toString());
        k.close();
        assertThrows(IllegalStateException.class, () -> k.skeyidA().expose());
    }
}
