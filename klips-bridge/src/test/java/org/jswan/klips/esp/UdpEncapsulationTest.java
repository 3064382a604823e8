package org.jswan.klips.esp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** RFC 3948 §2: what a datagram on port 4500 is, and how ESP is framed in UDP. */
class UdpEncapsulationTest {
    private static UdpEncapsulation.Kind kind(byte[] b) {
        return UdpEncapsulation.classify(b, 0, b.length);
    }

    private static UdpEncapsulation.Kind kind(int... v) {
        byte[] b = new byte[v.length];
        for (int i = 0; i < v.length; i++) {
            b[i] = (byte) v[i];
        }
        return kind(b);
    }

    @Test
    void classifies() {
        assertEquals(UdpEncapsulation.Kind.KEEPALIVE, kind(0xff));
        assertEquals(UdpEncapsulation.Kind.INVALID, kind(0xfe));
        assertEquals(UdpEncapsulation.Kind.INVALID, kind(0xff, 0xff));
        assertEquals(UdpEncapsulation.Kind.IKE, kind(0, 0, 0, 0));
        assertEquals(UdpEncapsulation.Kind.IKE, kind(UdpEncapsulation.ike(new byte[28])));
        assertEquals(UdpEncapsulation.Kind.INVALID, kind(0, 0, 0x10, 1, 0, 0, 0));
        assertEquals(UdpEncapsulation.Kind.ESP, kind(0, 0, 0x10, 1, 0, 0, 0, 1));
        assertEquals(UdpEncapsulation.Kind.ESP, kind(0, 0, 0, 1, 0, 0, 0, 0), "any non-zero first word is an SPI");
        assertEquals(UdpEncapsulation.Kind.INVALID, kind(new byte[0]));
        assertArrayEquals(new byte[] {(byte) 0xff}, UdpEncapsulation.keepalive());
    }

    @Test
    void framesEspWithAZeroChecksum() throws Exception {
        byte[] esp = {0, 0, 0x10, 1, 0, 0, 0, 9, 42};
        byte[] udp = UdpEncapsulation.frame(4500, 4501, esp, 0, esp.length);
        assertArrayEquals(new byte[] {0x11, (byte) 0x94, 0x11, (byte) 0x95, 0, 17, 0, 0}, java.util.Arrays.copyOf(udp, 8));
        assertEquals(4500, UdpEncapsulation.sourcePort(udp, 0));
        assertEquals(4501, UdpEncapsulation.destinationPort(udp, 0));
        assertArrayEquals(esp, UdpEncapsulation.payload(udp, 0, udp.length));
        byte[] lying = udp.clone();
        lying[5] = 40;
        assertEquals(BadPacket.Reason.TRUNCATED,
                assertThrows(BadPacket.class, () -> UdpEncapsulation.payload(lying, 0, lying.length)).reason());
        assertEquals(BadPacket.Reason.TRUNCATED,
                assertThrows(BadPacket.class, () -> UdpEncapsulation.payload(udp, 0, 7)).reason());
    }
}
