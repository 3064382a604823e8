package org.jswan.ike.engine;

import java.util.List;
import org.jswan.ike.base.Bytes;
import org.jswan.ike.base.Endpoint;
import org.jswan.ike.base.MonoTime;
import org.jswan.ike.whack.WhackMessage;

/** Everything that can happen to the engine. Each input carries the monotonic time it happened. */
public sealed interface Input {
    MonoTime now();

    /** A UDP datagram arrived on one of our sockets ({@code to} is our local address and port). */
    record Packet(Bytes data, Endpoint from, Endpoint to, MonoTime now) implements Input {
    }

    /**
     * A decoded whack request from control-socket client {@code client}. When the request has
     * {@code --listen}, the daemon has looked at the machine first and passes what it found in
     * {@code listen} (otherwise null).
     */
    record Whack(long client, WhackMessage message, ListenFacts listen, MonoTime now) implements Input {
    }

    /** A whack request that could not be decoded; the engine answers with RC 30 and the reason. */
    record BadWhack(long client, String reason, MonoTime now) implements Input {
    }

    /** The whack client went away (its socket closed). */
    record WhackGone(long client, MonoTime now) implements Input {
    }

    /** Time has passed; timers due at or before {@code now} fire. */
    record Tick(MonoTime now) implements Input {
    }

    /** A crypto job the engine asked for has finished ({@code result} is what the job returned). */
    record CryptoDone(long job, Object result, MonoTime now) implements Input {
    }

    /**
     * The kernel caught an outbound packet on a TRAP eroute (KLIPS's ACQUIRE): {@code src} is in our
     * client, {@code dst} in the peer's; {@code protocol} the packet's IP protocol.
     */
    record Acquire(org.jswan.ike.base.IpAddress src, org.jswan.ike.base.IpAddress dst, int protocol, MonoTime now)
            implements Input {
    }

    /**
     * One reading of the kernel's counters: the SAs whose counts moved since the last one, for
     * --dontrekey's "recently used", status "used Ns ago" (outbound SAs) and the traffic counters.
     */
    record SaUsed(List<SaCount> sas, MonoTime now) implements Input {
        public SaUsed {
            sas = List.copyOf(sas);
        }
    }

    /**
     * What the kernel counted on SA {@code spi} at {@code dst}.
     *
     * @param lastUsed when the SA last carried a packet, null if it never did
     * @param packets  packets the SA carried so far
     * @param bytes    their bytes (IP packets before encapsulation / after decapsulation)
     */
    record SaCount(long spi, org.jswan.ike.base.IpAddress dst, MonoTime lastUsed, long packets, long bytes) {
    }

    /** SIGTERM or an equivalent: shut down as {@code whack --shutdown} would. */
    record Terminate(MonoTime now) implements Input {
    }

    /** SIGHUP. */
    record Hangup(MonoTime now) implements Input {
    }

    /**
     * What the daemon found when asked to listen: the machine's interfaces (already filtered by
     * {@code --interface}) and the freshly read ipsec.secrets.
     */
    record ListenFacts(List<NetInterface> interfaces, SecretsLoad secrets) {
    }

    /** One address of one network interface. */
    record NetInterface(String name, org.jswan.ike.base.IpAddress address) {
    }

    /**
     * The outcome of reading ipsec.secrets: the parsed table and, in order, the lines pluto would
     * log ({@code loading secrets from "f"}, {@code "f" line 3: ...}), each with its RC.
     */
    record SecretsLoad(org.jswan.ike.secrets.SecretsTable table, List<LogNote> notes) {
    }

    /** A log line with the RC it gets when copied to whack (2 for ordinary, 3 for errors). */
    record LogNote(int rc, String text) {
    }
}
