package org.jswan.ike.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.jswan.ike.base.IpAddress;
import org.jswan.ike.whack.Policy;
import org.jswan.ike.whack.WhackMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * pluto(8) road warriors: one {@code %any} PSK connection on the gateway, peers at addresses it
 * does not name; each gets one instance, numbered in order, that keeps its number from Main Mode
 * to Quick Mode, also when the peer floats to the NAT-T port.
 */
class RoadWarriorTest {
    static final String GW_SECRETS = "192.0.2.1 %any : PSK \"road warriors\"\n";
    static final String RW_SECRETS = "192.0.2.1 192.0.2.3 : PSK \"road warriors\"\n"
            + "192.0.2.1 192.0.2.4 : PSK \"road warriors\"\n";

    @TempDir
    Path dir;

    private static boolean has(List<String> lines, String fragment) {
        return lines.stream().anyMatch(l -> l.contains(fragment));
    }

    @Test
    void twoRoadWarriorsGetInstanceOneAndTwoEvenWhenTheyFloat() {
        Sim sim = new Sim(dir);
        Sim.Node gw = sim.node("gw", "192.0.2.1", 500, GW_SECRETS, 61);
        Sim.Node rw1 = sim.node("rw1", "192.0.2.3", 500, RW_SECRETS, 62);
        Sim.Node rw2 = sim.node("rw2", "192.0.2.4", 500, RW_SECRETS, 63);
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
