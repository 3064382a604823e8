package org.jswan.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 5: two jswan plutos, each with its userspace KLIPS, in two namespaces. Pings between the
 * client subnets pass over raw ESP (IP protocol 50) and over UDP-encapsulated ESP
 * ({@code --forceencaps}); a {@code --route}d connection is brought up by the traffic itself
 * (TRAP, ACQUIRE) and {@code --unroute} is refused while its SA is up.
 */
@Interop(jswan = true)
class JswanPairKlipsIT {
    static final String PSK = "jswan pair, documentation only";
    static final Duration PING = Duration.ofSeconds(30);
    static final Duration WAIT = Duration.ofSeconds(40);

    static Testbed bed;
    static Jswan west;
    static Jswan east;
    static java.nio.file.Path dir;
    private static int serial;
    private String conn;

    @BeforeAll
    static void up() {
        dir = Artifacts.forClass(JswanPairKlipsIT.class);
        bed = Testbed.create();
        try {
            Jswan.Options o = Jswan.Options.psk(PSK).with("--debug-control", "--debug-klips");
            west = Jswan.start(bed.left(), dir.resolve("west"), bed.shortDir(), o);
            east = Jswan.start(bed.right(), dir.resolve("east"), bed.shortDir(), o);
        } catch (RuntimeException | AssertionError e) {
            down();
            throw e;
        }
    }

    @AfterAll
    static void down() {
        try {
            if (west != null) {
                west.close();
            }
            if (east != null) {
                east.close();
            }
        } finally {
            west = null;
            east = null;
            if (bed != null) {
                bed.close();
                bed = null;
            }
        }
    }

    @AfterEach
    void clean() {
        if (conn != null) {
            west.whack("--name", conn, "--delete");
            east.whack("--name", conn, "--delete");
        }
    }

    private WhackConn connection(String... extra) {
        conn = "k" + (++serial);
        WhackConn c = WhackConn.subnets(conn).ike("aes128-sha1-modp2048").esp("aes128-sha1").with(extra);
        west.add(c);
        east.add(c);
        return c;
    }

    private static void ping() {
        Exec.Result r = bed.left().exec(PING, "ping", "-c", "3", "-W", "3", "-I", Testbed.LEFT_CLIENT, Testbed.RIGHT_CLIENT);
        assertTrue(r.ok(), "ping through the jswan tunnel:\n" + r.describe());
    }

    private static boolean established(Jswan j, String state) {
        return j.status().stream().anyMatch(l -> l.contains(state));
    }

    @Test
    void a_ping_passes_over_raw_esp() {
        connection();
        Exec.Result r = west.whack(WAIT, "--name", conn, "--initiate");
        assertEquals(0, r.exit(), r.describe());
        ping();
        assertTrue(established(east, "STATE_QUICK_R2"));
    }

    @Test
    void a_ping_passes_over_udp_encapsulated_esp() {
        connection("--forceencaps");
        Exec.Result r = west.whack(WAIT, "--name", conn, "--initiate");
        assertEquals(0, r.exit(), r.describe());
        assertTrue(west.status().stream().anyMatch(l -> l.contains(":4500 STATE_QUICK_I2")), String.join("\n", west.status()));
        ping();
    }

    @Test
    void a_routed_connection_is_started_by_traffic_and_cannot_be_unrouted_while_up() {
        connection();
        assertEquals(0, west.whack("--name", conn, "--route").exit());
        assertTrue(west.status().stream().anyMatch(l -> l.contains("prospective erouted")), String.join("\n", west.status()));
        // the first packets are held by the TRAP while pluto negotiates; later ones pass
        bed.left().exec(PING, "ping", "-c", "2", "-W", "2", "-I", Testbed.LEFT_CLIENT, Testbed.RIGHT_CLIENT);
        assertTrue(Wait.until(WAIT, () -> established(west, "STATE_QUICK_I2")), String.join("\n", west.status()));
        ping();
        Exec.Result busy = west.whack("--name", conn, "--unroute");
        assertEquals(26, busy.exit(), busy.describe());
        List<String> log = west.log().grep(0, "initiate on demand");
        assertTrue(!log.isEmpty(), "pluto says the ACQUIRE started it");
    }
}
