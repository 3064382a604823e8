package org.jswan.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** The forged Informational is laid out and protected as RFC 2409 §5.7 and Appendix B say. */
class ForgedDeleteTest {
    static final ForgedDelete.IsakmpSa SA = new ForgedDelete.IsakmpSa(
            HexFormat.of().parseHex("0102030405060708"), HexFormat.of().parseHex("1112131415161718"),
            HexFormat.of().parseHex("000102030405060708090a0b0c0d0e0f"),
            HexFormat.of().parseHex("a0a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3"),
            HexFormat.of().parseHex("f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff"), "SHA1");

    @Test
    void authentic_message_decrypts_to_hash1_and_delete() throws Exception {
        byte[] m = ForgedDelete.message(SA, 0x01020304, 0xdeadbeefL, ForgedDelete.Variant.AUTHENTIC, new Random(1));

        ByteBuffer h = ByteBuffer.wrap(m);
        assertArrayEquals(SA.icookie(), Arrays.copyOfRange(m, 0, 8));
        assertArrayEquals(SA.rcookie(), Arrays.copyOfRange(m, 8, 16));
        assertEquals(8, m[16], "next payload HASH");
        assertEquals(0x10, m[17], "version 1.0");
        assertEquals(5, m[18], "Informational");
        assertEquals(1, m[19], "encrypted");
        assertEquals(0x01020304, h.getInt(20));
        assertEquals(m.length, h.getInt(24));
        assertEquals(0, (m.length - 28) % 16, "whole AES blocks");

        byte[] mid = {1, 2, 3, 4};
        MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
        sha1.update(SA.lastPhase1Block());
        byte[] iv = Arrays.copyOf(sha1.digest(mid), 16);
        Cipher c = Cipher.getInstance("AES/CBC/NoPadding");
        c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(SA.ka(), "AES"), new IvParameterSpec(iv));
        byte[] plain = c.doFinal(m, 28, m.length - 28);

        assertEquals(12, plain[0], "HASH's next payload is D");
        assertEquals(24, plain[3], "HASH payload length");
        byte[] d = Arrays.copyOfRange(plain, 24, 40);
        assertArrayEquals(HexFormat.of().parseHex("00000010000000010304" + "0001deadbeef"), d);
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(SA.skeyidA(), "HmacSHA1"));
        mac.update(mid);
        assertArrayEquals(mac.doFinal(d), Arrays.copyOfRange(plain, 4, 24), "HASH(1) = prf(SKEYID_a, M-ID | D)");
    }

    @Test
    void spoiled_variants() {
        byte[] clear = ForgedDelete.message(SA, 7, 0x1000, ForgedDelete.Variant.UNENCRYPTED, new Random(1));
        assertEquals(0, clear[19], "E flag off");
        assertEquals(28 + 24 + 16, clear.length, "HASH + D in the clear, unpadded");

        byte[] p4500 = ForgedDelete.onPort4500(SA, 7, 0x1000, ForgedDelete.Variant.WRONG_HASH, new Random(1));
        assertArrayEquals(new byte[4], Arrays.copyOf(p4500, 4), "non-ESP marker");
    }
}
