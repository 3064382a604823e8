package org.jswan.pluto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jswan.ike.base.IpAddress;
import org.jswan.ike.conn.Resolver;
import org.jswan.ike.engine.Input;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ListenScanTest {
    private final List<String> log = new ArrayList<>();
    private final PlutoLog plog = new PlutoLog((l, t) -> log.add(t), 0);

    @Test
    void loopbackIsAmongTheInterfaces() {
        List<Input.NetInterface> all = new ListenScan(List.of(), "/etc/ipsec.secrets", Resolver.none(), plog).interfaces();
        assertTrue(all.contains(new Input.NetInterface("lo", IpAddress.parse("127.0.0.1"))), String.valueOf(all));
        assertEquals(all.size(), all.stream().distinct().count());
    }

    @Test
    void interfaceOptionFilters() {
        assertTrue(new ListenScan(List.of("lo"), "s", Resolver.none(), plog).interfaces().stream().allMatch(i -> i.name().equals("lo")));
        assertEquals(List.of(), new ListenScan(List.of("no-such-if0"), "s", Resolver.none(), plog).interfaces());
        assertTrue(log.isEmpty(), String.valueOf(log));
    }

    @Test
    void secretsAreReadAfreshWithTheLoadersNotes(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("ipsec.secrets");
        Files.writeString(f, "127.0.0.1 127.0.0.2 : PSK \"first\"\n");
        ListenScan scan = new ListenScan(List.of(), f.toString(), Resolver.none(), plog);
        assertEquals(1, scan.scan().secrets().table().size());
        Files.writeString(f, "127.0.0.1 127.0.0.2 : PSK \"first\"\n127.0.0.1 127.0.0.3 : PSK \"second\"\n");
        Input.SecretsLoad again = scan.loadSecrets();
        assertEquals(2, again.table().size());
        assertEquals(List.of(new Input.LogNote(2, "loading secrets from \"" + f + "\"")), again.notes());
        Input.SecretsLoad missing = new ListenScan(List.of(), dir.resolve("none").toString(), Resolver.none(), plog)
                .loadSecrets();
        assertEquals(0, missing.table().size());
        assertEquals(3, missing.notes().get(0).rc());
    }

    @Test
    void upMeansIffUpAsPlutoTestedItNotAlsoRunning() {
        assertTrue(ListenScan.flagsUp("0x1003\n"), "UP|BROADCAST|MULTICAST");
        assertTrue(ListenScan.flagsUp("0x1"));
        assertFalse(ListenScan.flagsUp("0x1002"), "BROADCAST|MULTICAST, down");
        assertFalse(ListenScan.flagsUp("garbage"));
        assertTrue(ListenScan.administrativelyUp("lo"), "lo is up in any namespace");
        assertFalse(ListenScan.administrativelyUp("no-such-if0"));
        assertFalse(ListenScan.administrativelyUp("../lo"), "a name is not a path");
    }
}
