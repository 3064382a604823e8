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
 * went silent); PSK road warriors at addresses the gateway does not name each get one instance,
 * numbered in order, that keeps its number from Main Mode to Quick Mode, also when they float.
 */
class RoadWarriorTest {
    static RsaPrivateKey roadKey;
    static RsaPrivateKey eastKey;
    static final long POLICY = Policy.RSASIG | Policy.ENCRYPT | Policy.TUNNEL;
    static final String PSK_GW_SECRETS = "192.0.2.1 %any : PSK \"road warriors\"\n";
    static final String PSK_RW_SECRETS = "192.0.2.1 192.0.2.3 : PSK \"road warriors\"\n"
            + "192.0.2.1 192.0.2.4 : PSK \"road warriors\"\n";

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

    @Test
    void twoRoadWarriorsGetInstanceOneAndTwoEvenWhenTheyFloat() {
        Sim sim = new Sim(dir);
        Sim.Node gw = sim.node("gw", "192.0.2.1", 500, PSK_GW_SECRETS, 61);
        Sim.Node rw1 = sim.node("rw1", "192.0.2.3", 500, PSK_RW_SECRETS, 62);
        Sim.Node rw2 = sim.node("rw2", "192.0.2.4", 500, PSK_RW_SECRETS, 63);
        long policy = Policy.PSK | Policy.ENCRYPT | Policy.TUNNEL;
        WhackMessage.Builder t = Sim.conn("rw", gw, "198.51.100.0/24", rw1, null, policy);
        t.right = t.right.withHost(IpAddress.ANY4);
        t.left = t.left.withNexthop(IpAddress.ANY4);
        sim.whack(gw, t.build());
        for (Sim.Node rw : List.of(rw1, rw2)) {
            // --forceencaps: the road warrior "is behind a NAT", so IKE floats to 4500 from MI3 on
            sim.whack(rw, Sim.conn("rw", gw, "198.51.100.0/24", rw, null, policy | Policy.FORCEENCAPS).build());
            sim.listen(rw);
        }
        sim.listen(gw);
        long c1 = sim.initiate(rw1, "rw");
        sim.run(Duration.ofSeconds(5));
        assertTrue(has(rw1.lines(c1), "STATE_QUICK_I2"), rw1.lines(c1) + "\n" + gw.log);
        long c2 = sim.initiate(rw2, "rw");
        sim.run(Duration.ofSeconds(5));
        assertTrue(has(rw2.lines(c2), "STATE_QUICK_I2"), rw2.lines(c2) + "\n" + gw.log);
        List<String> st = sim.status(gw);
        assertTrue(has(st, "\"rw\"[1] 192.0.2.3:4500 STATE_MAIN_R3"), String.join("\n", st));
        assertTrue(has(st, "\"rw\"[1] 192.0.2.3:4500 STATE_QUICK_R2"), String.join("\n", st));
        assertTrue(has(st, "\"rw\"[2] 192.0.2.4:4500 STATE_MAIN_R3"), String.join("\n", st));
        assertTrue(has(st, "\"rw\"[2] 192.0.2.4:4500 STATE_QUICK_R2"), String.join("\n", st));
        assertFalse(gw.logged("switched from"), "each kept the instance Main Mode made:\n" + String.join("\n", gw.log));
        assertEquals(2, st.stream().filter(l -> l.contains("newest ISAKMP SA: #")).count() - 1,
                "the template and two instances:\n" + String.join("\n", st));
    }
}
