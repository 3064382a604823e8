package org.jswan.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** iperf3's JSON report read as the ITs and the bench read it (a real iperf 3.12 report, loopback). */
class IperfTest {
    private static String report() throws IOException {
        try (InputStream in = IperfTest.class.getResourceAsStream("/iperf3-report.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void theReceiverSumGivesBytesAndRateAndTheSenderSumRetransmits() throws IOException {
        Iperf.Result r = Iperf.parse(report());
        assertEquals(4430888960L, r.bytes());
        assertEquals(35429.82, r.mbits(), 0.01);
        assertEquals(0, r.retransmits());
    }

    @Test
    void aReportWithoutTotalsIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Iperf.parse("{\"start\": {}, \"error\": \"unable to connect\"}"));
    }
}
