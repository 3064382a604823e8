package org.jswan.klips.userspace;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.jswan.klips.Eroute;
import org.jswan.klips.KernelException;
import org.jswan.klips.Net;
import org.jswan.klips.SaRef;
import org.jswan.klips.Shunt;

/**
 * KLIPS's eroute table: (source net, destination net) → an SA group or a shunt. A packet takes
 * the most specific eroute that covers it: the longest source prefix first, then the longest
 * destination prefix — the order of KLIPS's radix tree, whose key is source then destination.
 * Lookups read an immutable snapshot; changes replace it.
 */
final class ErouteTable {
    /** One eroute and the packets it matched. */
    static final class Entry {
        final Net src;
        final Net dst;
        final SaRef target;
        final Shunt shunt;
        final AtomicLong packets = new AtomicLong();

        Entry(Net src, Net dst, SaRef target) {
            this.src = src;
            this.dst = dst;
            this.target = target;
            this.shunt = Shunt.of(target).orElse(null);
        }

        boolean covers(byte[] s, byte[] d) {
            return src.contains(s) && dst.contains(d);
        }

        boolean sameFlow(Net s, Net d) {
            return src.equals(s) && dst.equals(d);
        }

        @Override
        public String toString() {
            return src + " -> " + dst + " => " + target;
        }
    }

    private static final Comparator<Entry> MOST_SPECIFIC_FIRST = Comparator
            .comparingInt((Entry e) -> -e.src.prefixLength())
            .thenComparingInt(e -> -e.dst.prefixLength());

    private volatile List<Entry> entries = List.of();

    /** The most specific eroute covering a packet from {@code src} to {@code dst}, or null. */
    Entry lookup(byte[] src, byte[] dst) {
        for (Entry e : entries) {
            if (e.covers(src, dst)) {
                return e;
            }
        }
        return null;
    }

    List<Entry> entries() {
        return entries;
    }

    /** {@code SADB_X_ADDFLOW} (ADD, or REPLACE with {@code SADB_X_SAFLAGS_REPLACEFLOW}) and {@code SADB_X_DELFLOW}. */
    synchronized void apply(Eroute e) throws KernelException {
        if (e.ourClient().address().getAddress().length != e.peerClient().address().getAddress().length) {
            throw new KernelException("eroute " + e.ourClient() + " -> " + e.peerClient() + " mixes address families");
        }
        List<Entry> next = new ArrayList<>(entries);
        int at = -1;
        for (int i = 0; i < next.size(); i++) {
            if (next.get(i).sameFlow(e.ourClient(), e.peerClient())) {
                at = i;
            }
        }
        switch (e.op()) {
            case ADD:
                if (at >= 0) {
                    throw new KernelException("cannot add eroute " + e.ourClient() + " -> " + e.peerClient()
                            + ": it exists (=> " + next.get(at).target + ")");
                }
                next.add(entry(e));
                break;
            case REPLACE:
                if (at >= 0) {
                    next.remove(at);
                }
                next.add(entry(e));
                break;
            default:
                if (at < 0) {
                    throw new KernelException("cannot delete eroute " + e.ourClient() + " -> " + e.peerClient()
                            + ": no such eroute");
                }
                next.remove(at);
                break;
        }
        next.sort(MOST_SPECIFIC_FIRST);
        entries = List.copyOf(next);
    }

    private static Entry entry(Eroute e) throws KernelException {
        if (e.sa() == null) {
            throw new KernelException("eroute " + e.ourClient() + " -> " + e.peerClient() + " needs an SA or a shunt");
        }
        if (e.sa().proto() == org.jswan.klips.SaProto.INT && Shunt.of(e.sa()).isEmpty()) {
            throw new KernelException("eroute " + e.ourClient() + " -> " + e.peerClient() + ": unknown shunt SPI 0x"
                    + Long.toHexString(e.sa().spi()));
        }
        return new Entry(e.ourClient(), e.peerClient(), e.sa());
    }

    synchronized void clear() {
        entries = List.of();
    }
}
