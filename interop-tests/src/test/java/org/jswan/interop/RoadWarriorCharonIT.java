package org.jswan.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 6: road warriors. jswan has one {@code --host %any} connection "rw" (PSK: Main Mode must
 * pick the key before it learns the peer's ID, so ipsec.secrets holds one {@code 192.0.2.1 %any}
 * key); two charons at addresses no jswan connection names, 192.0.2.3 and 192.0.2.4 (each a
 * namespace of its own, {@link Testbed#addHost}), connect one after the other and stay up side by
 * side: each gets an instance, {@code "rw"[1] 192.0.2.3} and {@code "rw"[2] 192.0.2.4}, and a ping
 * from each road warrior to 198.51.100.1 passes through its tunnel (charon's CHILD_SA counts it
 * both ways), with jswan's userspace KLIPS.
 *
 * <p>A road warrior's client is its own address: {@code ipsec _updown} routes it into ipsec0 for
 * traffic from jswan's client only (a policy rule, table 2040), so IKE and ESP-in-UDP from
 * 192.0.2.1 keep the ordinary route; the test checks the rules come and go with the tunnels.
 */
@Interop(jswan = true)
class RoadWarriorCharonIT extends JswanScenarios {
    static final String RW_PSK = "jswan road warrior psk, documentation only";
    static final char[] LETTERS = {'c', 'd'};
    static final String[] ADDRESSES = {"192.0.2.3", "192.0.2.4"};

    static final List<Charon> warriors = new ArrayList<>();

    @BeforeAll
    static void withRoadWarriors() {
        jswan.close();
        String secrets = Testbed.LEFT_IP + " " + Testbed.RIGHT_IP + " : PSK \"" + PSK + "\"\n"
                + Testbed.LEFT_IP + " %any : PSK \"" + RW_PSK + "\"\n";
        jswan = Jswan.start(bed.left(), dir.resolve("jswan-rw"), bed.shortDir(),
                new Jswan.Options(secrets, 500, 4500, List.of("--debug-control", "--debug-klips")));
        for (int i = 0; i < LETTERS.length; i++) {
            Netns h = bed.addHost(LETTERS[i], ADDRESSES[i]);
            warriors.add(Charon.start(h, dir.resolve("charon-" + LETTERS[i]), bed.shortDir(), CHARON_SETTINGS,
                    warriorConf(ADDRESSES[i])));
        }
    }

    @AfterAll
    static void stopRoadWarriors() {
        for (Charon c : warriors) {
            c.close();
        }
        warriors.clear();
    }

    /** Before the fixture's checks that jswan is left with nothing: the road warriors hang up. */
    @AfterEach
    void hangUp() {
        for (Charon c : warriors) {
            if (c.running()) {
                c.terminateAll();
                c.awaitNoSas(Duration.ofSeconds(10));
            }
        }
    }

    /** A road warrior's charon: connection and child "rw", its own address to 198.51.100.0/24. */
    static SwanctlConf warriorConf(String address) {
        return new SwanctlConf()
                .add(SwanctlConf.conn("rw").local(address, address).remote(Testbed.LEFT_IP, Testbed.LEFT_IP).psk()
                        .proposals(Proposals.Ike.AES128_SHA1_MODP2048.name)
                        .child(SwanctlConf.child("rw").localTs(address + "/32").remoteTs(Testbed.LEFT_NET)
                                .esp(Proposals.Esp.AES128_SHA1.name)))
                .psk(RW_PSK, Testbed.LEFT_IP, address);
    }

    /** jswan's IPsec SA with road warrior {@code i}, instance {@code "rw"[i+1] ADDRESS} (waits ≤ 10 s). */
    private JswanStatus.IpsecSa requireInstance(int i) {
        String instance = "[" + (i + 1) + "] " + ADDRESSES[i];
        Optional<JswanStatus.State> st = Wait.poll(Duration.ofSeconds(10), () -> JswanStatus.states(jswan.status())
                .stream().filter(s -> s.connection().equals("rw") && instance.equals(s.instance())
                        && s.kind().equals("STATE_QUICK_R2")).findFirst());
        assertTrue(st.isPresent(), "jswan: \"rw\"" + instance + " STATE_QUICK_R2:\n" + String.join("\n", jswan.status()));
        JswanStatus.IpsecSa sa = jswan.ipsecSas().stream().filter(s -> s.serial() == st.get().serial()).findFirst()
                .orElseThrow();
        assertEquals(ADDRESSES[i], sa.peer());
        SwanctlSas.ChildSa child = warriors.get(i).ikeSa("rw").flatMap(s -> s.child("rw"))
                .filter(SwanctlSas.ChildSa::installed).orElseThrow(() -> new AssertionError("road warrior "
                        + ADDRESSES[i] + " has no INSTALLED CHILD_SA:\n" + warriors.get(i).listSasText()));
        assertEquals("TUNNEL-in-UDP", child.modeLabel());
        assertEquals(Long.toHexString(child.spiIn()), Long.toHexString(sa.peerSpi()), "jswan sends to charon's SPI");
        assertEquals(Long.toHexString(child.spiOut()), Long.toHexString(sa.ourSpi()), "charon sends to jswan's SPI");
        return sa;
    }

    /** Road warrior {@code i} pings jswan's client; its CHILD_SA counts the packets both ways. */
    private void ping(int i) {
        Charon c = warriors.get(i);
        long[] before = counters(c);
        Exec.Result r = c.netns().exec(Duration.ofSeconds(20), "ping", "-c", "3", "-W", "3", "-I", ADDRESSES[i],
                Testbed.LEFT_CLIENT);
        assertTrue(r.ok(), "ping from road warrior " + ADDRESSES[i] + " through its tunnel:\n" + r.describe());
        long[] after = counters(c);
        assertTrue(after[0] - before[0] >= 3 && after[1] - before[1] >= 3, "road warrior " + ADDRESSES[i]
                + "'s CHILD_SA counted the pings: in " + (after[0] - before[0]) + ", out " + (after[1] - before[1]));
    }

    private static long[] counters(Charon c) {
        SwanctlSas.ChildSa child = c.ikeSa("rw").flatMap(s -> s.child("rw")).orElseThrow();
        return new long[] {Long.parseLong(child.raw().getOrDefault("packets-in", "0")),
                Long.parseLong(child.raw().getOrDefault("packets-out", "0"))};
    }

    @Test
    void two_charon_road_warriors_at_unnamed_addresses_each_get_an_instance_of_the_any_connection() {
        List<Tshark.Capture> captures = new ArrayList<>();
        List<Path> pcaps = new ArrayList<>();
        List<Long> marks = new ArrayList<>();
        for (int i = 0; i < LETTERS.length; i++) {
            Path p = dir.resolve(conn + "-rw-" + LETTERS[i] + ".pcapng");
            pcaps.add(p);
            captures.add(Tshark.start(bed.left(), bed.hostInterface(LETTERS[i]), Duration.ofMinutes(3), p));
            marks.add(warriors.get(i).log().mark());
        }
        addJswan(WhackConn.roadWarriors("rw").ike(Proposals.Ike.AES128_SHA1_MODP2048.name)
                .esp(Proposals.Esp.AES128_SHA1.name));
        for (int i = 0; i < LETTERS.length; i++) {
            Exec.Result r = warriors.get(i).initiate("rw", "rw", NEGOTIATION);
            assertTrue(r.ok(), "road warrior " + ADDRESSES[i] + " could not connect:\n" + r.describe() + "\n"
                    + String.join("\n", jswan.log().since(jswanMark)));
            requireInstance(i);
            ping(i);
        }
        // both at once: the first is still up and still carries traffic
        requireInstance(0);
        requireInstance(1);
        ping(0);
        ping(1);
        List<String> status = jswan.status();
        for (int i = 0; i < LETTERS.length; i++) {
            String name = "\"rw\"[" + (i + 1) + "] " + ADDRESSES[i];
            assertTrue(status.stream().anyMatch(l -> l.contains(name + ": " + Testbed.LEFT_NET + "===" + Testbed.LEFT_IP)
                    && l.contains("erouted")), "the instance " + name + " is listed:\n" + String.join("\n", status));
        }
        assertEquals(4, JswanStatus.states(status).stream().filter(s -> s.connection().equals("rw")).count(),
                "an ISAKMP and an IPsec SA per road warrior:\n" + String.join("\n", status));
        // ipsec _updown routed each warrior into ipsec0 for jswan's client only
        String rules = String.join("\n", bed.left().ip("rule", "list").out());
        for (String a : ADDRESSES) {
            assertTrue(rules.contains("from " + Testbed.LEFT_NET + " to " + a + " lookup 2040"), rules);
        }
        for (Charon c : warriors) {
            c.terminateAll();
            c.awaitNoSas(Duration.ofSeconds(10));
        }
        assertTrue(Wait.until(Duration.ofSeconds(10), () -> !String.join("\n", bed.left().ip("rule", "list").out()).contains("lookup 2040")),
                "the rules go with the tunnels:\n" + String.join("\n", bed.left().ip("rule", "list").out()));
        for (int i = 0; i < LETTERS.length; i++) {
            captures.get(i).stop();
            Tshark.check(pcaps.get(i), JSWAN_SENT, Tshark.decryptionKeys(pcaps.get(i),
                    warriors.get(i).ikeEncryptionKeys(marks.get(i)))).assertClean();
        }
    }

    @Override
    public String diagnostics() {
        StringBuilder s = new StringBuilder(super.diagnostics());
        for (Charon c : warriors) {
            s.append('\n').append(c.diagnostics(0));
        }
        return s.toString();
    }
}
