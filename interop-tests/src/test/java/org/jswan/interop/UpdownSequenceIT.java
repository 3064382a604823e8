package org.jswan.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 5: the updown command as pluto(8) describes it, recorded by a real script. Two plutos
 * with the userspace KLIPS in two namespaces; each connection's {@code --updown} is a script that
 * appends its verb and every {@code PLUTO_*} variable to a file, then runs the default
 * {@code ipsec _updown} so the tunnel really routes. Through establishment, a rekey (the eroute
 * is replaced: no updown), the old SA's expiry and {@code --terminate}, each side sees exactly
 * prepare, route, up, then down and unroute, with the variables of that connection.
 */
@Interop(jswan = true)
class UpdownSequenceIT {
    static final String PSK = "updown sequence, documentation only";
    static final Duration WAIT = Duration.ofSeconds(40);

    static JswanPair pair;
    static Testbed bed;
    static Jswan west;
    static Jswan east;
    static Path dir;

    @BeforeAll
    static void up() {
        pair = JswanPair.start(UpdownSequenceIT.class, PSK);
        bed = pair.bed();
        west = pair.west();
        east = pair.east();
        dir = pair.dir();
    }

    @AfterAll
    static void down() {
        if (pair != null) {
            pair.close();
            pair = null;
        }
    }

    /** One recorded run of the script: its verb and PLUTO_* environment. */
    record Run(String verb, Map<String, String> env) {
    }

