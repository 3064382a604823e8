package org.jswan.klips.userspace;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;

/** Datapath counters: what happened to packets, by outcome (what {@code ipsec look} would show). */
public final class KlipsStats {
    /** One counter each. */
    public enum Counter {
        /** Outbound packets encapsulated and sent. */
        ENCAPSULATED,
        /** Inbound packets decapsulated and written to {@code ipsec0}. */
        DECAPSULATED,
        /** Sent in the clear by {@code %pass}. */
        PASSED,
        /** Caught by {@code %trap} or {@code %hold} and queued. */
        HELD,
        /** Held packets sent once an SA covered them. */
        RELEASED,
        /** ACQUIREs raised. */
        ACQUIRES,
        /** Dropped: not a well-formed IP packet (or one we cannot handle). */
        DROP_MALFORMED,
        /** Dropped: no eroute matches. */
        DROP_NO_EROUTE,
        /** Dropped: the eroute or packet names an SA the SADB does not have. */
        DROP_NO_SA,
        /** Dropped by {@code %drop}. */
        DROP_SHUNT,
        /** Dropped by {@code %reject} (an ICMP unreachable went back). */
        DROP_REJECT,
        /** Held packets dropped: timed out, or the hold queue was full. */
        DROP_HOLD,
        /** Inbound: replayed or too old. */
        DROP_REPLAY,
        /** Inbound: ICV mismatch. */
        DROP_AUTH,
        /** Inbound: bad padding, block size, decompression, truncation. */
        DROP_DECODE,
        /** Inbound: SAs not applied in their group's order, or one missing. */
        DROP_CHAIN,
        /** Inbound: raw ESP for a UDP-encapsulated SA, or the other way round. */
        DROP_ENCAPSULATION,
        /** Inbound: the inner addresses are outside the SA's flow. */
        DROP_ARRIVAL_CHECK,
        /** Outbound: the SA's sequence numbers are used up. */
        DROP_SEQUENCE,
        /** A device refused to send. */
        DROP_SEND_ERROR,
        /** Outbound: our own ESP or AH came back into ipsec0 (the peer is routed there, ipsec0 attached to nothing). */
        DROP_LOOP
    }

    private final AtomicLongArray counts = new AtomicLongArray(Counter.values().length);

    void add(Counter c) {
        counts.incrementAndGet(c.ordinal());
    }

    void add(Counter c, long n) {
        counts.addAndGet(c.ordinal(), n);
    }

    public long get(Counter c) {
        return counts.get(c.ordinal());
    }

    /** Every non-zero counter. */
    public Map<Counter, Long> snapshot() {
        Map<Counter, Long> out = new EnumMap<>(Counter.class);
        for (Counter c : Counter.values()) {
            long v = get(c);
            if (v != 0) {
                out.put(c, v);
            }
        }
        return out;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<Counter, Long> e : snapshot().entrySet()) {
            sb.append(sb.length() == 0 ? "" : " ").append(e.getKey().name().toLowerCase()).append('=').append(e.getValue());
        }
        return sb.toString();
    }
}
