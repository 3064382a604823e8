package org.jswan.ike.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.jswan.ike.base.Bytes;
import org.jswan.ike.base.Endpoint;
import org.jswan.ike.base.IpAddress;
import org.jswan.ike.whack.Policy;
import org.jswan.ike.whack.WhackMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** RFC 3947 / 3948 between two engines: detection, floating, UDP encapsulation, keepalives. */
class NatTraversalTest {
    static final String PSK = "192.0.2.1 192.0.2.2 : PSK \"natt-test\"\n%any 192.0.2.2 : PSK \"natt-test\"\n";

    @TempDir
    Path dir;

    private Sim sim;
    private Sim.Node west;
    private Sim.Node east;

    private void setUp(long westExtra, String westHost) {
        sim = new Sim(dir);
        west = sim.node("west", "192.0.2.1", 500, PSK, 31);
        east = sim.node("east", "192.0.2.2", 500, PSK, 32);
        long policy = Policy.PSK | Policy.ENCRYPT | Policy.TUNNEL;
        WhackMessage.Builder w = Sim.conn("net", west, "198.51.100.0/24", east, "203.0.113.0/24", policy | westExtra);
        sim.whack(west, w.build());
        WhackMessage.Builder e = Sim.conn("net", west, "198.51.100.0/24", east, "203.0.113.0/24", policy);
        if (westHost != null) {
            e.left = e.left.withHost(IpAddress.parse(westHost)).withId("192.0.2.1");
        }
        sim.whack(east, e.build());
        sim.listen(west);
        sim.listen(east);
    }

    private static boolean has(List<String> lines, String fragment) {
        return lines.stream().anyMatch(l -> l.contains(fragment));
    }

    @Test
    void withoutNatBothStayOnPort500() {
        setUp(0, null);
        long c = sim.initiate(west, "net");
        sim.run(Duration.ofSeconds(5));
        assertTrue(has(west.lines(c), "STATE_QUICK_I2"), west.lines(c).toString());
        assertTrue(west.logged("NAT-Traversal: Result using RFC 3947: no NAT detected"), west.log.toString());
        assertTrue(sim.sent.stream().allMatch(d -> d.src().port() == 500 && d.dst().port() == 500));
    }

    @Test
    void forceencapsFakesANatSoIkeFloatsAndEspIsUdpEncapsulated() {
        setUp(Policy.FORCEENCAPS, null);
        long c = sim.initiate(west, "net");
        sim.run(Duration.ofSeconds(5));
        assertTrue(has(west.lines(c), "STATE_QUICK_I2"), west.lines(c).toString() + west.log);
        assertTrue(east.logged("NAT-Traversal: Result using RFC 3947: peer is NATed"), east.log.toString());
        // MI1..MR2 on 500, MI3 on: 4500 with the non-ESP marker
        for (Sim.Datagram d : sim.sent.subList(4, sim.sent.size())) {
            assertEquals(4500, d.dst().port());
            assertTrue(d.data().slice(0, 4).isAllZero(), "non-ESP marker");
        }
        List<String> st = sim.status(east);
        assertTrue(has(st, "#2: \"net\":4500 STATE_QUICK_R2"), st.toString());
        assertTrue(has(sim.status(west), "\"net\":4500 STATE_MAIN_I4"));
    }

    @Test
    void theNatedSideSendsKeepalivesEvery20Seconds() {
        setUp(Policy.FORCEENCAPS, null);
        sim.initiate(west, "net");
        sim.run(Duration.ofSeconds(5));
        int before = sim.sent.size();
        sim.run(Duration.ofSeconds(61));
        List<Sim.Datagram> ka = sim.sent.subList(before, sim.sent.size());
        assertEquals(3, ka.size(), "keepalives at +20, +40, +60 s");
        for (Sim.Datagram d : ka) {
            assertEquals(west, d.from());
            assertEquals(1, d.data().length());
            assertEquals(0xff, d.data().get(0));
        }
    }

    @Test
    void aRealNatIsDetectedAndRepliesFollowTheTranslatedPort() {
        // west (192.0.2.1) sits behind a NAT that shows it as 203.0.113.9 with other source ports
        Endpoint pub500 = new Endpoint(IpAddress.parse("203.0.113.9"), 31000);
        Endpoint pub4500 = new Endpoint(IpAddress.parse("203.0.113.9"), 31001);
        setUp(0, "203.0.113.9");
        Endpoint w500 = new Endpoint(west.address, 500);
        Endpoint w4500 = new Endpoint(west.address, 4500);
        sim.path = d -> {
            if (d.src().equals(w500)) {
                return new Sim.Datagram(d.from(), pub500, d.dst(), d.data(), d.seq());
            }
            if (d.src().equals(w4500)) {
                return new Sim.Datagram(d.from(), pub4500, d.dst(), d.data(), d.seq());
            }
            if (d.dst().equals(pub500)) {
                return new Sim.Datagram(d.from(), d.src(), w500, d.data(), d.seq());
            }
            if (d.dst().equals(pub4500)) {
                return new Sim.Datagram(d.from(), d.src(), w4500, d.data(), d.seq());
            }
            return d;
        };
        long c = sim.initiate(west, "net");
        sim.run(Duration.ofSeconds(5));
        assertTrue(has(west.lines(c), "STATE_QUICK_I2"), west.lines(c) + "\n" + west.log + "\n" + east.log);
        assertTrue(west.logged("NAT-Traversal: Result using RFC 3947: i am NATed"), west.log.toString());
        assertTrue(east.logged("NAT-Traversal: Result using RFC 3947: peer is NATed"), east.log.toString());
        assertTrue(has(sim.status(east), "\"net\":31001 STATE_QUICK_R2"), sim.status(east).toString());
    }

    @Test
    void aPeerThatKnowsOfTheNatMayBeginMainModeOnTheNatTPort() {
        // charon reauthenticates a floated ISAKMP SA with a new Main Mode sent from and to 4500
        setUp(Policy.FORCEENCAPS, null);
        sim.initiate(west, "net");
        sim.run(Duration.ofSeconds(5));
        Sim.Datagram mi1 = sim.sent.get(0);
        assertEquals(500, mi1.dst().port());
        Bytes fresh = Bytes.of(1, 2, 3, 4, 5, 6, 7, 8)
                .concat(mi1.data().slice(8));
        Endpoint w4500 = new Endpoint(west.address, 4500);
        Endpoint e4500 = new Endpoint(east.address, 4500);
        int before = sim.sent.size();
        sim.apply(east, east.engine.handle(new Input.Packet(
                Bytes.zeros(4).concat(fresh), w4500, e4500, sim.now)));
        assertTrue(east.logged("responding to Main Mode"), east.log.toString());
        assertEquals(before + 1, sim.sent.size(), "east answered with MR1");
        Sim.Datagram mr1 = sim.sent.get(before);
        assertEquals(e4500, mr1.src());
        assertEquals(w4500, mr1.dst());
        assertTrue(mr1.data().slice(0, 4).isAllZero(), "MR1 from 4500 carries the non-ESP marker");
        assertEquals(fresh.slice(0, 8), mr1.data().slice(4, 12), "MR1 answers the new initiator cookie");
    }
}
