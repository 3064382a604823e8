package org.jswan.ike.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.jswan.ike.base.IpAddress;
import org.jswan.ike.engine.kernel.KernelRequest;
import org.jswan.ike.whack.Policy;
import org.jswan.ike.whack.WhackMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** pluto(8) routes, eroutes, TRAP and ACQUIRE, and the updown verbs with their PLUTO_* variables. */
class RoutingTest {
    static final String PSK = "192.0.2.1 192.0.2.2 : PSK \"routing\"\n";

    @TempDir
    Path dir;

    private Sim sim;
    private Sim.Node west;
    private Sim.Node east;

    private void setUp() {
        sim = new Sim(dir);
        west = sim.klipsNode("west", "192.0.2.1", 500, PSK, 71);
        east = sim.klipsNode("east", "192.0.2.2", 500, PSK, 72);
        for (Sim.Node n : List.of(west, east)) {
            WhackMessage.Builder b = Sim.conn("net", west, "198.51.100.0/24", east, "203.0.113.0/24",
                    Policy.PSK | Policy.ENCRYPT | Policy.TUNNEL);
            b.left = b.left.withUpdown("/etc/my-updown --flag");
            b.right = b.right.withUpdown("/etc/my-updown --flag");
            sim.whack(n, b.build());
            sim.listen(n);
        }
    }

    static final long TUNNEL_PSK = Policy.PSK | Policy.ENCRYPT | Policy.TUNNEL;

    /**
     * West (seed {@code seed}) and east ({@code seed + 1}), with a kernel or --noklips, each with
     * "net" under its policy; west initiates and 2 s pass.
     */
    private void initiated(boolean klips, long seed, long westPolicy, long eastPolicy) {
        sim = new Sim(dir);
        west = klips ? sim.klipsNode("west", "192.0.2.1", 500, PSK, seed) : sim.node("west", "192.0.2.1", 500, PSK, seed);
        east = klips ? sim.klipsNode("east", "192.0.2.2", 500, PSK, seed + 1)
                : sim.node("east", "192.0.2.2", 500, PSK, seed + 1);
        sim.whack(west, Sim.conn("net", west, "198.51.100.0/24", east, "203.0.113.0/24", westPolicy).build());
        sim.whack(east, Sim.conn("net", west, "198.51.100.0/24", east, "203.0.113.0/24", eastPolicy).build());
        sim.listen(west);
        sim.listen(east);
        sim.initiate(west, "net");
        sim.run(Duration.ofSeconds(2));
    }

    private long whack(Sim.Node n, boolean route, boolean unroute, boolean terminate) {
        WhackMessage.Builder b = WhackMessage.builder();
        b.name = "net";
        b.route = route;
        b.unroute = unroute;
        b.terminate = terminate;
        return sim.whack(n, b.build());
    }

    private static List<String> verbs(Sim.Node n) {
        return n.updowns.stream().map(Effect.Updown::verb).toList();
    }

    private static List<KernelRequest.Eroute> eroutes(Sim.Node n) {
        return n.kernel.stream().filter(k -> k instanceof KernelRequest.Eroute).map(k -> (KernelRequest.Eroute) k).toList();
    }

    private static boolean has(List<String> lines, String fragment) {
        return lines.stream().anyMatch(l -> l.contains(fragment));
    }

    @Test
    void routeInstallsATrapAndAnAcquireBringsTheTunnelUp() {
        setUp();
        whack(west, true, false, false);
        assertEquals(List.of("prepare-client", "route-client"), verbs(west));
        KernelRequest.Eroute trap = eroutes(west).get(0);
        assertEquals(KernelRequest.Shunt.TRAP, trap.shunt());
        assertEquals("add eroute 198.51.100.0/24 -> 203.0.113.0/24 => %trap", trap.describe());
        assertTrue(has(sim.status(west), "\"net\": 198.51.100.0/24===192.0.2.1...192.0.2.2===203.0.113.0/24;"
                + " prospective erouted; eroute owner: #0"), sim.status(west).toString());
        // outbound traffic hits the trap
        sim.apply(west, west.engine.handle(new Input.Acquire(IpAddress.parse("198.51.100.7"),
                IpAddress.parse("203.0.113.9"), 1, sim.now)));
        sim.run(Duration.ofSeconds(2));
        assertTrue(west.logged("\"net\": initiate on demand from 198.51.100.7 to 203.0.113.9 proto=1"), west.log.toString());
        assertTrue(has(sim.status(west), "erouted; eroute owner: #2"), sim.status(west).toString());
        KernelRequest.Eroute up = eroutes(west).get(1);
        assertEquals(KernelRequest.Eroute.Op.REPLACE, up.op());
        assertEquals(KernelRequest.SaProto.ESP, up.proto());
        assertEquals(List.of("prepare-client", "route-client", "up-client"), verbs(west));
        // the responder had no route: it routes and erouts when its SA is installed
        assertEquals(List.of("prepare-client", "route-client", "up-client"), verbs(east));
        assertEquals(KernelRequest.Eroute.Op.ADD, eroutes(east).get(0).op());
    }

    @Test
    void whenTheSaGoesTheTrapComesBackAndUnrouteIsRefusedWhileBusy() {
        setUp();
        whack(west, true, false, false);
        sim.initiate(west, "net");
        sim.run(Duration.ofSeconds(2));
        long c = whack(west, false, true, false);
        assertTrue(has(west.lines(c), "026 \"net\": cannot unroute: route busy"), west.lines(c).toString());
        whack(west, false, false, true);
        sim.run(Duration.ofSeconds(1));
        KernelRequest.Eroute back = eroutes(west).get(eroutes(west).size() - 1);
        assertEquals(KernelRequest.Shunt.TRAP, back.shunt());
        assertTrue(verbs(west).contains("down-client"));
        assertTrue(has(sim.status(west), "prospective erouted"), sim.status(west).toString());
        whack(west, false, true, false);
        assertTrue(has(sim.status(west), "; unrouted; "), sim.status(west).toString());
        assertEquals("unroute-client", verbs(west).get(verbs(west).size() - 1));
        // the responder, which never had --route, unroutes when its SA goes
        assertTrue(verbs(east).contains("down-client") && verbs(east).contains("unroute-client"), verbs(east).toString());
    }

