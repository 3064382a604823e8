package org.jswan.ike.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import org.jswan.ike.base.Bytes;
import org.jswan.ike.crypto.RsaSignatures.Verdict;
import org.jswan.ike.secrets.RsaPrivateKey;
import org.jswan.ike.secrets.RsaPublicKey;
import org.jswan.ike.wire.NotifyType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Signing and verifying HASH_I / HASH_R the RFC 2409 §5.1 way, with keys of the usual sizes. */
class RsaSignaturesTest {
    private static final Bytes HASH_I = HashAlgorithm.SHA1.hash(Bytes.fromHex("0123456789"));

    @ParameterizedTest(name = "{0} bits, e = {1}")
    @CsvSource({"1024, 65537", "2048, 65537", "3072, 65537", "1024, 3", "3072, 3"})
    void signVerifyRoundTrip(int bits, int e) {
        RsaPrivateKey key = TestRsaKeys.key(bits, e);
        RsaPublicKey pub = key.publicKey();
        for (HashAlgorithm h : HashAlgorithm.values()) {
            Bytes hash = h.hash(Bytes.fromHex("c0ffee"), Bytes.u32(bits));
            Bytes sig = RsaSignatures.sign(key, hash);
            assertEquals(bits / 8, sig.length(), "a signature is as long as the modulus");
            assertEquals(Verdict.OK, RsaSignatures.verify(pub, hash, sig), h.name());
            // PKCS#1 v1.5 is deterministic: the same hash gives the same signature.
            assertEquals(sig, RsaSignatures.sign(key, hash));
        }
    }

    @Test
    void sameSignatureAsTheJdksNoneWithRsa() throws Exception {
        // SunRsaSign's NONEwithRSA pads the raw data as a type-01 block, without DigestInfo:
        // an independent implementation of exactly what IKEv1 signs.
        RsaPrivateKey key = TestRsaKeys.key(2048, 65537);
        java.security.Signature jdk = java.security.Signature.getInstance("NONEwithRSA");
        jdk.initSign(java.security.KeyFactory.getInstance("RSA").generatePrivate(
                new java.security.spec.RSAPrivateCrtKeySpec(key.n(), key.e(), key.d(), key.p(), key.q(),
                        key.dP(), key.dQ(), key.qInv())));
        jdk.update(HASH_I.toArray());
        assertEquals(Bytes.copyOf(jdk.sign()), RsaSignatures.sign(key, HASH_I));
    }

    @Test
    void signatureIsTheTypeOneBlockRaisedToD() {
        RsaPrivateKey key = TestRsaKeys.key(1024, 65537);
        Bytes sig = RsaSignatures.sign(key, HASH_I);
        // The textbook computation, without CRT: EB^d mod n.
        String eb = "0001" + "ff".repeat(128 - 3 - 20) + "00" + HASH_I.toHex();
        BigInteger expected = new BigInteger(eb, 16).modPow(key.d(), key.n());
        assertEquals(expected, new BigInteger(1, sig.toArray()));
    }

    @Test
    void shortSignatureValuesAreLeftPadded() {
        RsaPrivateKey key = TestRsaKeys.key(1024, 65537);
        // Find a hash whose signature has a leading zero octet (about 1 in 256).
        for (int i = 0; i < 5000; i++) {
            Bytes hash = HashAlgorithm.SHA1.hash(Bytes.u32(i));
            Bytes sig = RsaSignatures.sign(key, hash);
            assertEquals(128, sig.length());
            if (sig.get(0) == 0) {
                assertEquals(Verdict.OK, RsaSignatures.verify(key.publicKey(), hash, sig));
                return;
            }
        }
        throw new AssertionError("no signature with a leading zero octet in 5000 tries");
    }

    @Test
    void anotherKeyOrAnotherHashDoesNotVerify() {
        RsaPrivateKey a = TestRsaKeys.key(1024, 65537);
        RsaPrivateKey b = TestRsaKeys.key(1024, 3);
        Bytes sig = RsaSignatures.sign(a, HASH_I);
        assertEquals(Verdict.BAD_BLOCK, RsaSignatures.verify(b.publicKey(), HASH_I, sig));
        Bytes otherHash = HashAlgorithm.SHA1.hash(Bytes.fromHex("01234567"));
        assertEquals(Verdict.BAD_BLOCK, RsaSignatures.verify(a.publicKey(), otherHash, sig));
        assertEquals(Verdict.BAD_BLOCK, RsaSignatures.verify(a.publicKey(), HASH_I.slice(0, 16), sig));
    }

