package org.jswan.updown;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The default {@code ipsec _updown}: interface version, verbs, and that it never runs peer text as code. */
class DefaultUpdownScriptTest {
    static final Path SCRIPT = Path.of("..", "bin", "_updown").toAbsolutePath().normalize();

    private static Map<String, String> env(String verb) {
        Map<String, String> e = new LinkedHashMap<>();
        e.put("PLUTO_VERSION", "1.1");
        e.put("PLUTO_VERB", verb);
        e.put("PLUTO_INTERFACE", "jswan-test-nonexistent0");
        e.put("PLUTO_PEER", "192.0.2.2");
        e.put("PLUTO_NEXT_HOP", "192.0.2.2");
        e.put("PLUTO_MY_CLIENT", "198.51.100.0/24");
        e.put("PLUTO_PEER_CLIENT", "203.0.113.0/24");
        e.put("PLUTO_PEER_ID", "$(touch /tmp/jswan-updown-injected)");
        return e;
    }

    private static UpdownResult run(String verb, Map<String, String> env) {
        assertTrue(Files.isExecutable(SCRIPT), SCRIPT.toString());
        return new UpdownRunner().run(SCRIPT.toString(), verb, env, Duration.ofSeconds(10));
    }

    @Test
    void upAndDownDoNothingAndSucceed() {
        assertEquals(0, run("up-client", env("up-client")).exitStatus());
        assertEquals(0, run("down-host", env("down-host")).exitStatus());
    }

    @Test
    void anUnknownVerbFailsWithExitStatus1() {
        UpdownResult r = run("sideways-client", env("sideways-client"));
        assertEquals(1, r.exitStatus());
        assertTrue(String.join("\n", r.output()).contains("unknown verb"), r.output().toString());
    }

    @Test
    void interfaceVersionsOtherThan1xAreRefused() {
        Map<String, String> e = env("up-client");
        e.put("PLUTO_VERSION", "1.0");
        assertEquals(2, run("up-client", e).exitStatus());
        e.put("PLUTO_VERSION", "2.0");
        assertEquals(2, run("up-client", e).exitStatus());
    }

    @Test
    void prepareOnAMissingRouteIsNotAnError() {
        assertEquals(0, run("prepare-client", env("prepare-client")).exitStatus());
    }

    @Test
    void hostToHostRoutesThePeerItselfFromOurAddress() {
        Map<String, String> e = env("route-host");
        e.put("PLUTO_ME", "192.0.2.1");
        e.put("PLUTO_MY_CLIENT", "192.0.2.1/32");
        e.put("PLUTO_PEER_CLIENT", "192.0.2.2/32");
        UpdownResult r = run("route-host", e);
        // the interface does not exist, so ip fails: what matters is that the route was asked for
        assertEquals(1, r.exitStatus(), r.output().toString());
        assertTrue(String.join("\n", r.output()).contains("ip route replace 192.0.2.2/32 dev jswan-test-nonexistent0"),
                r.output().toString());
    }

    @Test
    void aRoadWarriorAtAGatewayIsRoutedByAPolicyRuleForOurClientOnly() {
        Map<String, String> e = env("route-client");
        e.put("PLUTO_ME", "192.0.2.1");
        e.put("PLUTO_PEER", "192.0.2.3");
        e.put("PLUTO_PEER_CLIENT", "192.0.2.3/32");
        UpdownResult r = run("route-client", e);
        // the interface does not exist: the table route fails, so no rule is left behind either
        assertEquals(1, r.exitStatus(), r.output().toString());
        String out = String.join("\n", r.output());
        assertTrue(out.contains("ip route replace 192.0.2.3/32 dev jswan-test-nonexistent0 table 2040"), out);
        e.put("PLUTO_VERB", "unroute-client");
        assertEquals(0, run("unroute-client", e).exitStatus(), "nothing to remove is no error");
    }

    @Test
    void peerControlledTextIsNeverExecuted() throws Exception {
        Files.deleteIfExists(Path.of("/tmp/jswan-updown-injected"));
        for (String verb : new String[] {"prepare-client", "route-client", "unroute-client", "up-client", "down-client"}) {
            run(verb, env(verb));
        }
        assertTrue(Files.notExists(Path.of("/tmp/jswan-updown-injected")), "PLUTO_PEER_ID was run as a command");
    }
}