    @Test
    void updownGetsEveryVariableInItsEnvironmentAndTheCommandUntouched() {
        setUp();
        sim.initiate(west, "net");
        sim.run(Duration.ofSeconds(2));
        Effect.Updown up = west.updowns.stream().filter(u -> u.verb().equals("up-client")).findFirst().orElseThrow();
        assertEquals("/etc/my-updown --flag", up.command());
        assertEquals("1.1", up.env().get("PLUTO_VERSION"));
        assertEquals("up-client", up.env().get("PLUTO_VERB"));
        assertEquals("net", up.env().get("PLUTO_CONNECTION"));
        assertEquals("ipsec0", up.env().get("PLUTO_INTERFACE"));
        assertEquals("192.0.2.1", up.env().get("PLUTO_ME"));
        assertEquals("192.0.2.2", up.env().get("PLUTO_PEER"));
        assertEquals("192.0.2.2", up.env().get("PLUTO_NEXT_HOP"));
        assertEquals("198.51.100.0/24", up.env().get("PLUTO_MY_CLIENT"));
        assertEquals("198.51.100.0", up.env().get("PLUTO_MY_CLIENT_NET"));
        assertEquals("255.255.255.0", up.env().get("PLUTO_MY_CLIENT_MASK"));
        assertEquals("203.0.113.0/24", up.env().get("PLUTO_PEER_CLIENT"));
        assertEquals("203.0.113.0", up.env().get("PLUTO_PEER_CLIENT_NET"));
        assertEquals("255.255.255.0", up.env().get("PLUTO_PEER_CLIENT_MASK"));
        assertEquals("192.0.2.1", up.env().get("PLUTO_MY_ID"));
        assertEquals("192.0.2.2", up.env().get("PLUTO_PEER_ID"));
        assertEquals("0", up.env().get("PLUTO_MY_PROTOCOL"));
    }

    @Test
    void deletingARoutedConnectionUndoesItsRouting() {
        setUp();
        whack(west, true, false, false);
        WhackMessage.Builder b = WhackMessage.builder();
        b.name = "net";
        b.delete = true;
        sim.whack(west, b.build());
        KernelRequest.Eroute last = eroutes(west).get(eroutes(west).size() - 1);
        assertEquals(KernelRequest.Eroute.Op.DELETE, last.op(), "the trap is removed with the connection");
        assertEquals("unroute-client", verbs(west).get(verbs(west).size() - 1));
    }

    @Test
    void noklipsRunsNoUpdown() {
        initiated(false, 73, TUNNEL_PSK, TUNNEL_PSK);
        assertTrue(west.updowns.isEmpty());
        assertTrue(has(sim.status(west), "; erouted; eroute owner: #2"));
    }

    @Test
    void disableArrivalCheckTravelsWithTheSasToTheKernel() {
        initiated(true, 75, TUNNEL_PSK | Policy.DISABLEARRIVALCHECK, TUNNEL_PSK);
        for (Sim.Node n : List.of(west, east)) {
            List<KernelRequest.AddSas> adds = n.kernel.stream().filter(k -> k instanceof KernelRequest.AddSas)
                    .map(k -> (KernelRequest.AddSas) k).toList();
            assertEquals(2, adds.size(), n.kernel.toString());
            for (KernelRequest.AddSas a : adds) {
                assertEquals(n == west, a.disableArrivalCheck(), a.describe());
            }
        }
    }

    @Test
    void tunnelModeInstallsAnIpipSaFirstInEachGroupAndStatusShowsItsSpi() {
        initiated(true, 77, TUNNEL_PSK, TUNNEL_PSK);
        List<KernelRequest.AddSas> adds = west.kernel.stream().filter(k -> k instanceof KernelRequest.AddSas)
                .map(k -> (KernelRequest.AddSas) k).toList();
        assertEquals(2, adds.size(), west.kernel.toString());
        KernelRequest.SaSpec tunIn = adds.get(0).sas().get(0);
        KernelRequest.SaSpec tunOut = adds.get(1).sas().get(0);
        assertEquals(KernelRequest.SaProto.IPIP, tunIn.proto());
        assertEquals(0x1001, tunIn.spi());
        assertTrue(tunIn.inbound() && tunIn.tunnel() && tunIn.encryptKey() == null, tunIn.toString());
        assertEquals(KernelRequest.SaProto.IPIP, tunOut.proto());
        assertEquals(0x1002, tunOut.spi());
        assertTrue(has(sim.status(west), " tun.1002@192.0.2.2 tun.1001@192.0.2.1"), sim.status(west).toString());
        assertTrue(adds.get(0).describe().startsWith("add tun.1001@192.0.2.1 esp."), adds.get(0).describe());
        whack(west, false, false, true);
        KernelRequest.DeleteSas del = west.kernel.stream().filter(k -> k instanceof KernelRequest.DeleteSas)
                .map(k -> (KernelRequest.DeleteSas) k).findFirst().orElseThrow();
        assertTrue(del.describe().contains("tun.1001@192.0.2.1") && del.describe().contains("tun.1002@192.0.2.2"),
                del.describe());
    }
}
