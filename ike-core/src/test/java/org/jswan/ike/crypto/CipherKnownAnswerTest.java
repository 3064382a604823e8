package org.jswan.ike.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jswan.ike.base.Bytes;
import org.jswan.ike.base.Secret;
import org.junit.jupiter.api.Test;

/** Known answers for the CBC ciphers, and the registry numbers they are looked up by. */
class CipherKnownAnswerTest {
    private static final Bytes SP800_38A_IV = Bytes.fromHex("000102030405060708090a0b0c0d0e0f");
    private static final Bytes SP800_38A_PLAIN = Bytes.fromHex("""
            6bc1bee22e409f96e93d7e117393172a ae2d8a571e03ac9c9eb76fac45af8e51
            30c81c46a35ce411e5fbc1191a0a52ef f69f2445df4f9b17ad2b417be66c3710""");

    private static Secret key(String hex) {
        return Secret.of(Bytes.fromHex(hex));
    }

    private static void aesCbc(String keyHex, String cipherHex) {
        Secret k = key(keyHex);
        Bytes ct = Bytes.fromHex(cipherHex);
        assertEquals(ct, IkeCipher.encrypt(EncryptionAlgorithm.AES_CBC, k, SP800_38A_IV, SP800_38A_PLAIN));
        assertEquals(SP800_38A_PLAIN, IkeCipher.decrypt(EncryptionAlgorithm.AES_CBC, k, SP800_38A_IV, ct));
    }

    @Test
    void aes128CbcSp80038aF21() {
        aesCbc("2b7e151628aed2a6abf7158809cf4f3c", """
                7649abac8119b246cee98e9b12e9197d 5086cb9b507219ee95db113a917678b2
                73bed6b8e3c1743b7116e69e22229516 3ff1caa1681fac09120eca307586e1a7""");
    }

    @Test
    void aes192CbcSp80038aF23() {
        aesCbc("8e73b0f7da0e6452c810f32b809079e562f8ead2522c6b7b", """
                4f021db243bc633d7178183a9fa071e8 b4d9ada9ad7dedf4e5e738763f69145a
                571b242012fb7ae07fa9baac3df102e0 08b0e27988598881d920a9e64f5615cd""");
    }

    @Test
    void aes256CbcSp80038aF25() {
        aesCbc("603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4", """
                f58c4c04d6e5f1ba779eabfb5f7bfbd6 9cfc4e967edb808d679f777bc6702c7d
                39f23369a9d9bacfa530e26304231461 b2eb05e2c39be9fcda6c19078c6a9d1b""");
    }

    /**
     * NIST SP 800-67 Rev. 1's TDEA example ("The qufck brown fox jump", three keys) is ECB. In
     * CBC with a zero IV, feeding P1, P2 ^ C1, P3 ^ C2 must give C1, C2, C3 back: the published
     * vector checked through our CBC chaining.
     */
    @Test
    void tripleDesCbcFromSp80067Example() {
        Secret k = key("0123456789ABCDEF 23456789ABCDEF01 456789ABCDEF0123");
        Bytes p = Bytes.fromHex("5468652071756663 6B2062726F776E20 666F78206A756D70");
        Bytes c = Bytes.fromHex("A826FD8CE53B855F CCE21C8112256FE6 68D5C05DD9B6B900");
        Bytes chained = Bytes.concat(p.slice(0, 8), xor(p.slice(8, 16), c.slice(0, 8)), xor(p.slice(16, 24), c.slice(8, 16)));
        Bytes zeroIv = Bytes.zeros(8);
        assertEquals(c, IkeCipher.encrypt(EncryptionAlgorithm.TRIPLE_DES_CBC, k, zeroIv, chained));
        assertEquals(chained, IkeCipher.decrypt(EncryptionAlgorithm.TRIPLE_DES_CBC, k, zeroIv, c));
        // with the IV folded into the first block instead
        Bytes iv = Bytes.fromHex("0f1e2d3c4b5a6978");
        assertEquals(c.slice(0, 8), IkeCipher.encrypt(EncryptionAlgorithm.TRIPLE_DES_CBC, k, iv, xor(p.slice(0, 8), iv)));
    }

    private static Bytes xor(Bytes a, Bytes b) {
        byte[] r = a.toArray();
        for (int i = 0; i < r.length; i++) {
            r[i] ^= (byte) b.get(i);
        }
        return Bytes.copyOf(r);
    }

