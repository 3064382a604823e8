package org.jswan.ike.engine;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.jswan.ike.base.Bytes;
import org.jswan.ike.base.Endpoint;
import org.jswan.ike.base.IpAddress;
import org.jswan.ike.base.Subnet;
import org.jswan.ike.whack.Policy;
import org.jswan.ike.whack.WhackEnd;
import org.jswan.ike.whack.WhackMessage;

/**
 * The reference negotiation the robustness tests start from: west (127.0.0.1:8500) initiates
 * Main Mode and Quick Mode (PSK, ESP tunnel with PFS between two client subnets) to east
 * (127.0.0.1:8501) on a virtual clock with fixed seeds, so every run sends the same bytes.
 *
 * <p>Messages 0..8 are MI1, MR1, MI2, MR2, MI3, MR3, QI1, QR1, QI2; message 9 is west's
 * Informational Delete of its ESP SA ({@code whack --deletestate 2}). {@link #upTo(int)} runs the
 * negotiation with message k and everything after it lost, so the receiver of k is left in
 * exactly the state that expects it. Keying tries are 1, so an initiator gives up after 70 s.
 */
final class Exchange {
    static final String PSK_TEXT = "robust-Battery-psk-4711";
    static final String SECRETS = "127.0.0.1 127.0.0.1 : PSK \"" + PSK_TEXT + "\"\n";
    static final long POLICY = Policy.PSK | Policy.ENCRYPT | Policy.TUNNEL | Policy.PFS;
    static final String WEST_CLIENT = "198.51.100.0/24";
    static final String EAST_CLIENT = "203.0.113.0/24";
    static final long WEST_SEED = 101;
    static final long EAST_SEED = 202;

    static final int MI1 = 0;
    static final int MR1 = 1;
    static final int MI2 = 2;
    static final int MR2 = 3;
    static final int MI3 = 4;
    static final int MR3 = 5;
    static final int QI1 = 6;
    static final int QR1 = 7;
    static final int QI2 = 8;
    static final int INFO = 9;
    /** Run with nothing lost and no Delete sent: both sides established. */
    static final int ALL = 10;
    static final List<String> NAMES = List.of("MI1", "MR1", "MI2", "MR2", "MI3", "MR3", "QI1", "QR1", "QI2",
            "INFO-Delete");

    final Sim sim;
    final Sim.Node west;
    final Sim.Node east;
    final RecordingRng westRng;
    final RecordingRng eastRng;

    private Exchange(Path dir, long westDebug, long eastDebug, String eastSecrets, Consumer<WhackMessage.Builder> tweak) {
        sim = new Sim(dir);
        westRng = new RecordingRng(WEST_SEED);
        eastRng = new RecordingRng(EAST_SEED);
        west = sim.node("west", "127.0.0.1", 8500, SECRETS, westRng, westDebug);
        east = sim.node("east", "127.0.0.1", 8501, eastSecrets, eastRng, eastDebug);
        for (Sim.Node n : List.of(west, east)) {
            WhackMessage.Builder b = connection();
            tweak.accept(b);
            sim.whack(n, b.build());
            sim.listen(n);
        }
    }

    /** The connection both ends are given (before any tweak). */
    static WhackMessage.Builder connection() {
        WhackMessage.Builder b = WhackMessage.builder();
        b.name = "net";
        b.connection = true;
        b.policy = POLICY;
        b.keyingTries = 1;
        b.left = WhackEnd.empty().withHost(IpAddress.parse("127.0.0.1")).withHostPort(8500)
                .withClient(Subnet.parse(WEST_CLIENT), false);
        b.right = WhackEnd.empty().withHost(IpAddress.parse("127.0.0.1")).withHostPort(8501)
                .withClient(Subnet.parse(EAST_CLIENT), false);
        return b;
    }

    /** One engine on its own: the receiver of message k of {@code reference}. */
    record Replica(Sim sim, Sim.Node node) {
    }

