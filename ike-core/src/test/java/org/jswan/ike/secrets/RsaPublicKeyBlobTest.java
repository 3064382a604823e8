package org.jswan.ike.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import org.jswan.ike.base.Bytes;
import org.junit.jupiter.api.Test;

/** RFC 3110 §2 (RFC 2537 §2) public key blobs and FreeS/WAN key IDs. */
class RsaPublicKeyBlobTest {

    private static Bytes modulus(int octets, int... start) {
        byte[] b = new byte[octets];
        java.util.Arrays.fill(b, (byte) 0x5a);
        for (int i = 0; i < start.length; i++) {
            b[i] = (byte) start[i];
        }
        b[octets - 1] |= 1;
        return Bytes.copyOf(b);
    }

    @Test
    void roundTripOfGeneratedKeys() throws Exception {
        for (RsaPrivateKey k : new RsaPrivateKey[] {
            SecretsFiles.rsaKey(1024, 3, 21), SecretsFiles.rsaKey(2048, 65537, 22)}) {
            RsaPublicKey pub = k.publicKey();
            Bytes blob = RsaPublicKeyBlob.encode(pub);
            assertEquals(pub, RsaPublicKeyBlob.decode(blob));
            assertEquals(pub, RsaPublicKeyBlob.decodeText(pub.toText()));
            assertEquals(pub, RsaPublicKeyBlob.decodeText("0x" + blob.toHex()));
        }
    }

    @Test
    void layoutWithAOneOctetLength() throws Exception {
        Bytes n = modulus(64, 0xc0);
        RsaPublicKey k = new RsaPublicKey(new BigInteger(1, n.toArray()), BigInteger.valueOf(3));
        assertEquals(Bytes.concat(Bytes.of(0x01, 0x03), n), k.blob());
        assertEquals(Bytes.concat(Bytes.of(0x03, 0x01, 0x00, 0x01), n),
                new RsaPublicKey(k.n(), BigInteger.valueOf(65537)).blob());
    }

    @Test
    void longExponentUsesTheThreeOctetLength() throws Exception {
        BigInteger e = BigInteger.ONE.shiftLeft(300 * 8 - 1).add(BigInteger.ONE);
        Bytes n = modulus(128, 0xd0);
        RsaPublicKey k = new RsaPublicKey(new BigInteger(1, n.toArray()), e);
        Bytes blob = k.blob();
        assertEquals(Bytes.of(0x00, 0x01, 0x2c), blob.slice(0, 3));
        assertEquals(3 + 300 + 128, blob.length());
        assertEquals(k, RsaPublicKeyBlob.decode(blob));
    }

    @Test
    void keyIdIsTheFirstNineBase64Characters() {
        // 0x01 0x03 0x8a 0x7b 0xaf 0xa4 0x6c... is "AQOKe6+kb..." in base64: pluto's "tried *AQOKe6+kb".
        Bytes n = modulus(128, 0x8a, 0x7b, 0xaf, 0xa4, 0x6c);
        RsaPublicKey k = new RsaPublicKey(new BigInteger(1, n.toArray()), BigInteger.valueOf(3));
        assertEquals("AQOKe6+kb", k.keyId());
        assertEquals("RSA public key 1024 bits *AQOKe6+kb", k.toString());
        assertEquals(k.toText().substring(2, 11), k.keyId());
    }

    private static String decodeError(Bytes blob) {
        return assertThrows(KeyFormatException.class, () -> RsaPublicKeyBlob.decode(blob)).getMessage();
    }

    @Test
    void checks() {
        assertEquals("RSA public key blob way too short", decodeError(Bytes.of(1, 3)));
        assertEquals("RSA public key blob too short", decodeError(Bytes.concat(Bytes.of(1, 3), Bytes.zeros(11))));
        assertEquals("RSA public key blob too short", decodeError(Bytes.concat(Bytes.of(0, 1, 0), Bytes.zeros(200))));
        assertEquals("RSA public key exponent length is zero", decodeError(Bytes.concat(Bytes.of(0, 0, 0), Bytes.zeros(70))));
        assertEquals("RSA modulus shorter than specified",
                decodeError(Bytes.concat(Bytes.of(1, 3), Bytes.of(0), modulus(64, 0x80))));
        assertEquals("RSA modulus too small for security: 504 bits (at least 512 required)",
                decodeError(Bytes.concat(Bytes.of(1, 3), modulus(63, 0x80))));
        assertEquals("RSA modulus too small for security: 511 bits (at least 512 required)",
                decodeError(Bytes.concat(Bytes.of(1, 3), modulus(64, 0x7f))));
        assertEquals("RSA modulus too large: 8200 bits (at most 8192 supported)",
                decodeError(Bytes.concat(Bytes.of(1, 3), modulus(1025, 0x80))));
        assertEquals("RSA public exponent must be odd and at least 3",
                decodeError(Bytes.concat(Bytes.of(1, 4), modulus(64, 0x80))));
        assertEquals("RSA public exponent must be odd and at least 3",
                decodeError(Bytes.concat(Bytes.of(1, 1), modulus(64, 0x80))));
    }

    @Test
    void badTextSaysWhyWithoutTheText() {
        KeyFormatException e = assertThrows(KeyFormatException.class, () -> RsaPublicKeyBlob.decodeText("0sAQO*"));
        assertEquals("RSA public key text malformed (non-base64 character in base64 data)",
                e.getMessage());
    }
}
