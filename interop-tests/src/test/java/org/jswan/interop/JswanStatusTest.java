package org.jswan.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** jswan's {@code whack --status}, as it printed it against charon here. */
class JswanStatusTest {
    static final List<String> STATUS = List.of(
            "000 interface jswx-a0/jswx-a0 192.0.2.1",
            "000 %myid = (none)",
            "000  ",
            "000 \"t\": 198.51.100.0/24===192.0.2.1...192.0.2.2===203.0.113.0/24; erouted; eroute owner: #2",
            "000 \"t\":   newest ISAKMP SA: #1; newest IPsec SA: #2; ",
            "000  ",
            "000 #2: \"t\":4500 STATE_QUICK_I2 (sent QI2, IPsec SA established); EVENT_SA_REPLACE in 28103s;"
                    + " newest IPSEC; eroute owner",
            "000 #2: \"t\" esp.71a85503@192.0.2.2 esp.3419fed4@192.0.2.1 tun.1004@192.0.2.2 tun.1003@192.0.2.1",
            "000 #1: \"t\":4500 STATE_MAIN_I4 (ISAKMP SA established); EVENT_SA_REPLACE in 2853s; newest ISAKMP",
            "000 #3: \"r\"[1] 192.0.2.3 STATE_QUICK_R2 (IPsec SA established)",
            "000 #3: \"r\"[1] 192.0.2.3 esp.1000@192.0.2.3 esp.ffff0001@192.0.2.1",
            "000 #5: \"r\"[2] 192.0.2.4:4500 STATE_MAIN_R3 (sent MR3, ISAKMP SA established); EVENT_SA_REPLACE in 3s",
            "000 #6: \"r\"[2] 192.0.2.4:4500 STATE_QUICK_R2 (IPsec SA established); newest IPSEC; eroute owner",
            "000 #6: \"r\"[2] 192.0.2.4 used 3s ago; esp.4e674d8f@192.0.2.4 esp.fbe3569@192.0.2.1"
                    + " tun.1002@192.0.2.4 tun.1001@192.0.2.1 Traffic: ESPin=252B/3p ESPout=252B/3p",
            "000  ");

    @Test
    void states_with_their_nat_t_port() {
        List<JswanStatus.State> st = JswanStatus.states(STATUS);

        assertEquals(List.of(new JswanStatus.State(2, "t", "STATE_QUICK_I2", 4500, null),
                new JswanStatus.State(1, "t", "STATE_MAIN_I4", 4500, null),
                new JswanStatus.State(3, "r", "STATE_QUICK_R2", null, "[1] 192.0.2.3"),
                new JswanStatus.State(5, "r", "STATE_MAIN_R3", 4500, "[2] 192.0.2.4"),
                new JswanStatus.State(6, "r", "STATE_QUICK_R2", 4500, "[2] 192.0.2.4")), st);
    }

    @Test
    void ipsec_sas_peer_spi_first() {
        List<JswanStatus.IpsecSa> sas = JswanStatus.ipsecSas(STATUS);

        assertEquals(3, sas.size());
        JswanStatus.IpsecSa t = sas.get(0);
        assertEquals("STATE_QUICK_I2", t.kind());
        assertEquals(0x71a85503L, t.peerSpi());
        assertEquals("192.0.2.2", t.peer());
        assertEquals(0x3419fed4L, t.ourSpi());
        assertEquals("192.0.2.1", t.us());
        assertEquals(4500, t.peerPort());
        assertEquals("STATE_QUICK_R2", sas.get(1).kind());
        assertEquals("192.0.2.3", sas.get(1).peer());
        assertEquals(0xffff0001L, sas.get(1).ourSpi());
        assertEquals(0x4e674d8fL, sas.get(2).peerSpi(), "a line with \"used 3s ago;\" and traffic");
        assertEquals(0xfbe3569L, sas.get(2).ourSpi());
    }
}
