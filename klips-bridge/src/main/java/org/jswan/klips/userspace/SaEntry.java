package org.jswan.klips.userspace;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jswan.klips.SaCounters;
import org.jswan.klips.SaParams;
import org.jswan.klips.SaProto;
import org.jswan.klips.SaRef;
import org.jswan.klips.esp.AhTransform;
import org.jswan.klips.esp.EspTransform;
import org.jswan.klips.esp.IpComp;
import org.jswan.klips.esp.ReplayWindow;
import org.jswan.klips.esp.SequenceCounter;

/**
 * One SA in the SADB (KLIPS's {@code struct tdb}): its transform, sequence counter or replay
 * window, its place in a group ({@code inner} is applied before it on output, after it on
 * input), and its counters. The transform, window and counters are used under the entry's own
 * lock; group links change only under the SADB's.
 */
final class SaEntry {
    final SaParams params;
    final SaRef ref;
    final EspTransform esp;
    final AhTransform ah;
    final IpComp comp;
    final ReplayWindow window;
    final SequenceCounter sequence = new SequenceCounter();
    final String algorithms;
    volatile SaEntry inner;
    volatile SaEntry outer;
    private long packets;
    private long bytes;
    private long dropped;
    private long lastUse;
    private boolean used;

    SaEntry(SaParams params, EspTransform esp, AhTransform ah, IpComp comp, String algorithms) {
        this.params = params;
        this.ref = params.sa();
        this.esp = esp;
        this.ah = ah;
        this.comp = comp;
        this.algorithms = algorithms;
        boolean replay = (esp != null || ah != null) && params.inbound() && params.replayWindow() > 0;
        this.window = replay ? new ReplayWindow(params.replayWindow()) : null;
    }

    SaProto proto() {
        return ref.proto();
    }

    /** The group from the SA applied first on output (innermost) to the outermost. */
    List<SaEntry> chain() {
        SaEntry head = this;
        int guard = 0;
        while (head.inner != null && guard++ < 8) {
            head = head.inner;
        }
        List<SaEntry> out = new ArrayList<>(4);
        for (SaEntry e = head; e != null && out.size() < 8; e = e.outer) {
            out.add(e);
        }
        return out;
    }

    synchronized void count(int length, long now) {
        packets++;
        bytes += length;
        lastUse = now;
        used = true;
    }

    synchronized void countDrop() {
        dropped++;
    }

    synchronized SaCounters counters(long now) {
        Optional<Duration> idle = used ? Optional.of(Duration.ofNanos(Math.max(0, now - lastUse))) : Optional.empty();
        return new SaCounters(packets, bytes, dropped, idle);
    }

    void close() {
        if (comp != null) {
            comp.close();
        }
    }

    @Override
    public String toString() {
        return ref.toString();
    }
}
