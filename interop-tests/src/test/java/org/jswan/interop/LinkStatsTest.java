package org.jswan.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** {@code ip -s -j link show} read into {@link Netns.LinkStats}. */
class LinkStatsTest {
    static final String IP_JSON = "[{\"ifindex\":7,\"ifname\":\"ipsec0\",\"mtu\":1400,\"stats64\":{\"rx\":{\"bytes\":4200,"
            + "\"packets\":42,\"errors\":0,\"dropped\":0},\"tx\":{\"bytes\":150000,\"packets\":100,\"errors\":0}}}]";

    @Test
    void rxAndTxCountersAndTheirDifference() {
        Netns.LinkStats s = Netns.LinkStats.parse(IP_JSON);
        assertEquals(new Netns.LinkStats(42, 4200, 100, 150000), s);
        assertEquals(new Netns.LinkStats(2, 200, 0, 0), s.minus(new Netns.LinkStats(40, 4000, 100, 150000)));
    }

    @Test
    void outputWithoutCountersIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Netns.LinkStats.parse("Device \"ipsec0\" does not exist."));
    }
}
