package org.jswan.ike.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.jswan.ike.base.IpAddress;
import org.jswan.ike.secrets.RsaPrivateKey;
import org.jswan.ike.whack.Policy;
import org.jswan.ike.whack.WhackEnd;
import org.jswan.ike.whack.WhackMessage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * pluto(8) "Road Warrior Support" and --uniqueids: a road warrior (id @road.example) reaches
 * east's %any connection from one address, then from another (its laptop moved, the old address
 * went silent).
 */
class RoadWarriorTest {
    static RsaPrivateKey roadKey;
    static RsaPrivateKey eastKey;
    static final long POLICY = Policy.RSASIG | Policy.ENCRYPT | Policy.TUNNEL;

    @TempDir
    Path dir;

    private Sim sim;
    private Sim.Node east;

    @BeforeAll
    static void keys() {
        roadKey = RsaKeys.generate(1024, 11);
        eastKey = RsaKeys.generate(1024, 12);
    }

    private static boolean has(List<String> lines, String fragment) {
        return lines.stream().anyMatch(l -> l.contains(fragment));
    }

    private void key(Sim.Node n, String id, RsaPrivateKey k) {
        WhackMessage.Builder b = WhackMessage.builder();
        b.key = true;
        b.keyId = id;
        b.keyVal = RsaKeys.blob(k);
        sim.whack(n, b.build());
    }

    private void setUpEast(boolean uniqueIds) {
        sim = new Sim(dir);
        sim.uniqueIds = uniqueIds;
        east = sim.node("east", "192.0.2.2", 500, RsaKeys.secrets("", eastKey), 82);
        Sim.Node template = sim.node("template", "192.0.2.99", 500, "", 80);
        sim.nodes.remove(template);
        WhackMessage.Builder rw = Sim.conn("rw", template, null, east, "203.0.113.0/24", POLICY);
        rw.left = WhackEnd.empty().withHost(IpAddress.ANY4).withId("@road.example");
        sim.whack(east, rw.build());
        sim.listen(east);
        key(east, "@road.example", roadKey);
    }

    /** A road warrior laptop at {@code ip}: it initiates "home" and the test checks it got there. */
    private Sim.Node roam(String ip, long seed) {
        Sim.Node road = sim.node("road-" + ip, ip, 500, RsaKeys.secrets("", roadKey), seed);
        WhackMessage.Builder home = Sim.conn("home", road, null, east, "203.0.113.0/24", POLICY);
        home.left = home.left.withId("@road.example");
        sim.whack(road, home.build());
        sim.listen(road);
        key(road, "192.0.2.2", eastKey);
        long c = sim.initiate(road, "home");
        sim.run(Duration.ofSeconds(5));
        assertTrue(has(road.lines(c), "STATE_QUICK_I2: sent QI2, IPsec SA established"), road.lines(c) + "\n" + east.log);
        return road;
    }

    @Test
    void withUniqueIdsTheInstanceAtTheOldAddressIsDeletedWhenTheRoadWarriorReturnsFromANewOne() {
        setUpEast(true);
        Sim.Node first = roam("192.0.2.10", 83);
        assertTrue(has(sim.status(east), "\"rw\"[1] 192.0.2.10"), sim.status(east).toString());
        first.exited = true; // the laptop left that network without a word
        roam("192.0.2.11", 84);
        List<String> st = sim.status(east);
        assertTrue(east.logged("--uniqueids: deleting #"), east.log.toString());
        assertTrue(has(st, "\"rw\"[2] 192.0.2.11"), st.toString());
        assertFalse(has(st, "192.0.2.10"), "nothing of the old address is left: " + st);
        assertEquals(2, east.states(), "one ISAKMP and one IPsec SA: " + st);
    }

    @Test
    void withoutUniqueIdsBothInstancesStay() {
        setUpEast(false);
        Sim.Node first = roam("192.0.2.10", 83);
        first.exited = true;
        roam("192.0.2.11", 84);
        List<String> st = sim.status(east);
        assertFalse(east.logged("--uniqueids"), east.log.toString());
        assertTrue(has(st, "\"rw\"[1] 192.0.2.10"), st.toString());
        assertTrue(has(st, "\"rw\"[2] 192.0.2.11"), st.toString());
        assertEquals(4, east.states(), st.toString());
    }

    @Test
    void twoRoadWarriorsWithTheSameIdAtOnceEachGetAnInstanceWithoutUniqueIds() {
        setUpEast(false);
        roam("192.0.2.10", 83);
        roam("192.0.2.12", 85);
        List<String> st = sim.status(east);
        assertTrue(has(st, "\"rw\"[1] 192.0.2.10"), st.toString());
        assertTrue(has(st, "\"rw\"[2] 192.0.2.12"), st.toString());
        assertTrue(has(st, "\"rw\": %any[@road.example]...192.0.2.2===203.0.113.0/24; unrouted"), "the template stays: " + st);
    }
}
