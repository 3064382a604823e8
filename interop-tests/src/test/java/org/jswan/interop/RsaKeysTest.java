package org.jswan.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The key conversions of {@link RsaKeys} (no root, no tools). */
class RsaKeysTest {
    /** 2^511 + 1: the JDK's RSA key factory wants at least 512 bits. */
    static final BigInteger N512 = BigInteger.ONE.shiftLeft(511).add(BigInteger.ONE);
    static final String N512_HEX = "80" + "00".repeat(62) + "01";

    @Test
    void rfc3110_blob_is_exponent_length_exponent_modulus() {
        RSAPublicKey e3 = RsaKeys.publicKey(N512, BigInteger.valueOf(3));
        byte[] b = RsaKeys.rfc3110(e3);
        assertEquals(2 + 64, b.length);
        assertArrayEquals(new byte[] {1, 3, (byte) 0x80, 0}, java.util.Arrays.copyOf(b, 4));
        assertEquals(1, b[b.length - 1]);
        assertEquals("AQOAAAAAA", RsaKeys.keyId(e3), "FreeS/WAN's e = 3 key IDs start AQO");

        RSAPublicKey f4 = RsaKeys.publicKey(N512, BigInteger.valueOf(65537));
        assertEquals("0sAwEAAY" + "A".repeat(84) + "E=", RsaKeys.pubkeyRsa(f4));
        assertEquals("AwEAAYAAA", RsaKeys.keyId(f4), "keyblobtoid: nine base64 characters");
        assertEquals(f4, RsaKeys.fromText(RsaKeys.pubkeyRsa(f4)));
        assertEquals(f4, RsaKeys.fromText("0x03010001" + N512_HEX));
    }

    @Test
    void a_long_exponent_gets_a_zero_byte_and_two_length_bytes() {
        BigInteger e = BigInteger.ONE.shiftLeft(8 * 300).add(BigInteger.ONE);
        RSAPublicKey k = RsaKeys.publicKey(BigInteger.ONE.shiftLeft(8 * 350).add(BigInteger.valueOf(5)), e);
        byte[] b = RsaKeys.rfc3110(k);
        assertEquals(0, b[0]);
        assertEquals(301, (b[1] & 0xff) << 8 | (b[2] & 0xff));
        assertEquals(k, RsaKeys.fromRfc3110(b));
    }

    @Test
    void pem_and_blob_round_trip_a_real_key() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        RSAPublicKey k = (RSAPublicKey) g.generateKeyPair().getPublic();
        String pem = RsaKeys.pem(k);
        assertTrue(pem.startsWith("-----BEGIN PUBLIC KEY-----\n") && pem.endsWith("-----END PUBLIC KEY-----\n"), pem);
        assertEquals(k, RsaKeys.fromPem("noise before\n" + pem + "noise after\n"));
        assertEquals(k, RsaKeys.fromText(RsaKeys.pubkeyRsa(k)));
        assertEquals(3 + 1 + 256, RsaKeys.rfc3110(k).length, "e = 65537 in three bytes, a 256-byte modulus");
    }

    @Test
    void rsasigkey_output_gives_modulus_exponent_and_pubkey_comment() {
        String pub = RsaKeys.pubkeyRsa(RsaKeys.publicKey(N512, BigInteger.valueOf(65537)));
        List<String> out = List.of("\t# RSA 512 bits   host   today", "\t# for signatures only, UNSAFE FOR ENCRYPTION",
                "\t#pubkey=" + pub, "\tModulus: 0x" + N512_HEX, "\tPublicExponent: 0x010001",
                "\t# everything after this point is secret", "\tPrivateExponent: 0x1234");
        RsaKeys.JswanKey k = RsaKeys.parseRsasigkey(512, out);
        assertEquals(N512, k.publicKey().getModulus());
        assertEquals(BigInteger.valueOf(65537), k.publicKey().getPublicExponent());
        assertEquals(pub, k.pubkeyComment());
        assertEquals(k.publicKey(), RsaKeys.fromText(k.pubkeyComment()));
        assertTrue(k.secretsEntry().startsWith(": RSA {\n\t# RSA 512 bits"), k.secretsEntry());
        assertTrue(k.secretsEntry().endsWith("\tPrivateExponent: 0x1234\n\t}\n"), k.secretsEntry());
        assertThrows(AssertionError.class, () -> RsaKeys.parseRsasigkey(512, List.of("\tModulus: 0x" + N512_HEX)));
    }
}
