package org.jswan.ike.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.charset.StandardCharsets;
import org.jswan.ike.base.Bytes;
import org.jswan.ike.base.Secret;
import org.junit.jupiter.api.Test;

/** Known answers for the digests and their HMACs, and the Prf's secret-typed variants. */
class HashKnownAnswerTest {
    private static final Bytes ABC = ascii("abc");
    private static final Bytes HI_THERE = ascii("Hi There");
    private static final Bytes WHAT_DO_YA = ascii("what do ya want for nothing?");
    private static final Bytes JEFE = ascii("Jefe");

    static Bytes ascii(String s) {
        return Bytes.copyOf(s.getBytes(StandardCharsets.US_ASCII));
    }

    static Bytes repeat(int value, int n) {
        byte[] b = new byte[n];
        java.util.Arrays.fill(b, (byte) value);
        return Bytes.copyOf(b);
    }

    @Test
    void digestsOfAbc() {
        // RFC 1321 §A.5, FIPS 180-2 Appendices A to D
        assertEquals(Bytes.fromHex("900150983cd24fb0d6963f7d28e17f72"), HashAlgorithm.MD5.hash(ABC));
        assertEquals(Bytes.fromHex("a9993e364706816aba3e25717850c26c9cd0d89d"), HashAlgorithm.SHA1.hash(ABC));
        assertEquals(Bytes.fromHex("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
                HashAlgorithm.SHA2_256.hash(ABC));
        assertEquals(Bytes.fromHex("""
                cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed
                8086072ba1e7cc2358baeca134c825a7"""), HashAlgorithm.SHA2_384.hash(ABC));
        assertEquals(Bytes.fromHex("""
                ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a
                2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f"""), HashAlgorithm.SHA2_512.hash(ABC));
        assertEquals(Bytes.fromHex("d41d8cd98f00b204e9800998ecf8427e"), HashAlgorithm.MD5.hash(), "MD5 of nothing");
        assertEquals(HashAlgorithm.SHA1.hash(ABC), HashAlgorithm.SHA1.hash(ascii("a"), Bytes.EMPTY, ascii("bc")),
                "parts are concatenated");
    }

    @Test
    void hmacMd5Rfc2202() {
        Prf prf = HashAlgorithm.MD5.prf();
        assertEquals(Bytes.fromHex("9294727a3638bb1c13f48ef8158bfc9d"), prf.mac(repeat(0x0b, 16), HI_THERE));
        assertEquals(Bytes.fromHex("750c783e6ab0b503eaa86e310a5db738"), prf.mac(JEFE, WHAT_DO_YA));
        assertEquals(Bytes.fromHex("56be34521d144c88dbb8c733f0e8b3f6"), prf.mac(repeat(0xaa, 16), repeat(0xdd, 50)));
    }

    @Test
    void hmacSha1Rfc2202() {
        Prf prf = HashAlgorithm.SHA1.prf();
        assertEquals(Bytes.fromHex("b617318655057264e28bc0b6fb378c8ef146be00"), prf.mac(repeat(0x0b, 20), HI_THERE));
        assertEquals(Bytes.fromHex("effcdf6ae5eb2fa2d27416d5f184df9c259a7c79"), prf.mac(JEFE, WHAT_DO_YA));
        assertEquals(Bytes.fromHex("125d7342b9ac11cd91a39af48aa17b4f63f175d3"), prf.mac(repeat(0xaa, 20), repeat(0xdd, 50)));
    }

    @Test
    void hmacSha2Rfc4231() {
        Bytes k1 = repeat(0x0b, 20);
        Bytes k6 = repeat(0xaa, 131);
        Bytes d6 = ascii("Test Using Larger Than Block-Size Key - Hash Key First");
        Prf s256 = HashAlgorithm.SHA2_256.prf();
        Prf s384 = HashAlgorithm.SHA2_384.prf();
        Prf s512 = HashAlgorithm.SHA2_512.prf();
        // test case 1
        assertEquals(Bytes.fromHex("b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"), s256.mac(k1, HI_THERE));
        assertEquals(Bytes.fromHex("""
                afd03944d84895626b0825f4ab46907f15f9dadbe4101ec682aa034c7cebc59c
                faea9ea9076ede7f4af152e8b2fa9cb6"""), s384.mac(k1, HI_THERE));
        assertEquals(Bytes.fromHex("""
                87aa7cdea5ef619d4ff0b4241a1d6cb02379f4e2ce4ec2787ad0b30545e17cde
                daa833b7d6b8a702038b274eaea3f4e4be9d914eeb61f1702e696c203a126854"""), s512.mac(k1, HI_THERE));
        // test case 2
        assertEquals(Bytes.fromHex("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"), s256.mac(JEFE, WHAT_DO_YA));
        assertEquals(Bytes.fromHex("""
                af45d2e376484031617f78d2b58a6b1b9c7ef464f5a01b47e42ec3736322445e
                8e2240ca5e69e2c78b3239ecfab21649"""), s384.mac(JEFE, WHAT_DO_YA));
        assertEquals(Bytes.fromHex("""
                164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea250554
                9758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737"""), s512.mac(JEFE, WHAT_DO_YA));
        // test case 6: a key longer than the block is hashed first
        assertEquals(Bytes.fromHex("60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"), s256.mac(k6, d6));
    }

    @Test
    void secretVariantsAgreeWithThePublicOne() {
        Prf prf = HashAlgorithm.SHA1.prf();
        Bytes key = repeat(0x0b, 20);
        Bytes expected = Bytes.fromHex("b617318655057264e28bc0b6fb378c8ef146be00");
        Secret sKey = Secret.of(key);
        assertEquals(expected, prf.mac(sKey, ascii("Hi "), ascii("There")));
        assertEquals(expected.toHex(), prf.macSecret(sKey, HI_THERE).toDebugString());
        assertEquals(expected.toHex(), prf.macSecret(key, Secret.of(HI_THERE)).toDebugString());
        assertEquals(expected.toHex(), prf.macSecretWith(sKey, Secret.of(ascii("Hi")), ascii(" There")).toDebugString());
        assertEquals(expected.toHex(),
                prf.macSecretWith(sKey, Secret.of(ascii("Hi")), Secret.of(ascii(" The")), ascii("re")).toDebugString());
        assertEquals(20, prf.outputLength());
        assertSame(HashAlgorithm.SHA1, prf.hash());
    }

    @Test
    void emptyKeyIsTheZeroPaddedKeyOfRfc2104() {
        // HMAC(K = "", "") -- widely published values
        assertEquals(Bytes.fromHex("74e6f7298a9c2d168935f58c001bad88"), HashAlgorithm.MD5.prf().mac(Bytes.EMPTY));
        assertEquals(Bytes.fromHex("fbdb1d1b18aa6c08324b7d64b71fb76370690e1d"), HashAlgorithm.SHA1.prf().mac(Bytes.EMPTY));
        assertEquals(Bytes.fromHex("b613679a0814d9ec772f95d778c35fc5ff1697c493715653c6c712144292c5ad"),
                HashAlgorithm.SHA2_256.prf().mac(Bytes.EMPTY));
        Prf sha1 = HashAlgorithm.SHA1.prf();
        assertEquals(sha1.mac(Bytes.EMPTY, HI_THERE), sha1.mac(Bytes.of(0), HI_THERE));
        assertEquals(sha1.mac(Bytes.EMPTY, HI_THERE).toHex(), sha1.macSecret(Secret.of(Bytes.EMPTY), HI_THERE).toDebugString());
    }

    @Test
    void registry() {
        int[] ids = {1, 2, 4, 5, 6};
        String[] jca = {"MD5", "SHA-1", "SHA-256", "SHA-384", "SHA-512"};
        String[] hmac = {"HmacMD5", "HmacSHA1", "HmacSHA256", "HmacSHA384", "HmacSHA512"};
        int[] len = {16, 20, 32, 48, 64};
        HashAlgorithm[] all = HashAlgorithm.values();
        assertEquals(5, all.length);
        for (int i = 0; i < all.length; i++) {
            assertEquals(ids[i], all[i].oakleyId());
            assertEquals(jca[i], all[i].jcaDigest());
            assertEquals(hmac[i], all[i].jcaHmac());
            assertEquals(len[i], all[i].outputLength());
            assertEquals(len[i], all[i].hash().length());
            assertSame(all[i], HashAlgorithm.fromOakley(ids[i]));
            assertSame(all[i].prf(), all[i].prf());
        }
        assertNull(HashAlgorithm.fromOakley(3), "Tiger is not implemented");
        assertNull(HashAlgorithm.fromOakley(0));
    }
}
