package org.jswan.ike.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class PcapngTest {
    @Test
    void readsTheCapturedPskExchange() {
        List<Pcapng.UdpFrame> frames = Pcapng.readResource("psk-tunnel-pfs.pcapng");
        Pcapng.UdpFrame mm1 = frames.get(0);
        assertEquals(1, mm1.number());
        assertEquals("192.0.2.1", mm1.src().toString());
        assertEquals(500, mm1.dstPort());
        // HDR: next payload SA (1), version 0x10, exchange 2 (Main Mode)
        assertEquals(1, mm1.isakmp().get(16));
        assertEquals(0x10, mm1.isakmp().get(17));
        assertEquals(2, mm1.isakmp().get(18));
        assertTrue(frames.stream().anyMatch(Pcapng.UdpFrame::isEspInUdp));
        Pcapng.UdpFrame mm5 = frames.stream().filter(f -> f.number() == 5).findFirst().orElseThrow();
        assertEquals(4500, mm5.srcPort());
        assertEquals(1, mm5.isakmp().get(19) & 1, "MM5 is encrypted");
    }
}
