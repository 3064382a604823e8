package org.jswan.ike.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jswan.ike.base.IpAddress;
import org.jswan.ike.base.Subnet;
import org.jswan.ike.whack.Policy;
import org.jswan.ike.whack.WhackEnd;
import org.jswan.ike.whack.WhackMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * pluto(8): "when a security gateway has SAs with many other security gateways ... the
 * rekeyfuzz can be used to stagger the rekeying times." 1,000 connections from 10 peers to one
 * hub live through six hours of IPsec rekeys; with fuzz the peak of Quick Modes started in any
 * one second stays small, without it they all rekey in the same second.
 */
class SimulatedDayTest {
    static final int PEERS = 10;
    static final int PER_PEER = 100;

    @TempDir
    Path dir;

    private record Outcome(int peakPerSecond, long quickModes, int hubStates) {
    }

    private Outcome run(long fuzz, Duration horizon) {
        Sim sim = new Sim(dir);
        sim.record = false;
        StringBuilder secrets = new StringBuilder();
        for (int p = 0; p < PEERS; p++) {
            secrets.append("192.0.2.").append(10 + p).append(" 192.0.2.100 : PSK \"day\"\n");
        }
        Sim.Node hub = sim.node("hub", "192.0.2.100", 500, secrets.toString(), 100);
        hub.keepLog = false;
        List<Sim.Node> peers = new ArrayList<>();
        for (int p = 0; p < PEERS; p++) {
            Sim.Node n = sim.node("peer" + p, "192.0.2." + (10 + p), 500, secrets.toString(), 200 + p);
            n.keepLog = false;
            peers.add(n);
        }
        for (int p = 0; p < PEERS; p++) {
            Sim.Node peer = peers.get(p);
            for (int i = 0; i < PER_PEER; i++) {
                WhackMessage.Builder b = WhackMessage.builder();
                b.name = "p" + p + "c" + i;
                b.connection = true;
                b.policy = Policy.PSK | Policy.ENCRYPT | Policy.TUNNEL;
                b.ike = "3des-sha1-modp1024";
                b.esp = "aes128-sha1";
                b.ikeLifetimeSeconds = 86400;
                b.ipsecLifetimeSeconds = 3600;
                b.rekeyMarginSeconds = 540;
                b.rekeyFuzzPercent = fuzz;
                b.left = WhackEnd.empty().withHost(peer.address).withClient(Subnet.parse("198.51.100." + i + "/32"), false);
                b.right = WhackEnd.empty().withHost(hub.address).withClient(Subnet.parse("203.0.113." + p + "/32"), false);
                WhackMessage m = b.build();
                sim.whack(peer, m);
                sim.whack(hub, m);
            }
        }
        for (Sim.Node n : sim.nodes) {
            sim.listen(n);
        }
        for (int p = 0; p < PEERS; p++) {
            for (int i = 0; i < PER_PEER; i++) {
                sim.initiate(peers.get(p), "p" + p + "c" + i);
            }
        }
        sim.run(Duration.ofSeconds(5));
        assertEquals(2 * PEERS * PER_PEER, hub.states(), "every connection up");
        Map<Long, Integer> perSecond = new HashMap<>();
        long[] quick = {0};
        long start = sim.now.nanos();
        sim.onSend = d -> {
            // a QI1 is a Quick Mode message (exchange 32) sent by a peer that starts with its HASH(1)
            if (d.from() != hub && d.data().length() > 28 && d.data().get(18) == 32
                    && d.data().get(16) == 8 && firstOfExchange(d)) {
                perSecond.merge((sim.now.nanos() - start) / 1_000_000_000L, 1, Integer::sum);
                quick[0]++;
            }
        };
        sim.run(horizon);
        int peak = perSecond.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        return new Outcome(peak, quick[0], hub.states());
    }

    private final java.util.Set<Long> seenMsgids = new java.util.HashSet<>();

    private boolean firstOfExchange(Sim.Datagram d) {
        long msgid = d.data().getU32(20) ^ (d.data().getU32(0) << 32);
        return seenMsgids.add(msgid);
    }

    @Test
    void rekeyFuzzSpreadsTheRekeysOfAThousandConnections() {
        Outcome fuzzed = run(100, Duration.ofHours(6));
        // each SA is replaced every 3600 - [540, 1080) s: at least 6 rekeys per connection in 6 h
        assertTrue(fuzzed.quickModes() >= 6L * PEERS * PER_PEER, "rekeys: " + fuzzed.quickModes());
        assertTrue(fuzzed.peakPerSecond() <= 25, "peak Quick Modes started in one second with fuzz: "
                + fuzzed.peakPerSecond());
        // superseded SAs expire: the hub holds one ISAKMP SA and at most two IPsec SAs per connection
        assertTrue(fuzzed.hubStates() <= 3 * PEERS * PER_PEER, "hub states: " + fuzzed.hubStates());
        seenMsgids.clear();
        Outcome unfuzzed = run(0, Duration.ofSeconds(3100));
        assertTrue(unfuzzed.peakPerSecond() >= 900, "without fuzz they all rekey at once: " + unfuzzed.peakPerSecond());
    }
}
