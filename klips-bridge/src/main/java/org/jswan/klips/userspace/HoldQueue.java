package org.jswan.klips.userspace;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Packets caught by {@code %trap} or {@code %hold}, kept per (source, destination) host pair —
 * KLIPS turned a trapped packet's pair into a {@code %hold} eroute that cached it — until an
 * eroute change lets them go, or they time out. Bounded per pair and in total; the first packet
 * of a pair is what raises the ACQUIRE.
 *
 * <p>// FreeS/WAN: the {@code %hold} eroute kept only the last packet; jswan: a short queue per
 * pair, so that a burst (a TCP SYN and its retransmission, a DNS retry) survives the negotiation.
 */
final class HoldQueue {
    /** A host pair. */
    static final class Pair {
        final byte[] src;
        final byte[] dst;

        Pair(byte[] src, byte[] dst) {
            this.src = src;
            this.dst = dst;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Pair p && Arrays.equals(p.src, src) && Arrays.equals(p.dst, dst);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(src) * 31 + Arrays.hashCode(dst);
        }
    }

    /** The packets held for one pair, oldest first, and when the first came. */
    static final class Pending {
        final Pair pair;
        final long since;
        final ArrayDeque<byte[]> packets = new ArrayDeque<>();

        Pending(Pair pair, long since) {
            this.pair = pair;
            this.since = since;
        }
    }

    /** What {@link #hold} did: a new pair (raise ACQUIRE), and whether the packet was kept. */
    record Result(boolean fresh, boolean kept) {
    }

    private final int perPair;
    private final int total;
    private final Map<Pair, Pending> pending = new LinkedHashMap<>();
    private int count;

    HoldQueue(int perPair, int total) {
        this.perPair = perPair;
        this.total = total;
    }

    synchronized Result hold(Pair pair, byte[] packet, long now) {
        Pending p = pending.get(pair);
        boolean fresh = p == null;
        if (fresh) {
            p = new Pending(pair, now);
            pending.put(pair, p);
        }
        if (p.packets.size() >= perPair || count >= total) {
            return new Result(fresh, false);
        }
        p.packets.addLast(packet);
        count++;
        return new Result(fresh, true);
    }

    /** Removes and returns the pairs held longer than {@code timeout} nanoseconds. */
    synchronized List<Pending> expire(long now, long timeout) {
        List<Pending> out = new ArrayList<>();
        for (Iterator<Pending> it = pending.values().iterator(); it.hasNext(); ) {
            Pending p = it.next();
            if (now - p.since >= timeout) {
                it.remove();
                count -= p.packets.size();
                out.add(p);
            }
        }
        return out;
    }

    /** Removes and returns everything, to be looked up again after an eroute or SA change. */
    synchronized List<Pending> drain() {
        List<Pending> out = new ArrayList<>(pending.values());
        pending.clear();
        count = 0;
        return out;
    }

    /** Puts a drained pair back (still held), ahead of anything held for it meanwhile. */
    synchronized void restore(Pending p) {
        Pending now = pending.remove(p.pair);
        Pending merged = p;
        if (now != null) {
            for (byte[] b : now.packets) {
                if (merged.packets.size() < perPair) {
                    merged.packets.addLast(b);
                }
            }
        }
        pending.put(p.pair, merged);
        count = 0;
        for (Pending q : pending.values()) {
            count += q.packets.size();
        }
    }

    synchronized int size() {
        return count;
    }

    synchronized int pairs() {
        return pending.size();
    }
}
