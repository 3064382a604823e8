package org.jswan.klips.esp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class AhTransformTest {
    private static final byte[] KEY = Hex.parse("0102030405060708090a0b0c0d0e0f1011121314");
    private static final byte[] SRC = {(byte) 192, 0, 2, 1};
    private static final byte[] DST = {(byte) 192, 0, 2, 2};

    /** An ICMP echo request, with {@code options} (a multiple of 4 bytes) in its header. */
    static byte[] icmp(byte[] options, int payload) {
        int ihl = 20 + options.length;
        byte[] p = new byte[ihl + 8 + payload];
        Ipv4.writeHeader(p, 0, 0x10, p.length, 0x1234, Ipv4.DF, 64, Ipv4.PROTO_ICMP, SRC, DST);
        p[0] = (byte) (0x40 | ihl / 4);
        System.arraycopy(options, 0, p, 20, options.length);
        Ipv4.fillChecksum(p, 0);
        p[ihl] = 8;
        for (int i = 0; i < payload; i++) {
            p[ihl + 8 + i] = (byte) i;
        }
        return p;
    }

    private static AhTransform sha1() {
        return new AhTransform(0x2001, IntegrityAlgorithm.HMAC_SHA1_96, KEY);
    }

    @Test
    void sealsAsRfc4302Says() throws Exception {
        byte[] in = icmp(new byte[0], 32);
        byte[] out = sha1().seal(5, in, 0, in.length);
        assertEquals(in.length + 24, out.length);
        assertEquals(Ipv4.PROTO_AH, Ipv4.protocol(out, 0));
        assertEquals(out.length, Ipv4.totalLength(out, 0));
        assertEquals(0, Ipv4.checksum(out, 0, 20));
        assertEquals(Ipv4.PROTO_ICMP, out[20]);
        assertEquals(4, out[21], "AH length in 32-bit words minus 2");
        assertEquals(0x2001, EspTransform.getInt(out, 24));
        assertEquals(5, EspTransform.getInt(out, 28));
        assertArrayEquals(Arrays.copyOfRange(in, 20, in.length), Arrays.copyOfRange(out, 44, out.length));
        // the oracle: HMAC over the header with TOS, flags/offset, TTL and checksum zeroed, AH with a zero ICV, payload
        byte[] m = out.clone();
        m[1] = 0;
        m[6] = 0;
        m[7] = 0;
        m[8] = 0;
        m[10] = 0;
        m[11] = 0;
        Arrays.fill(m, 32, 44, (byte) 0);
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(KEY, "HmacSHA1"));
        assertArrayEquals(Arrays.copyOf(mac.doFinal(m), 12), Arrays.copyOfRange(out, 32, 44));
    }

    @Test
    void mutableFieldsMayChangeInTransit() throws Exception {
        byte[] in = icmp(new byte[0], 40);
        byte[] out = sha1().seal(1, in, 0, in.length);
        out[8]--;            // a router decrements the TTL
        out[1] = 0x2e;       // re-marks DSCP / ECN
        out[6] = 0;          // clears DF
        Ipv4.fillChecksum(out, 0);
        AhTransform.Opened o = sha1().open(out, 0, out.length, new ReplayWindow(64));
        assertEquals(1, o.seq());
        assertEquals(Ipv4.PROTO_ICMP, o.nextHeader());
        byte[] back = o.packet();
        assertEquals(in.length, back.length);
        assertEquals(Ipv4.PROTO_ICMP, Ipv4.protocol(back, 0));
        assertEquals(63, back[8]);
        assertEquals(0, Ipv4.checksum(back, 0, 20));
        assertArrayEquals(Arrays.copyOfRange(in, 20, in.length), Arrays.copyOfRange(back, 20, back.length));
    }

    @Test
    void immutableFieldsMayNot() throws Exception {
        byte[] in = icmp(new byte[0], 40);
        byte[] sealed = sha1().seal(1, in, 0, in.length);
        for (int at : new int[] {4, 5, 12, 15, 16, 19, 20, 28, 44, sealed.length - 1}) {
            byte[] out = sealed.clone();
            out[at] ^= 0x01;
            Ipv4.fillChecksum(out, 0);
            BadPacket e = assertThrows(BadPacket.class, () -> sha1().open(out, 0, out.length, null), "byte " + at);
            assertEquals(at == 20 ? BadPacket.Reason.AUTHENTICATION : e.reason(), e.reason());
            assertEquals(true, e.reason() == BadPacket.Reason.AUTHENTICATION || e.reason() == BadPacket.Reason.MALFORMED,
                    "byte " + at + ": " + e);
        }
    }

    @Test
    void mutableOptionsAreZeroedImmutableOnesCovered() throws Exception {
        // Record Route (7, mutable) + NOP; then a Router Alert (148, immutable)
        byte[] rr = {7, 7, 4, 0, 0, 0, 0, 1};
        byte[] in = icmp(rr, 16);
        byte[] out = sha1().seal(1, in, 0, in.length);
        out[23] = 10;        // a router records its address
        out[24] = 11;
        out[22] = 8;         // and moves the pointer
        Ipv4.fillChecksum(out, 0);
        assertEquals(in.length, sha1().open(out, 0, out.length, null).packet().length);

        byte[] ra = {(byte) 148, 4, 0, 0};
        byte[] in2 = icmp(ra, 16);
        byte[] out2 = sha1().seal(1, in2, 0, in2.length);
        out2[23] = 1;
        Ipv4.fillChecksum(out2, 0);
        assertEquals(BadPacket.Reason.AUTHENTICATION,
                assertThrows(BadPacket.class, () -> sha1().open(out2, 0, out2.length, null)).reason());

        byte[] broken = icmp(new byte[] {7, 9, 4, 0}, 16);
        assertEquals(BadPacket.Reason.MALFORMED,
                assertThrows(BadPacket.class, () -> sha1().seal(1, broken, 0, broken.length)).reason());
    }

    @Test
    void replayedAndForeignPacketsAreRefused() throws Exception {
        byte[] in = icmp(new byte[0], 8);
        byte[] out = sha1().seal(3, in, 0, in.length);
        ReplayWindow w = new ReplayWindow(64);
        AhTransform rx = sha1();
        rx.open(out, 0, out.length, w);
        assertEquals(BadPacket.Reason.REPLAY, assertThrows(BadPacket.class, () -> rx.open(out, 0, out.length, w)).reason());
        assertEquals(0x2001, AhTransform.spiOf(out, 0, out.length));
        assertEquals(BadPacket.Reason.MALFORMED, assertThrows(BadPacket.class,
                () -> new AhTransform(0x2002, IntegrityAlgorithm.HMAC_SHA1_96, KEY).open(out, 0, out.length, null)).reason());
        assertEquals(BadPacket.Reason.MALFORMED, assertThrows(BadPacket.class,
                () -> new AhTransform(0x2001, IntegrityAlgorithm.HMAC_SHA2_256_128, new byte[32])
                        .open(out, 0, out.length, null)).reason(), "AH length of another algorithm");
        assertEquals(BadPacket.Reason.MALFORMED, assertThrows(BadPacket.class, () -> rx.open(in, 0, in.length, null)).reason());
    }

    @Test
    void everyIntegrityAlgorithmRoundTrips() throws Exception {
        for (IntegrityAlgorithm a : IntegrityAlgorithm.values()) {
            AhTransform ah = new AhTransform(0x3000, a, new byte[a.keyLength()]);
            byte[] in = icmp(new byte[0], 100);
            byte[] out = ah.seal(1, in, 0, in.length);
            assertEquals(0, ah.headerLength() % 4, a + ": AH stays 32-bit aligned for IPv4");
            assertArrayEquals(Arrays.copyOfRange(in, 20, in.length),
                    Arrays.copyOfRange(ah.open(out, 0, out.length, null).packet(), 20, in.length));
        }
    }
}
