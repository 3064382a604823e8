package org.jswan.klips.esp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.Random;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class EspTransformTest {
    // RFC 3602 §4 Case #5: transport-mode ESP, AES-128-CBC, no integrity (ping 192.168.123.100)
    private static final byte[] CASE5_KEY = Hex.parse("90d382b4 10eeba7a d938c46c ec1a82bf");
    private static final byte[] CASE5_IV = Hex.parse("e96e8c08 ab465763 fd098d45 dd3ff893");
    private static final byte[] CASE5_DATA = Hex.parse(
            "08000ebd a70a0000 8e9c083d b95b0700 08090a0b 0c0d0e0f 10111213 14151617"
            + "18191a1b 1c1d1e1f 20212223 24252627 28292a2b 2c2d2e2f 30313233 34353637");
    private static final byte[] CASE5_ESP = Hex.parse("00004321 00000001"
            + "e96e8c08 ab465763 fd098d45 dd3ff893"
            + "f663c25d 325c18c6 a9453e19 4e120849 a4870b66 cc6b9965 330013b4 898dc856"
            + "a4699e52 3a55db08 0b59ec3a 8e4b7e52 775b07d1 db34ed9c 538ab50c 551b874a"
            + "a269add0 47ad2d59 13ac19b7 cfbad4a6");

    // RFC 3602 §4 Case #7: tunnel-mode ESP, AES-128-CBC, no integrity
    private static final byte[] CASE7_KEY = Hex.parse("01234567 89abcdef 01234567 89abcdef");
    private static final byte[] CASE7_INNER = Hex.parse(
            "45000054 09040000 4001f988 c0a87b03 c0a87bc8 08009f76 a90a0100 b49c083d"
            + "02a20400 08090a0b 0c0d0e0f 10111213 14151617 18191a1b 1c1d1e1f 20212223"
            + "24252627 28292a2b 2c2d2e2f 30313233 34353637");
    private static final byte[] CASE7_ESP = Hex.parse("00008765 00000002"
            + "f4e76524 4f6407ad f13dc138 0f673f37"
            + "773b5241 a4c44922 5e4f3ce5 ed611b0c 237ca96c f74a9301 3c1b0ea1 a0cf70f8"
            + "e4ecaec7 8ac53aad 7a0f022b 859243c6 47752e94 a859352b 8a4d4d2d ecd136e5"
            + "c177f132 ad3fbfb2 201ac990 4c74ee0a 109e0ca1 e4dfe9d5 a100b842 f1c22f0d");

    @Test
    void rfc3602Case5TransportMode() throws Exception {
        EspTransform esp = new EspTransform(0x4321, EncryptionAlgorithm.AES_CBC, CASE5_KEY, null, null);
        byte[] out = new byte[esp.sealedLength(CASE5_DATA.length)];
        int n = esp.seal(1, CASE5_IV, CASE5_DATA, 0, CASE5_DATA.length, Ipv4.PROTO_ICMP, out, 0);
        assertEquals(CASE5_ESP.length, n);
        assertArrayEquals(CASE5_ESP, out);
        EspTransform.Opened o = esp.open(CASE5_ESP, 0, CASE5_ESP.length, new ReplayWindow(64));
        assertEquals(1, o.seq());
        assertEquals(Ipv4.PROTO_ICMP, o.nextHeader());
        assertArrayEquals(CASE5_DATA, o.payload());
    }

    @Test
    void rfc3602Case7TunnelMode() throws Exception {
        EspTransform esp = new EspTransform(0x8765, EncryptionAlgorithm.AES_CBC, CASE7_KEY, null, null);
        byte[] iv = Arrays.copyOfRange(CASE7_ESP, 8, 24);
        byte[] out = new byte[esp.sealedLength(CASE7_INNER.length)];
        esp.seal(2, iv, CASE7_INNER, 0, CASE7_INNER.length, Ipv4.PROTO_IPIP, out, 0);
        assertArrayEquals(CASE7_ESP, out);
        EspTransform.Opened o = esp.open(CASE7_ESP, 0, CASE7_ESP.length, null);
        assertEquals(Ipv4.PROTO_IPIP, o.nextHeader());
        assertArrayEquals(CASE7_INNER, o.payload());
    }

    static java.util.stream.Stream<Arguments> suites() {
        java.util.List<Arguments> out = new java.util.ArrayList<>();
        Object[][] ciphers = {{EncryptionAlgorithm.TRIPLE_DES_CBC, 24}, {EncryptionAlgorithm.AES_CBC, 16},
                {EncryptionAlgorithm.AES_CBC, 24}, {EncryptionAlgorithm.AES_CBC, 32}};
        for (Object[] c : ciphers) {
            for (IntegrityAlgorithm i : new IntegrityAlgorithm[] {IntegrityAlgorithm.HMAC_MD5_96,
                    IntegrityAlgorithm.HMAC_SHA1_96, IntegrityAlgorithm.HMAC_SHA2_256_128}) {
                out.add(Arguments.of(c[0], c[1], i));
            }
        }
        return out.stream();
    }

    /**
     * Every suite against an independent oracle: the packet is taken apart with plain JCA calls,
     * so a bug shared by seal and open cannot pass.
     */
    @ParameterizedTest
    @MethodSource("suites")
    void sealsWhatPlainJcaOpens(EncryptionAlgorithm enc, int keyLen, IntegrityAlgorithm integ) throws Exception {
        Random rnd = new Random(keyLen * 31L + integ.ordinal());
        byte[] ek = new byte[keyLen];
        byte[] ik = new byte[integ.keyLength()];
        rnd.nextBytes(ek);
        rnd.nextBytes(ik);
        EspTransform esp = new EspTransform(0x1001, enc, ek, integ, ik);
        for (int len : new int[] {0, 1, 13, 14, 15, 16, 100, 1400}) {
            byte[] payload = new byte[len];
            rnd.nextBytes(payload);
            byte[] p = esp.seal(7, rnd, payload, 0, len, 4);
            int ivLen = enc.ivLength();
            int icv = integ.icvLength();
            assertEquals(esp.sealedLength(len), p.length);
            assertEquals(0, (p.length - 8 - ivLen - icv) % enc.blockSize());
            assertEquals(0x1001, EspTransform.getInt(p, 0));
            assertEquals(7, EspTransform.getInt(p, 4));
            Mac mac = Mac.getInstance(integ.jcaName());
            mac.init(new SecretKeySpec(ik, integ.jcaName()));
            mac.update(p, 0, p.length - icv);
            assertArrayEquals(Arrays.copyOf(mac.doFinal(), icv), Arrays.copyOfRange(p, p.length - icv, p.length),
                    "ICV is the HMAC truncated to " + icv + " bytes");
            Cipher c = Cipher.getInstance(enc.jcaName() + "/CBC/NoPadding");
            c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(ek, enc.jcaName()), new IvParameterSpec(p, 8, ivLen));
            byte[] pt = c.doFinal(p, 8 + ivLen, p.length - 8 - ivLen - icv);
            int pad = pt[pt.length - 2] & 0xff;
            assertEquals(4, pt[pt.length - 1]);
            assertEquals(pt.length - 2 - len, pad);
            for (int i = 0; i < pad; i++) {
                assertEquals(i + 1, pt[len + i], "padding 1, 2, 3, ...");
            }
            assertArrayEquals(payload, Arrays.copyOf(pt, len));
            EspTransform.Opened o = esp.open(p, 0, p.length, null);
            assertArrayEquals(payload, o.payload());
        }
    }

    @Test
    void everyPacketHasAFreshIv() {
        EspTransform esp = aes128Sha1();
        Random rnd = new Random(5);
        byte[] a = esp.seal(1, rnd, new byte[40], 0, 40, 4);
        byte[] b = esp.seal(2, rnd, new byte[40], 0, 40, 4);
        assertFalse(Arrays.equals(Arrays.copyOfRange(a, 8, 24), Arrays.copyOfRange(b, 8, 24)));
    }

    @Test
    void anyFlippedBitFailsTheIcvAndNothingIsDecrypted() throws Exception {
        EspTransform esp = aes128Sha1();
        byte[] p = esp.seal(1, new Random(1), new byte[50], 0, 50, 4);
        for (int i = 4; i < p.length; i++) {  // the SPI is the lookup key, checked apart
            byte[] q = p.clone();
            q[i] ^= 0x10;
            ReplayWindow w = new ReplayWindow(64);
            BadPacket e = assertThrows(BadPacket.class, () -> esp.open(q, 0, q.length, w), "byte " + i);
            assertEquals(BadPacket.Reason.AUTHENTICATION, e.reason(), "byte " + i);
            assertEquals(0, w.top(), "a forged packet does not move the window");
        }
    }

    /** A packet that is authentic but badly padded: built by hand, the ICV computed over it. */
    private static byte[] handMade(byte[] ek, byte[] ik, byte[] paddedPlaintext) throws Exception {
        byte[] p = new byte[8 + 16 + paddedPlaintext.length + 12];
        EspTransform.putInt(p, 0, 0x1001);
        EspTransform.putInt(p, 4, 1);
        Cipher c = Cipher.getInstance("AES/CBC/NoPadding");
        c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(ek, "AES"), new IvParameterSpec(p, 8, 16));
        c.doFinal(paddedPlaintext, 0, paddedPlaintext.length, p, 24);
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(ik, "HmacSHA1"));
        mac.update(p, 0, p.length - 12);
        System.arraycopy(mac.doFinal(), 0, p, p.length - 12, 12);
        return p;
    }

    @Test
    void paddingIsCheckedOnInput() throws Exception {
        byte[] ek = new byte[16];
        byte[] ik = new byte[20];
        EspTransform esp = new EspTransform(0x1001, EncryptionAlgorithm.AES_CBC, ek, IntegrityAlgorithm.HMAC_SHA1_96, ik);
        byte[] good = new byte[16];
        good[10] = 1;
        good[11] = 2;
        good[12] = 3;
        good[13] = 4;
        good[14] = 4;
        good[15] = 4;
        byte[] ok = handMade(ek, ik, good);
        assertEquals(10, esp.open(ok, 0, ok.length, null).length());
        byte[] wrongByte = good.clone();
        wrongByte[12] = 7;
        byte[] p = handMade(ek, ik, wrongByte);
        assertEquals(BadPacket.Reason.PADDING, assertThrows(BadPacket.class, () -> esp.open(p, 0, p.length, null)).reason());
        byte[] tooLong = good.clone();
        tooLong[14] = 15;
        byte[] q = handMade(ek, ik, tooLong);
        assertEquals(BadPacket.Reason.PADDING, assertThrows(BadPacket.class, () -> esp.open(q, 0, q.length, null)).reason());
        ReplayWindow w = new ReplayWindow(64);
        assertThrows(BadPacket.class, () -> esp.open(q, 0, q.length, w));
        assertEquals(0, w.top(), "a badly padded packet does not move the window");
    }

    @Test
    void lengthsAreCheckedBeforeAnything() throws Exception {
        EspTransform esp = aes128Sha1();
        byte[] p = esp.seal(1, new Random(2), new byte[20], 0, 20, 4);
        assertEquals(BadPacket.Reason.TRUNCATED,
                assertThrows(BadPacket.class, () -> esp.open(p, 0, 8 + 16 + 16 + 11, null)).reason());
        byte[] odd = new byte[8 + 16 + 20 + 12];
        EspTransform.putInt(odd, 0, 0x1001);
        EspTransform.putInt(odd, 4, 1);
        byte[] ik = new byte[20];
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(ik, "HmacSHA1"));
        mac.update(odd, 0, odd.length - 12);
        System.arraycopy(mac.doFinal(), 0, odd, odd.length - 12, 12);
        EspTransform zeroKeys = new EspTransform(0x1001, EncryptionAlgorithm.AES_CBC, new byte[16],
                IntegrityAlgorithm.HMAC_SHA1_96, ik);
        assertEquals(BadPacket.Reason.BLOCK_SIZE,
                assertThrows(BadPacket.class, () -> zeroKeys.open(odd, 0, odd.length, null)).reason());
        byte[] other = p.clone();
        other[3] ^= 1;
        assertEquals(BadPacket.Reason.MALFORMED,
                assertThrows(BadPacket.class, () -> esp.open(other, 0, other.length, null)).reason());
    }

    @Test
    void opensAtAnOffset() throws Exception {
        EspTransform esp = aes128Sha1();
        byte[] p = esp.seal(9, new Random(3), "hello".getBytes(), 0, 5, 17);
        byte[] framed = new byte[p.length + 28];
        System.arraycopy(p, 0, framed, 20, p.length);
        EspTransform.Opened o = esp.open(framed, 20, p.length, null);
        assertEquals(17, o.nextHeader());
        assertArrayEquals("hello".getBytes(), o.payload());
        assertEquals(0x1001, EspTransform.spiOf(framed, 20, p.length));
        assertEquals(-1, EspTransform.spiOf(framed, 0, 7));
    }

    @Test
    void keysMustFitTheCipher() {
        assertThrows(IllegalArgumentException.class,
                () -> new EspTransform(1, EncryptionAlgorithm.AES_CBC, new byte[20], null, null));
        assertThrows(IllegalArgumentException.class,
                () -> new EspTransform(1, EncryptionAlgorithm.TRIPLE_DES_CBC, new byte[16], null, null));
        assertEquals(EncryptionAlgorithm.AES_CBC, EncryptionAlgorithm.fromPfkey(12).orElseThrow());
        assertEquals(EncryptionAlgorithm.TRIPLE_DES_CBC, EncryptionAlgorithm.fromPfkey(3).orElseThrow());
        assertFalse(EncryptionAlgorithm.fromPfkey(2).isPresent(), "single DES is not offered");
    }

    static EspTransform aes128Sha1() {
        return new EspTransform(0x1001, EncryptionAlgorithm.AES_CBC, new byte[16], IntegrityAlgorithm.HMAC_SHA1_96,
                new byte[20]);
    }
}
