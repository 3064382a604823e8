package org.jswan.pluto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.jswan.ike.base.IpAddress;
import org.jswan.ike.engine.Input;
import org.junit.jupiter.api.Test;

class ListenScanTest {
    private final List<String> log = new ArrayList<>();
    private final PlutoLog plog = new PlutoLog((l, t) -> log.add(t), 0);

    @Test
    void loopbackIsAmongTheInterfaces() {
        List<Input.NetInterface> all = new ListenScan(List.of(), "/etc/ipsec.secrets", plog).interfaces();
        assertTrue(all.contains(new Input.NetInterface("lo", IpAddress.parse("127.0.0.1"))), String.valueOf(all));
        assertEquals(all.size(), all.stream().distinct().count());
    }

    @Test
    void interfaceOptionFilters() {
        assertTrue(new ListenScan(List.of("lo"), "s", plog).interfaces().stream().allMatch(i -> i.name().equals("lo")));
        assertEquals(List.of(), new ListenScan(List.of("no-such-if0"), "s", plog).interfaces());
        assertTrue(log.isEmpty(), String.valueOf(log));
    }

    @Test
    void secretsAreAnEmptyTableUntilTheLoaderLands() {
        Input.ListenFacts f = new ListenScan(List.of(), "/etc/ipsec.secrets", plog).scan();
        assertEquals(List.of(), f.secrets().notes());
    }
}
