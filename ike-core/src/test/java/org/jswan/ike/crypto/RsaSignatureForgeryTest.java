package org.jswan.ike.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.stream.Stream;
import org.jswan.ike.base.Bytes;
import org.jswan.ike.base.Rng;
import org.jswan.ike.crypto.RsaSignatures.Verdict;
import org.jswan.ike.secrets.RsaPrivateKey;
import org.jswan.ike.secrets.RsaPublicKey;
import org.jswan.ike.wire.NotifyType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The C-RSA-* cases of the security reference (§A3.2): every malformed signature a peer can send
 * in MI3/MR3 is refused with one verdict and INVALID_KEY_INFORMATION or INVALID_HASH_INFORMATION,
 * never accepted; and genuine e = 3 Bleichenbacher forgeries, which a left-to-right parser that
 * ignores trailing bytes (FreeS/WAN's way) would accept, are refused.
 *
 * <p>The malformed blocks are turned into signatures with the private key ({@link #rawSign}), so
 * each one really decrypts to the block it is named after; the lenient {@link #naiveAccepts}
 * parser, written here and only here, shows which of them an implementation that parses instead
 * of comparing would have let through.
 */
class RsaSignatureForgeryTest {
    private static final Bytes H = HashAlgorithm.SHA1.hash(Bytes.fromHex("48415348 5f49"));
    private static final Bytes H_MD5 = HashAlgorithm.MD5.hash(Bytes.fromHex("48415348 5f49"));
    private static final BigInteger THREE = BigInteger.valueOf(3);
    /** RFC 8017 §9.2 note 1: the DER DigestInfo prefixes that PKCS#1 signatures outside IKEv1 carry. */
    private static final Bytes SHA1_DIGEST_INFO = Bytes.fromHex("3021300906052b0e03021a05000414");
    private static final Bytes MD5_DIGEST_INFO = Bytes.fromHex("3020300c06082a864886f70d020505000410");

    static Stream<Arguments> keys() {
        return Stream.of(Arguments.of(1024, 65537), Arguments.of(2048, 65537), Arguments.of(3072, 65537),
                Arguments.of(1024, 3), Arguments.of(3072, 3));
    }

    static Stream<Arguments> exponentThreeKeys() {
        return Stream.of(Arguments.of(1024), Arguments.of(3072));
    }

    // ---- C-RSA length and range: INVALID_KEY_INFORMATION (or a bad block for in-range values)

    @ParameterizedTest(name = "{0} bits, e = {1}")
    @MethodSource("keys")
    void signatureLengthOtherThanTheModulusLength(int bits, int e) {
        RsaPrivateKey key = TestRsaKeys.key(bits, e);
        RsaPublicKey pub = key.publicKey();
        Bytes good = RsaSignatures.sign(key, H);
        assertEquals(Verdict.OK, RsaSignatures.verify(pub, H, good));
        for (Bytes sig : new Bytes[] {
            Bytes.of(0).concat(good), // same number, one octet longer
            good.slice(1), // one octet short
            good.slice(0, good.length() - 1),
            good.concat(Bytes.of(0)),
            Bytes.EMPTY, Bytes.of(0), Bytes.zeros(20),
            good.concat(good),
        }) {
            assertRefused(Verdict.SIGNATURE_LENGTH, pub, H, sig);
        }
    }

    @ParameterizedTest(name = "{0} bits, e = {1}")
    @MethodSource("keys")
    void signatureValueOutOfRangeOrDegenerate(int bits, int e) {
        RsaPrivateKey key = TestRsaKeys.key(bits, e);
        RsaPublicKey pub = key.publicKey();
        BigInteger n = pub.n();
        int k = bits / 8;
        assertRefused(Verdict.SIGNATURE_RANGE, pub, H, Bytes.zeros(k)); // s = 0 (CVE-2012-2388)
        assertRefused(Verdict.BAD_BLOCK, pub, H, num(BigInteger.ONE, k)); // 1^e = 1
        assertRefused(Verdict.BAD_BLOCK, pub, H, num(n.subtract(BigInteger.ONE), k)); // (-1)^e = n-1
        assertRefused(Verdict.SIGNATURE_RANGE, pub, H, num(n, k)); // CVE-2017-11185
        assertRefused(Verdict.SIGNATURE_RANGE, pub, H, num(n.add(BigInteger.ONE), k));
        assertRefused(Verdict.SIGNATURE_RANGE, pub, H, num(BigInteger.ONE.shiftLeft(8 * k).subtract(BigInteger.ONE), k));
        assertRefused(Verdict.BAD_BLOCK, pub, H, num(BigInteger.ONE.shiftLeft(bits - 1), k)); // 2^(k-1)
        assertRefused(Verdict.BAD_BLOCK, pub, H, num(BigInteger.TWO, k));

        // A value congruent to a valid signature but not below n: it decrypts to the right block,
        // and is refused for its range before any exponentiation.
        for (int i = 0; i < 1000; i++) {
            Bytes hash = HashAlgorithm.SHA1.hash(Bytes.u32(i));
            BigInteger s = new BigInteger(1, RsaSignatures.sign(key, hash).toArray());
            BigInteger aliased = s.add(n);
            if (aliased.bitLength() <= 8 * k) {
                assertEquals(s.modPow(pub.e(), n), aliased.modPow(pub.e(), n));
                assertRefused(Verdict.SIGNATURE_RANGE, pub, hash, num(aliased, k));
                return;
            }
        }
        throw new AssertionError("no signature below 256^k - n in 1000 tries");
    }

    // ---- C-RSA block: INVALID_HASH_INFORMATION

    @ParameterizedTest(name = "{0} bits, e = {1}")
    @MethodSource("keys")
    void blockTypeTwoWithRandomNonZeroPadding(int bits, int e) {
        RsaPrivateKey key = TestRsaKeys.key(bits, e);
        int k = bits / 8;
        Rng rng = Rng.seeded(bits + e);
        byte[] ps = new byte[k - 3 - H.length()];
        for (int i = 0; i < ps.length; i++) {
            do {
                ps[i] = rng.bytes(1).toArray()[0];
            } while (ps[i] == 0);
        }
        byte[] block = block(k, 0x00, 0x02, Bytes.copyOf(ps), Bytes.of(0), H);
        assertTrue(naiveAccepts(block, H), "FreeS/WAN's RSA_check_signature took block type 02");
        assertRefused(Verdict.BAD_BLOCK, key.publicKey(), H, rawSign(key, block));
    }

    @ParameterizedTest(name = "{0} bits, e = {1}")
    @MethodSource("keys")
    void paddingNotAllFf(int bits, int e) {
        RsaPrivateKey key = TestRsaKeys.key(bits, e);
        int k = bits / 8;
        int pad = k - 3 - H.length();
        for (int at : new int[] {0, pad / 2, pad - 1}) {
            for (int bad : new int[] {0xfe, 0x7f, 0x01}) {
                byte[] block = typeOne(k, H);
                block[2 + at] = (byte) bad;
                assertRefused(Verdict.BAD_BLOCK, key.publicKey(), H, rawSign(key, block));
            }
        }
        // CVE-2018-15836: "00 01 … 00" checked, the padding's contents not.
        byte[] anyPadding = block(k, 0x00, 0x01, fill(pad, 0x42), Bytes.of(0), H);
        assertRefused(Verdict.BAD_BLOCK, key.publicKey(), H, rawSign(key, anyPadding));
        // Block type 00 (zero padding) and 01 with padding shorter than eight octets.
        byte[] typeZero = block(k, 0x00, 0x00, Bytes.zeros(pad), Bytes.of(0), H);
        assertRefused(Verdict.BAD_BLOCK, key.publicKey(), H, rawSign(key, typeZero));
        byte[] shortPadding = block(k, 0x00, 0x01, ff(7), Bytes.of(0), H, Bytes.zeros(pad - 7));
        assertTrue(naiveAccepts(shortPadding, H, 0));
        assertRefused(Verdict.BAD_BLOCK, key.publicKey(), H, rawSign(key, shortPadding));
        // An extra leading zero octet, one FF fewer: 00 00 01 FF… 00 H.
        byte[] shifted = block(k, 0x00, 0x00, Bytes.of(0x01), ff(pad - 1), Bytes.of(0), H);
        assertRefused(Verdict.BAD_BLOCK, key.publicKey(), H, rawSign(key, shifted));
    }

    @ParameterizedTest(name = "{0} bits, e = {1}")
    @MethodSource("keys")
    void noZeroSeparator(int bits, int e) {
        RsaPrivateKey key = TestRsaKeys.key(bits, e);
        int k = bits / 8;
        int pad = k - 3 - H.length();
        for (int sep : new int[] {0xff, 0x01, 0x80}) {
            byte[] block = block(k, 0x00, 0x01, ff(pad), Bytes.of(sep), H);
            assertRefused(Verdict.BAD_BLOCK, key.publicKey(), H, rawSign(key, block));
        }
        // The separator dropped altogether and the block filled with one more FF.
        byte[] noSep = block(k, 0x00, 0x01, ff(pad + 1), H);
        assertRefused(Verdict.BAD_BLOCK, key.publicKey(), H, rawSign(key, noSep));
    }

    @ParameterizedTest(name = "{0} bits, e = {1}")
    @MethodSource("keys")
    void hashOfTheWrongLength(int bits, int e) {
        RsaPrivateKey key = TestRsaKeys.key(bits, e);
        RsaPublicKey pub = key.publicKey();
        int k = bits / 8;
        // CVE-2026-50721: 16 octets signed where 20 are expected (the first 16 of the right hash).
        Bytes h16 = H.slice(0, 16);
        Bytes sig16 = RsaSignatures.sign(key, h16);
        assertEquals(Verdict.OK, RsaSignatures.verify(pub, h16, sig16));
        assertRefused(Verdict.BAD_BLOCK, pub, H, sig16);
        // ... and the other way: 20 octets signed (16 expected ones and four more) where 16 are.
        Bytes h20 = H_MD5.concat(Bytes.fromHex("01020304"));
        Bytes sig20 = RsaSignatures.sign(key, h20);
        assertTrue(naiveAccepts(typeOne(k, h20), H_MD5));
        assertRefused(Verdict.BAD_BLOCK, pub, H_MD5, sig20);
        // Every truncation libreswan's impair test tried, and longer hashes too.
        for (int len : new int[] {1, 8, 12, 19, 21, 32, 48, 64}) {
            Bytes other = len <= 20 ? H.slice(0, len) : H.concat(Bytes.zeros(len - 20));
            assertRefused(Verdict.BAD_BLOCK, pub, H, RsaSignatures.sign(key, other));
        }
    }

    @ParameterizedTest(name = "{0} bits, e = {1}")
    @MethodSource("keys")
    void garbageAfterTheHash(int bits, int e) {
        RsaPrivateKey key = TestRsaKeys.key(bits, e);
        int k = bits / 8;
        int pad = k - 3 - H.length();
        Rng rng = Rng.seeded(7 * bits + e);
        for (int g : new int[] {1, 4, 20, pad - RsaSignatures.MIN_PADDING}) {
            byte[] block = block(k, 0x00, 0x01, ff(pad - g), Bytes.of(0), H, rng.bytes(g));
            assertTrue(naiveAccepts(block, H), "CVE-2018-16151: trailing bytes ignored");
            assertRefused(Verdict.BAD_BLOCK, key.publicKey(), H, rawSign(key, block));
        }
    }

    @ParameterizedTest(name = "{0} bits, e = {1}")
    @MethodSource("keys")
    void digestInfoWrapping(int bits, int e) {
        RsaPrivateKey key = TestRsaKeys.key(bits, e);
        int k = bits / 8;
        // IKEv1 signs the raw hash; a PKCS#1 RSASSA (DigestInfo) signature of it is not one.
        for (Bytes[] wrapped : new Bytes[][] {{SHA1_DIGEST_INFO, H}, {MD5_DIGEST_INFO, H_MD5}}) {
            Bytes t = wrapped[0].concat(wrapped[1]);
            byte[] block = typeOne(k, t);
            assertRefused(Verdict.BAD_BLOCK, key.publicKey(), wrapped[1], rawSign(key, block));
            // With the DigestInfo taken as the hash, the same block is an ordinary IKEv1 signature.
            assertEquals(Verdict.OK, RsaSignatures.verify(key.publicKey(), t, rawSign(key, block)));
        }
    }

    // ---- Genuine e = 3 forgeries (Bleichenbacher 2006): no private key used

    @ParameterizedTest(name = "{0} bits, e = 3")
    @MethodSource("exponentThreeKeys")
    void bleichenbacherForgeryOfATypeOneBlockIsRefused(int bits) {
        RsaPublicKey pub = TestRsaKeys.key(bits, 3).publicKey();
        // 00 01 FF×8 00 ‖ H, then whatever the cube root makes of the rest.
        Bytes prefix = Bytes.concat(Bytes.of(0x00, 0x01), ff(RsaSignatures.MIN_PADDING), Bytes.of(0), H);
        Forgery f = forge(pub, prefix);
        assertTrue(naiveAccepts(f.block, H), "a parser ignoring trailing bytes accepts the forgery");
        assertRefused(Verdict.BAD_BLOCK, pub, H, f.signature);
    }

    @ParameterizedTest(name = "{0} bits, e = 3")
    @MethodSource("exponentThreeKeys")
    void bleichenbacherForgeryOfATypeTwoBlockIsRefused(int bits) {
        RsaPublicKey pub = TestRsaKeys.key(bits, 3).publicKey();
        // 00 02 (eight non-zero octets) 00 ‖ H ‖ garbage: FreeS/WAN took block type 02 as well.
        Bytes prefix = Bytes.concat(Bytes.of(0x00, 0x02), Bytes.fromHex("5a5a5a5a5a5a5a5a"), Bytes.of(0), H);
        Forgery f = forge(pub, prefix);
        assertTrue(naiveAccepts(f.block, H), "a parser taking block type 02 accepts the forgery");
        assertRefused(Verdict.BAD_BLOCK, pub, H, f.signature);
    }

    /** A forged signature and the block it decrypts to under the public key. */
    private record Forgery(Bytes signature, byte[] block) {
    }

    /**
     * The cube root, rounded up, of {@code prefix ‖ 00…00}: its cube exceeds that number by less
     * than 3·s² + 3·s + 1, about two thirds of the block's bits, so the prefix survives and only
     * the bits below it are garbage. The cube is below n, so no modular reduction happens and
     * the private key is never needed.
     */
    private static Forgery forge(RsaPublicKey pub, Bytes prefix) {
        int k = RsaSignatures.signatureLength(pub);
        BigInteger target = new BigInteger(1, prefix.concat(Bytes.zeros(k - prefix.length())).toArray());
        BigInteger s = cubeRootCeil(target);
        BigInteger cube = s.pow(3);
        assertTrue(cube.compareTo(pub.n()) < 0, "s^3 < n: no reduction mod n");
        byte[] block = fixed(s.modPow(pub.e(), pub.n()), k);
        assertArrayEquals(prefix.toArray(), Arrays.copyOf(block, prefix.length()), "the prefix survives");
        assertTrue(!Arrays.equals(block, typeOne(k, H)), "and the rest is garbage, not FF padding");
        Bytes sig = num(s, k);
        assertEquals(k, sig.length(), "the forgery passes the length check");
        assertTrue(s.signum() > 0 && s.compareTo(pub.n()) < 0, "and the range check");
        return new Forgery(sig, block);
    }

    /** ⌈∛v⌉ by Newton's iteration x ← (2x + v / x²) / 3 from above, which ends at ⌊∛v⌋. */
    static BigInteger cubeRootCeil(BigInteger v) {
        if (v.signum() == 0) {
            return BigInteger.ZERO;
        }
        BigInteger x = BigInteger.ONE.shiftLeft((v.bitLength() + 2) / 3); // 2^⌈bits/3⌉ ≥ ∛v
        while (true) {
            BigInteger y = x.shiftLeft(1).add(v.divide(x.multiply(x))).divide(THREE);
            if (y.compareTo(x) >= 0) {
                break;
            }
            x = y;
        }
        // x = ⌊∛v⌋: check it, then round up.
        assertTrue(x.pow(3).compareTo(v) <= 0 && x.add(BigInteger.ONE).pow(3).compareTo(v) > 0);
        return x.pow(3).equals(v) ? x : x.add(BigInteger.ONE);
    }

    // ---- The lenient parser (test only) and block helpers

    /**
     * What jswan must not do: read the block left to right — 00, block type 01 with FF padding or
     * 02 with non-zero padding, at least {@code minPadding} of it, a 00, then the hash — and
     * ignore whatever follows the hash.
     */
    static boolean naiveAccepts(byte[] em, Bytes hash, int minPadding) {
        int i = 0;
        if (em.length < 2 || em[i++] != 0) {
            return false;
        }
        int bt = em[i++];
        int start = i;
        if (bt == 1) {
            while (i < em.length && em[i] == (byte) 0xff) {
                i++;
            }
        } else if (bt == 2) {
            while (i < em.length && em[i] != 0) {
                i++;
            }
        } else {
            return false;
        }
        if (i - start < minPadding || i >= em.length || em[i++] != 0 || em.length - i < hash.length()) {
            return false;
        }
        return Arrays.equals(em, i, i + hash.length(), hash.toArray(), 0, hash.length());
    }

    static boolean naiveAccepts(byte[] em, Bytes hash) {
        return naiveAccepts(em, hash, RsaSignatures.MIN_PADDING);
    }

    /** The raw private-key operation on any block below n: what a peer holding the key can send. */
    private static Bytes rawSign(RsaPrivateKey key, byte[] block) {
        BigInteger m = new BigInteger(1, block);
        assertTrue(m.compareTo(key.n()) < 0);
        BigInteger s = m.modPow(key.d(), key.n());
        assertArrayEquals(block, fixed(s.modPow(key.e(), key.n()), block.length));
        return num(s, block.length);
    }

    /** The correct block {@code 00 01 FF…FF 00 ‖ hash} of {@code k} octets. */
    private static byte[] typeOne(int k, Bytes hash) {
        return block(k, 0x00, 0x01, ff(k - 3 - hash.length()), Bytes.of(0), hash);
    }

    /** Two leading octets and parts, which must make up exactly {@code k} octets. */
    private static byte[] block(int k, int b0, int b1, Bytes... parts) {
        Bytes b = Bytes.concat(Bytes.of(b0, b1), Bytes.concat(parts));
        assertEquals(k, b.length(), "test block length");
        return b.toArray();
    }

    private static Bytes ff(int n) {
        return fill(n, 0xff);
    }

    private static Bytes fill(int n, int value) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) value);
        return Bytes.copyOf(b);
    }

    private static byte[] fixed(BigInteger v, int k) {
        byte[] raw = v.toByteArray();
        byte[] out = new byte[k];
        int len = Math.min(raw.length, k);
        System.arraycopy(raw, raw.length - len, out, k - len, len);
        return out;
    }

    /** {@code v} as {@code k} octets; {@code v} must fit. */
    private static Bytes num(BigInteger v, int k) {
        assertTrue(v.signum() >= 0 && v.bitLength() <= 8 * k, "value fits in k octets");
        return Bytes.copyOf(fixed(v, k));
    }

    private static void assertRefused(Verdict expected, RsaPublicKey pub, Bytes hash, Bytes sig) {
        Verdict v = RsaSignatures.verify(pub, hash, sig);
        assertEquals(expected, v);
        NotifyType n = expected == Verdict.BAD_BLOCK
                ? NotifyType.INVALID_HASH_INFORMATION : NotifyType.INVALID_KEY_INFORMATION;
        assertEquals(n, v.notifyType());
    }
}
