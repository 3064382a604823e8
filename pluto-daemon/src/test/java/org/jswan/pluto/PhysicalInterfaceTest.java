package org.jswan.pluto;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which interface ipsec0 is attached to. */
class PhysicalInterfaceTest {
    static final String HEADER = "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT\n";
    static final String DEFAULT_VIA_ETH1 = HEADER
            + "eth0\t000200C0\t00000000\t0001\t0\t0\t0\t00FFFFFF\t0\t0\t0\n"
            + "eth1\t00000000\t010064C6\t0003\t0\t0\t0\t00000000\t0\t0\t0\n";
    static final String NO_DEFAULT = HEADER + "veth0\t000200C0\t00000000\t0001\t0\t0\t0\t00FFFFFF\t0\t0\t0\n";

    @Test
    void anInterfaceOptionThatIsNotVirtualWins() {
        assertEquals(Optional.of("eth0"), PhysicalInterface.choose(List.of("ipsec0", "eth0"), DEFAULT_VIA_ETH1,
                List.of("eth0", "eth1")));
    }

    @Test
    void elseTheDefaultRoutesInterface() {
        assertEquals(Optional.of("eth1"), PhysicalInterface.choose(List.of(), DEFAULT_VIA_ETH1, List.of("eth0", "eth1")));
    }

    @Test
    void elseTheOnlyRealInterfaceElseNone() {
        assertEquals(Optional.of("veth0"), PhysicalInterface.choose(List.of(), NO_DEFAULT, List.of("veth0", "ipsec0")));
        assertEquals(Optional.empty(), PhysicalInterface.choose(List.of(), NO_DEFAULT, List.of("veth0", "veth1")));
        assertEquals(Optional.empty(), PhysicalInterface.choose(List.of(), "", List.of()));
    }
}
