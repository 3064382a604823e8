package org.jswan.ike.engine;

import java.util.Optional;
import java.util.PriorityQueue;
import org.jswan.ike.base.MonoTime;

/**
 * The engine's timer queue. Each state has at most one event (pluto's {@code st_event});
 * rescheduling supersedes the old entry, which is skipped when it surfaces.
 */
final class Timers {
    record Entry(MonoTime when, long seq, long serial, EventType type) {
    }

    private final PriorityQueue<Entry> queue = new PriorityQueue<>((a, b) -> {
        int c = a.when.compareTo(b.when);
        return c != 0 ? c : Long.compare(a.seq, b.seq);
    });
    private long seq;

    /** Schedules {@code type} for {@code st}, replacing any event it had. */
    void schedule(State st, EventType type, MonoTime when) {
        st.event = type;
        st.eventTime = when;
        st.eventSeq = ++seq;
        queue.add(new Entry(when, st.eventSeq, st.serial, type));
    }

    /** The DPD slot (EVENT_DPD / EVENT_DPD_TIMEOUT): independent of the other two. */
    void scheduleDpd(State st, EventType type, MonoTime when) {
        st.dpdSeq = ++seq;
        st.dpdEvent = type;
        st.dpdTime = when;
        queue.add(new Entry(when, st.dpdSeq, st.serial, type));
    }

    /** The keepalive slot: independent of the state's main event. */
    void scheduleKeepalive(State st, MonoTime when) {
        st.keepaliveSeq = ++seq;
        queue.add(new Entry(when, st.keepaliveSeq, st.serial, EventType.EVENT_NAT_T_KEEPALIVE));
    }

    void cancel(State st) {
        st.event = EventType.EVENT_NULL;
        st.eventTime = null;
        st.eventSeq = 0;
    }

    /** The earliest live entry due at or before {@code now}, removed from the queue. */
    Optional<Entry> pollDue(MonoTime now, StateTable states) {
        while (!queue.isEmpty()) {
            Entry e = queue.peek();
            if (!live(e, states)) {
                queue.poll();
                continue;
            }
            if (e.when.isAfter(now)) {
                return Optional.empty();
            }
            return Optional.of(queue.poll());
        }
        return Optional.empty();
    }

    Optional<MonoTime> next(StateTable states) {
        while (!queue.isEmpty() && !live(queue.peek(), states)) {
            queue.poll();
        }
        return queue.isEmpty() ? Optional.empty() : Optional.of(queue.peek().when);
    }

    private static boolean live(Entry e, StateTable states) {
        return states.get(e.serial).map(st -> switch (e.type) {
            case EVENT_NAT_T_KEEPALIVE -> st.keepaliveSeq == e.seq;
            case EVENT_DPD, EVENT_DPD_TIMEOUT -> st.dpdSeq == e.seq;
            default -> st.eventSeq == e.seq;
        }).orElse(false);
    }
}
