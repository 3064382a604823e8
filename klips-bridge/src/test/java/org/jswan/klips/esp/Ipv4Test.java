package org.jswan.klips.esp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

class Ipv4Test {
    @Test
    void checksumOfRfc3602sHeader() {
        // RFC 3602 case 5's outer header: its checksum f9a5 sums to zero
        byte[] h = Hex.parse("4500007c 08f20000 4032f9a5 c0a87b03 c0a87b64");
        assertEquals(0, Ipv4.checksum(h, 0, 20));
        h[10] = 0;
        h[11] = 0;
        assertEquals(0xf9a5, Ipv4.checksum(h, 0, 20));
        Ipv4.fillChecksum(h, 0);
        assertEquals((byte) 0xf9, h[10]);
        assertEquals(3, Ipv4.checksum(new byte[] {(byte) 0xff, (byte) 0xfc}, 0, 2));
    }

    @Test
    void headerChecks() {
        byte[] h = Hex.parse("4500007c 08f20000 4032f9a5 c0a87b03 c0a87b64");
        assertEquals(BadPacket.Reason.TRUNCATED, assertThrows(BadPacket.class, () -> Ipv4.check(h, 0, 20)).reason());
        byte[] v6 = h.clone();
        v6[0] = 0x65;
        assertEquals(BadPacket.Reason.MALFORMED, assertThrows(BadPacket.class, () -> Ipv4.check(v6, 0, 20)).reason());
        byte[] small = h.clone();
        small[0] = 0x44;
        assertThrows(BadPacket.class, () -> Ipv4.check(small, 0, 20));
    }

    @Test
    void fragmentsAndTheirPiecesAddUp() throws Exception {
        byte[] p = new byte[3000];
        Ipv4.writeHeader(p, 0, 0, p.length, 77, 0, 64, Ipv4.PROTO_ESP, new byte[] {(byte) 192, 0, 2, 1},
                new byte[] {(byte) 192, 0, 2, 2});
        for (int i = 20; i < p.length; i++) {
            p[i] = (byte) i;
        }
        List<byte[]> f = Ipv4.fragment(p, p.length, 1500);
        assertEquals(3, f.size());
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        int expectOffset = 0;
        for (int i = 0; i < f.size(); i++) {
            byte[] x = f.get(i);
            assertTrue(x.length <= 1500);
            assertEquals(0, Ipv4.checksum(x, 0, 20));
            assertEquals(x.length, Ipv4.totalLength(x, 0));
            int word = Ipv4.flagsAndOffset(x, 0);
            assertEquals(expectOffset, (word & 0x1fff) * 8);
            assertEquals(i < f.size() - 1, (word & 0x2000) != 0, "MF on all but the last");
            assertTrue(Ipv4.isFragment(x, 0));
            joined.write(x, 20, x.length - 20);
            expectOffset += x.length - 20;
        }
        assertArrayEquals(java.util.Arrays.copyOfRange(p, 20, p.length), joined.toByteArray());
        assertEquals(1, Ipv4.fragment(p, 1200, 1500).size());
        byte[] df = p.clone();
        Ipv4.writeHeader(df, 0, 0, df.length, 77, Ipv4.DF, 64, Ipv4.PROTO_ESP, new byte[4], new byte[4]);
        assertEquals(BadPacket.Reason.UNSUPPORTED, assertThrows(BadPacket.class, () -> Ipv4.fragment(df, df.length, 1500)).reason());
    }

    @Test
    void selectors() throws Exception {
        byte[] udp = new byte[28];
        Ipv4.writeHeader(udp, 0, 0, 28, 1, 0, 64, Ipv4.PROTO_UDP, new byte[] {(byte) 198, 51, 100, 1},
                new byte[] {(byte) 203, 0, 113, 1});
        udp[20] = 0x13;
        udp[21] = (byte) 0x88;
        udp[22] = 0;
        udp[23] = 53;
        IpSelectors s = IpSelectors.parse(udp, 0, udp.length);
        assertEquals("198.51.100.1:5000 -> 203.0.113.1:53 proto 17", s.toString());
        byte[] later = udp.clone();
        Ipv4.writeHeader(later, 0, 0, 28, 1, 10, 64, Ipv4.PROTO_UDP, new byte[4], new byte[4]);
        assertEquals(0, IpSelectors.parse(later, 0, 28).srcPort(), "no ports in a later fragment");
        byte[] v6 = new byte[48];
        v6[0] = 0x60;
        v6[5] = 8;
        v6[6] = 17;
        v6[8] = 0x20;
        v6[9] = 0x01;
        v6[10] = 0x0d;
        v6[11] = (byte) 0xb8;
        v6[40] = 0;
        v6[41] = 7;
        IpSelectors s6 = IpSelectors.parse(v6, 0, v6.length);
        assertEquals(6, s6.version());
        assertEquals(7, s6.srcPort());
        assertEquals("2001:db8:0:0:0:0:0:0", s6.srcAddress().getHostAddress());
        assertThrows(BadPacket.class, () -> IpSelectors.parse(v6, 0, 40));
    }
}