    /**
     * A fresh engine, seeded as the receiver of message {@code k} was, brought to the state that
     * expects k by feeding it the recorded messages it had received before k (crypto inline). Its
     * answers are checked against the recording: same seeds, same bytes.
     */
    static Replica replica(Path dir, Exchange reference, int k) {
        Sim sim = new Sim(dir);
        sim.now = reference.sim.now;
        boolean east = reference.receiver(k) == reference.east;
        Sim.Node n = sim.node(east ? "east" : "west", "127.0.0.1", east ? 8501 : 8500, SECRETS,
                east ? EAST_SEED : WEST_SEED, 0);
        sim.whack(n, connection().build());
        sim.listen(n);
        if (!east) {
            sim.initiate(n, "net");
            expect(reference, sim.sent.get(sim.sent.size() - 1).data(), MI1);
        }
        for (int j = 0; j < k && j < INFO; j++) {
            if (reference.receiver(j) != reference.receiver(k)) {
                continue;
            }
            Oracle.Result r = Oracle.packet(sim, n, reference.msg(j), reference.from(j), "replica of " + NAMES.get(k));
            if (j + 1 < k && j + 1 < INFO) {
                if (r.sends.size() != 1) {
                    throw new AssertionError("replica of " + NAMES.get(k) + " answered " + NAMES.get(j) + " with " + r);
                }
                expect(reference, r.sends.get(0).data(), j + 1);
            }
        }
        return new Replica(sim, n);
    }

    private static void expect(Exchange reference, Bytes got, int k) {
        if (!got.equals(reference.msg(k))) {
            throw new AssertionError("replica sent a different " + NAMES.get(k) + ": the engines are not deterministic");
        }
    }

    /** Both engines configured and listening; nothing sent yet. */
    static Exchange ready(Path dir) {
        return new Exchange(dir, 0, 0, SECRETS, b -> { });
    }

    /** As {@link #ready(Path)}, with {@code tweak} applied to both connection descriptions. */
    static Exchange ready(Path dir, Consumer<WhackMessage.Builder> tweak) {
        return new Exchange(dir, 0, 0, SECRETS, tweak);
    }

    /**
     * As {@link #ready(Path)}, with debug classes on in both engines (debugging draws no
     * randomness: the same bytes go on the wire), east's ipsec.secrets and a tweak.
     */
    static Exchange ready(Path dir, long debugging, String eastSecrets, Consumer<WhackMessage.Builder> tweak) {
        return new Exchange(dir, debugging, debugging, eastSecrets, tweak);
    }

    /** The negotiation run with message {@code k} and all later ones lost ({@link #ALL}: none lost). */
    static Exchange upTo(Path dir, int k) {
        return ready(dir).run(k);
    }

    /** Runs the negotiation from this fresh setup, losing message {@code k} and everything after it. */
    Exchange run(int k) {
        sim.drop = d -> d.seq() >= k;
        sim.initiate(west, "net");
        sim.settle();
        if (k == INFO) {
            deleteState(west, 2);
            sim.settle();
        }
        Oracle.noInternalError("reference exchange", west, east);
        return this;
    }

    void deleteState(Sim.Node n, long serial) {
        WhackMessage.Builder b = WhackMessage.builder();
        b.deleteState = true;
        b.deleteStateNo = serial;
        sim.whack(n, b.build());
    }

    Sim.Datagram datagram(int k) {
        return sim.sent.get(k);
    }

    Bytes msg(int k) {
        return datagram(k).data();
    }

    /** Who receives message k: east for MIx, QI1, QI2 and the Delete; west for the responses. */
    Sim.Node receiver(int k) {
        return k == INFO || k % 2 == 0 ? east : west;
    }

    Sim.Node sender(int k) {
        return receiver(k) == east ? west : east;
    }

    Endpoint from(int k) {
        return sender(k).endpoint();
    }

    /**
     * How many states the receiver of message k still has after being left alone for 76 s:
     * its established SAs (half-open ones are discarded, initiators give up). {@code ALL}: either side.
     */
    static int settled(int k) {
        switch (k) {
            case QI1:
            case QR1:
            case QI2:
                return 1;
            case INFO:
            case ALL:
                return 2;
            default:
                return 0;
        }
    }

    /** The session keys of this run, recomputed from west's draws and the Main Mode messages. */
    SessionKeys keys() {
        if (keys == null) {
            keys = SessionKeys.recover(msg(MI1), msg(MI2), msg(MR2), westRng.draws, PSK_TEXT);
        }
        return keys;
    }

    private SessionKeys keys;
}