    @Test
    void verdictsNameTheirNotification() {
        assertTrue(Verdict.OK.ok());
        assertThrows(IllegalStateException.class, Verdict.OK::notifyType);
        assertEquals(NotifyType.INVALID_KEY_INFORMATION, Verdict.SIGNATURE_LENGTH.notifyType());
        assertEquals(NotifyType.INVALID_KEY_INFORMATION, Verdict.SIGNATURE_RANGE.notifyType());
        assertEquals(NotifyType.INVALID_HASH_INFORMATION, Verdict.BAD_BLOCK.notifyType());
        for (Verdict v : Verdict.values()) {
            assertTrue(v.diagnostic().startsWith("SIG "), v.diagnostic());
            assertEquals(v != Verdict.OK, !v.ok());
        }
    }

    @Test
    void aHashTooLongForTheKeyIsRefused() {
        // 512 bits: 64 octets, room for a hash of at most 64 - 11 = 53.
        RsaPrivateKey key = TestRsaKeys.key(512, 65537);
        assertEquals(53, RsaSignatures.maxHashLength(key.publicKey()));
        Bytes sha512 = HashAlgorithm.SHA2_512.hash(Bytes.EMPTY);
        assertThrows(IllegalArgumentException.class, () -> RsaSignatures.sign(key, sha512));
        assertThrows(IllegalArgumentException.class, () -> RsaSignatures.sign(key, Bytes.EMPTY));
        assertEquals(Verdict.OK, RsaSignatures.verify(key.publicKey(), Bytes.zeros(53),
                RsaSignatures.sign(key, Bytes.zeros(53))));
        // Verification answers rather than throws, even for a hash no block of the key can hold.
        Bytes anySig = Bytes.of(2).concat(Bytes.zeros(63));
        assertEquals(Verdict.BAD_BLOCK, RsaSignatures.verify(key.publicKey(), sha512, anySig));
        assertEquals(Verdict.BAD_BLOCK, RsaSignatures.verify(key.publicKey(), Bytes.EMPTY, anySig));
    }

    @Test
    void tinyOrDegenerateKeysGiveAVerdictNotAnException() {
        // CVE-2018-17540 class: length arithmetic on an attacker's key must not underflow.
        for (long n : new long[] {1, 2, 3, 15, 255, 256, 65535, 65537}) {
            RsaPublicKey k = new RsaPublicKey(BigInteger.valueOf(n), BigInteger.valueOf(3));
            int len = RsaSignatures.signatureLength(k);
            for (Bytes sig : new Bytes[] {Bytes.EMPTY, Bytes.zeros(len), Bytes.of(1).concat(Bytes.zeros(len - 1))}) {
                assertFalse(RsaSignatures.verify(k, HASH_I, sig).ok());
            }
        }
        // Even modulus, even exponent: answered, refused.
        RsaPublicKey even = new RsaPublicKey(BigInteger.ONE.shiftLeft(1023), BigInteger.TWO);
        assertEquals(Verdict.BAD_BLOCK, RsaSignatures.verify(even, HASH_I, Bytes.of(0x01).concat(Bytes.zeros(127))));
    }

    @Test
    void aFaultyCrtResultIsNeverHandedOut() {
        RsaPrivateKey good = TestRsaKeys.key(1024, 65537);
        // dP off by one: s mod p is wrong, s mod q right, so gcd(s^e - m, n) = q would factor n.
        RsaPrivateKey faulty = new RsaPrivateKey(good.n(), good.e(), good.d(), good.p(), good.q(),
                good.dP().add(BigInteger.ONE), good.dQ(), good.qInv());
        IllegalStateException ex = assertThrows(IllegalStateException.class, () -> RsaSignatures.sign(faulty, HASH_I));
        assertFalse(ex.getMessage().matches(".*[0-9a-f]{16}.*"), "no key or signature bytes in the message");
        RsaPrivateKey wrongCoefficient = new RsaPrivateKey(good.n(), good.e(), good.d(), good.p(), good.q(),
                good.dP(), good.dQ(), good.qInv().add(BigInteger.ONE));
        assertThrows(IllegalStateException.class, () -> RsaSignatures.sign(wrongCoefficient, HASH_I));
        assertNotEquals(good, faulty);
    }

    @Test
    void keyIdIsFreeSwansNineCharacters() {
        // RsaPublicKey.keyId() already gives keyblobtoid(3)'s form; RsaSignatures reuses it.
        RsaPublicKey pub = TestRsaKeys.pemPublicKey("/crypto/rsa-tunnel-left.pub.pem");
        assertEquals("AwEAAb/0a", pub.keyId());
    }
}