    /** Writes the recording script for {@code side}; returns its path. Records go to {@code side}.updown. */
    private static Path recorder(String side) {
        Path log = dir.resolve(side + ".updown");
        Path script = dir.resolve(side + "-record-updown.sh");
        String text = "#!/bin/sh\n"
                + "# records one updown run, then does what the default updown does\n"
                + "{ echo \"RUN $PLUTO_VERB\"; env | grep '^PLUTO_' | sort; echo END; } >> '" + log + "'\n"
                + "exec ipsec _updown\n";
        try {
            Files.deleteIfExists(log);
            Files.writeString(script, text);
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return script;
    }

    private static List<Run> runs(String side) {
        Path log = dir.resolve(side + ".updown");
        List<Run> out = new ArrayList<>();
        if (!Files.exists(log)) {
            return out;
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String verb = null;
        Map<String, String> env = new LinkedHashMap<>();
        for (String l : lines) {
            if (l.startsWith("RUN ")) {
                verb = l.substring(4);
                env = new LinkedHashMap<>();
            } else if (l.equals("END") && verb != null) {
                out.add(new Run(verb, env));
                verb = null;
            } else if (verb != null && l.contains("=")) {
                env.put(l.substring(0, l.indexOf('=')), l.substring(l.indexOf('=') + 1));
            }
        }
        return out;
    }

    private static List<String> verbs(List<Run> runs) {
        return runs.stream().map(Run::verb).toList();
    }

    /**
     * Adds the subnet-to-subnet connection with {@code script} as both ends' {@code --updown}
     * (an end option: pluto runs this end's).
     */
    private static void add(Jswan j, String conn, Path script) {
        Exec.Result r = j.whack("--name", conn, "--host", Testbed.LEFT_IP, "--client", Testbed.LEFT_NET,
                "--updown", script.toString(), "--to", "--host", Testbed.RIGHT_IP, "--client", Testbed.RIGHT_NET,
                "--updown", script.toString(), "--psk", "--encrypt", "--tunnel", "--ike", "aes128-sha1-modp2048",
                "--esp", "aes128-sha1", "--ipseclifetime", "30", "--rekeymargin", "10", "--rekeyfuzz", "0");
        assertEquals(0, r.exit(), r.describe());
    }

    private static boolean has(Jswan j, String fragment) {
        return j.status().stream().anyMatch(l -> l.contains(fragment));
    }

    @Test
    void up_rekey_and_down_run_the_verbs_of_the_man_page_with_the_connection_s_variables() {
        String conn = "ud";
        add(west, conn, recorder("west"));
        add(east, conn, recorder("east"));
        Exec.Result r = west.whack(WAIT, "--name", conn, "--initiate");
        assertEquals(0, r.exit(), r.describe());
        Exec.Result ping = bed.left().exec(Duration.ofSeconds(20), "ping", "-c", "2", "-W", "3", "-I",
                Testbed.LEFT_CLIENT, Testbed.RIGHT_CLIENT);
        assertTrue(ping.ok(), "the default updown behind the recorder routes the tunnel:\n" + ping.describe());
        List<String> upWest = List.of("prepare-client", "route-client", "up-client");
        assertEquals(upWest, verbs(runs("west")), "west after --initiate");
        assertTrue(Wait.until(Duration.ofSeconds(10), () -> verbs(runs("east")).size() >= 3), runs("east").toString());
        assertEquals(upWest, verbs(runs("east")), "east after responding");

        // west replaces #2 at 20 s; #2 expires at 30 s; neither runs updown (the eroute is replaced)
        assertTrue(Wait.until(WAIT, () -> has(west, "#3: \"ud\" STATE_QUICK_I2")), String.join("\n", west.status()));
        assertTrue(Wait.until(Duration.ofSeconds(25), () -> !has(west, "#2: \"ud\"") && !has(east, "#2: \"ud\"")),
                "old SA expired:\n" + String.join("\n", west.status()) + "\n" + String.join("\n", east.status()));
        assertEquals(upWest, verbs(runs("west")), "a rekey and an expiry run nothing on west");
        assertEquals(upWest, verbs(runs("east")), "a rekey and an expiry run nothing on east");
        ping = bed.left().exec(Duration.ofSeconds(20), "ping", "-c", "2", "-W", "3", "-I",
                Testbed.LEFT_CLIENT, Testbed.RIGHT_CLIENT);
        assertTrue(ping.ok(), "the new SA carries the traffic:\n" + ping.describe());
        // the kernel's counters reach status within a reading (5 s); a rekey may have come between
        assertTrue(Wait.until(Duration.ofSeconds(12), () -> west.status().stream().anyMatch(
                l -> l.matches(".*#\\d+: \"ud\" (used \\d+s ago; )?esp\\..*Traffic: ESPin=[1-9]\\d*B/2p ESPout=[1-9]\\d*B/2p"))),
                String.join("\n", west.status()));

        assertEquals(0, west.whack("--name", conn, "--terminate").exit());
        List<String> all = List.of("prepare-client", "route-client", "up-client", "down-client", "unroute-client");
        assertTrue(Wait.until(Duration.ofSeconds(10), () -> verbs(runs("east")).size() >= 5), runs("east").toString());
        assertEquals(all, verbs(runs("west")), "west after --terminate");
        assertEquals(all, verbs(runs("east")), "east after west's Delete");

        for (Run run : runs("west")) {
            Map<String, String> e = run.env();
            assertEquals("1.1", e.get("PLUTO_VERSION"), run.toString());
            assertEquals(run.verb(), e.get("PLUTO_VERB"));
            assertEquals(conn, e.get("PLUTO_CONNECTION"));
            assertEquals("ipsec0", e.get("PLUTO_INTERFACE"));
            assertEquals(Testbed.LEFT_IP, e.get("PLUTO_ME"));
            assertEquals(Testbed.RIGHT_IP, e.get("PLUTO_PEER"));
            assertEquals(Testbed.RIGHT_IP, e.get("PLUTO_NEXT_HOP"));
            assertEquals(Testbed.LEFT_NET, e.get("PLUTO_MY_CLIENT"));
            assertEquals("198.51.100.0", e.get("PLUTO_MY_CLIENT_NET"));
            assertEquals("255.255.255.0", e.get("PLUTO_MY_CLIENT_MASK"));
            assertEquals(Testbed.RIGHT_NET, e.get("PLUTO_PEER_CLIENT"));
            assertEquals("203.0.113.0", e.get("PLUTO_PEER_CLIENT_NET"));
            assertEquals("255.255.255.0", e.get("PLUTO_PEER_CLIENT_MASK"));
            assertEquals(Testbed.LEFT_IP, e.get("PLUTO_MY_ID"));
            assertEquals(Testbed.RIGHT_IP, e.get("PLUTO_PEER_ID"));
        }
        for (Run run : runs("east")) {
            assertEquals(Testbed.RIGHT_IP, run.env().get("PLUTO_ME"), run.toString());
            assertEquals(Testbed.LEFT_NET, run.env().get("PLUTO_PEER_CLIENT"), run.toString());
        }
        west.whack("--name", conn, "--delete");
        east.whack("--name", conn, "--delete");
    }
}