    @Test
    void tripleDesRefusesKeysThatCollapseToSingleDes() {
        EncryptionAlgorithm des3 = EncryptionAlgorithm.TRIPLE_DES_CBC;
        Secret k1k2 = key("0123456789ABCDEF 0123456789ABCDEF 456789ABCDEF0123");
        Secret k2k3 = key("0123456789ABCDEF 456789ABCDEF0123 446789ABCDEF0123"); // differs in a parity bit only
        Secret k1k3 = key("0123456789ABCDEF 23456789ABCDEF01 0123456789ABCDEF");
        assertTrue(des3.isWeakKey(k1k2));
        assertTrue(des3.isWeakKey(k2k3));
        assertFalse(des3.isWeakKey(k1k3), "two-key 3DES (K1 = K3) is allowed");
        assertThrows(IllegalArgumentException.class, () -> IkeCipher.encrypt(des3, k1k2, Bytes.zeros(8), Bytes.zeros(8)));
        assertThrows(IllegalArgumentException.class, () -> IkeCipher.decrypt(des3, k2k3, Bytes.zeros(8), Bytes.zeros(8)));
        assertFalse(EncryptionAlgorithm.AES_CBC.isWeakKey(key("00000000000000000000000000000000")));
    }

    @Test
    void refusesPartialBlocksWrongIvsAndWrongKeyLengths() {
        Secret aes = key("2b7e151628aed2a6abf7158809cf4f3c");
        EncryptionAlgorithm a = EncryptionAlgorithm.AES_CBC;
        assertThrows(IllegalArgumentException.class, () -> IkeCipher.encrypt(a, aes, SP800_38A_IV, Bytes.zeros(15)));
        assertThrows(IllegalArgumentException.class, () -> IkeCipher.decrypt(a, aes, SP800_38A_IV, Bytes.zeros(17)));
        assertThrows(IllegalArgumentException.class, () -> IkeCipher.encrypt(a, aes, Bytes.zeros(8), Bytes.zeros(16)));
        assertThrows(IllegalArgumentException.class, () -> IkeCipher.encrypt(a, key("00112233445566778899"), SP800_38A_IV,
                Bytes.zeros(16)));
        assertThrows(IllegalArgumentException.class, () -> IkeCipher.encrypt(EncryptionAlgorithm.TRIPLE_DES_CBC, aes,
                Bytes.zeros(8), Bytes.zeros(8)));
        assertEquals(Bytes.EMPTY, IkeCipher.encrypt(a, aes, SP800_38A_IV, Bytes.EMPTY));
    }

    @Test
    void registryNumbersAndKeyLengths() {
        EncryptionAlgorithm des3 = EncryptionAlgorithm.TRIPLE_DES_CBC;
        EncryptionAlgorithm aes = EncryptionAlgorithm.AES_CBC;
        assertEquals(5, des3.oakleyId());
        assertEquals(3, des3.espId());
        assertEquals(3, des3.pfkeyId());
        assertEquals("DESede/CBC/NoPadding", des3.jcaTransformation());
        assertEquals(8, des3.blockSize());
        assertEquals(192, des3.defaultKeyBits());
        assertFalse(des3.variableKeyLength());
        assertTrue(des3.keyLengthValid(192));
        assertFalse(des3.keyLengthValid(128));
        assertEquals(7, aes.oakleyId());
        assertEquals(12, aes.espId());
        assertEquals(12, aes.pfkeyId());
        assertEquals("AES/CBC/NoPadding", aes.jcaTransformation());
        assertEquals(16, aes.blockSize());
        assertEquals(128, aes.defaultKeyBits());
        assertTrue(aes.variableKeyLength());
        for (int bits : new int[] {128, 192, 256}) {
            assertTrue(aes.keyLengthValid(bits));
        }
        assertFalse(aes.keyLengthValid(64));
        assertFalse(aes.keyLengthValid(512));
        assertSame(des3, EncryptionAlgorithm.fromOakley(5));
        assertSame(aes, EncryptionAlgorithm.fromOakley(7));
        assertSame(des3, EncryptionAlgorithm.fromEsp(3));
        assertSame(aes, EncryptionAlgorithm.fromEsp(12));
        assertNull(EncryptionAlgorithm.fromOakley(1), "single DES is not implemented");
        assertNull(EncryptionAlgorithm.fromEsp(2));
    }
}
