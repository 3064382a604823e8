package org.jswan.klips.esp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import org.junit.jupiter.api.Test;

class IpCompTest {
    private static byte[] text(int n) {
        byte[] b = new byte[n];
        byte[] s = "the quick brown fox jumps over the lazy dog ".getBytes();
        for (int i = 0; i < n; i++) {
            b[i] = s[i % s.length];
        }
        return b;
    }

    @Test
    void compressesWithRawDeflateBehindItsHeader() throws Exception {
        IpComp c = new IpComp(0x1234, IpComp.DEFAULT_THRESHOLD);
        byte[] payload = text(1000);
        byte[] out = c.compress(Ipv4.PROTO_TCP, payload, 0, payload.length);
        assertNotNull(out);
        assertTrue(out.length < 200, "text shrinks: " + out.length);
        assertEquals(Ipv4.PROTO_TCP, out[0]);
        assertEquals(0, out[1], "flags are reserved, zero");
        assertEquals(0x1234, IpComp.cpiOf(out, 0, out.length));
        // RFC 2394: DEFLATE without a zlib header: a plain "nowrap" inflater reads it
        Inflater raw = new Inflater(true);
        raw.setInput(java.util.Arrays.copyOfRange(out, 4, out.length + 1));
        byte[] back = new byte[2000];
        int n = raw.inflate(back);
        assertEquals(1000, n);
        IpComp.Decompressed d = c.decompress(out, 0, out.length, 65515);
        assertEquals(Ipv4.PROTO_TCP, d.nextHeader());
        assertArrayEquals(payload, d.payload());
        c.close();
    }

    @Test
    void smallOrIncompressiblePayloadsGoAsTheyAre() {
        IpComp c = new IpComp(0x1234, IpComp.DEFAULT_THRESHOLD);
        assertNull(c.compress(6, text(89), 0, 89), "below the threshold");
        assertNotNull(c.compress(6, text(300), 0, 300));
        byte[] noise = new byte[1400];
        new Random(7).nextBytes(noise);
        assertNull(c.compress(6, noise, 0, noise.length), "random data does not shrink");
        IpComp eager = new IpComp(1, 0);
        assertNull(eager.compress(6, new byte[] {1, 2, 3}, 0, 3), "a result that is not smaller is dropped");
    }

    @Test
    void badInputIsRefused() {
        IpComp c = new IpComp(0x1234, IpComp.DEFAULT_THRESHOLD);
        byte[] out = c.compress(6, text(500), 0, 500);
        assertEquals(BadPacket.Reason.MALFORMED,
                assertThrows(BadPacket.class, () -> new IpComp(0x4321, 90).decompress(out, 0, out.length, 65515)).reason());
        byte[] garbage = {6, 0, 0x12, 0x34, (byte) 0xff, (byte) 0xff, (byte) 0xff};
        assertEquals(BadPacket.Reason.DECOMPRESSION,
                assertThrows(BadPacket.class, () -> c.decompress(garbage, 0, garbage.length, 65515)).reason());
        assertEquals(BadPacket.Reason.TRUNCATED,
                assertThrows(BadPacket.class, () -> c.decompress(garbage, 0, 4, 65515)).reason());
        byte[] cut = java.util.Arrays.copyOf(out, out.length - 3);
        assertThrows(BadPacket.class, () -> c.decompress(cut, 0, cut.length, 65515));
    }

    @Test
    void aDecompressionBombStopsAtTheLimit() {
        Deflater d = new Deflater(9, true);
        d.setInput(new byte[200_000]);
        d.finish();
        byte[] buf = new byte[4 + 2000];
        int n = d.deflate(buf, 4, 2000);
        buf[0] = 4;
        buf[2] = 0x12;
        buf[3] = 0x34;
        IpComp c = new IpComp(0x1234, 90);
        assertEquals(BadPacket.Reason.DECOMPRESSION,
                assertThrows(BadPacket.class, () -> c.decompress(buf, 0, 4 + n, 65515)).reason());
        assertThrows(IllegalArgumentException.class, () -> new IpComp(0x10000, 90));
    }
}
