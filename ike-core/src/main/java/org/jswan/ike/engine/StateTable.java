package org.jswan.ike.engine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jswan.ike.base.Bytes;
import org.jswan.ike.connection.Connection;

/**
 * Every live state, by serial number (pluto's state hash table; serials start at 1), and by
 * initiator cookie: a state's icookie is fixed when it is created, and every lookup for a packet
 * starts from the packet's icookie, so finding a state costs the same with 10 or 10,000 tunnels.
 */
final class StateTable {
    private final Map<Long, State> bySerial = new LinkedHashMap<>();
    private final Map<Bytes, List<State>> byIcookie = new HashMap<>();
    private long nextSerial = 1;

    State create(Connection c, StateKind kind, boolean initiator, Bytes icookie, org.jswan.ike.base.MonoTime now) {
        State st = new State(nextSerial++, c, kind, initiator);
        st.icookie = java.util.Objects.requireNonNull(icookie, "icookie");
        st.created = now;
        bySerial.put(st.serial, st);
        byIcookie.computeIfAbsent(icookie, k -> new ArrayList<>(2)).add(st);
        return st;
    }

    private List<State> withIcookie(Bytes icookie) {
        return byIcookie.getOrDefault(icookie, List.of());
    }

    Optional<State> get(long serial) {
        return Optional.ofNullable(bySerial.get(serial));
    }

    void remove(State st) {
        if (bySerial.remove(st.serial) != null) {
            List<State> same = byIcookie.get(st.icookie);
            if (same != null) {
                same.remove(st);
                if (same.isEmpty()) {
                    byIcookie.remove(st.icookie);
                }
            }
        }
    }

    int size() {
        return bySerial.size();
    }

    List<State> all() {
        return new ArrayList<>(bySerial.values());
    }

    /** A Phase 1 state with exactly these cookies. */
    Optional<State> findPhase1(Bytes icookie, Bytes rcookie) {
        for (State st : withIcookie(icookie)) {
            if (st.isPhase1() && icookie.equals(st.icookie) && rcookie.equals(st.rcookie)) {
                return Optional.of(st);
            }
        }
        return Optional.empty();
    }

    /** Our initiator state waiting for MR1: the peer's reply carries our icookie and its new rcookie. */
    Optional<State> findMainI1(Bytes icookie) {
        for (State st : withIcookie(icookie)) {
            if (st.kind == StateKind.STATE_MAIN_I1) {
                return Optional.of(st);
            }
        }
        return Optional.empty();
    }

    /** A responder state made for an MI1 with this icookie from this peer (to spot a resent MI1). */
    Optional<State> findResponderByIcookie(Bytes icookie, org.jswan.ike.base.Endpoint peer) {
        for (State st : withIcookie(icookie)) {
            if (st.isPhase1() && !st.initiator && peer.equals(st.peer)) {
                return Optional.of(st);
            }
        }
        return Optional.empty();
    }

    /** A Phase 2 (Quick Mode or Informational) exchange: cookies plus message ID. */
    Optional<State> findPhase2(Bytes icookie, Bytes rcookie, long msgid) {
        for (State st : withIcookie(icookie)) {
            if (!st.isPhase1() && st.msgid == msgid && rcookie.equals(st.rcookie)) {
                return Optional.of(st);
            }
        }
        return Optional.empty();
    }

    List<State> ofConnection(Connection c) {
        List<State> out = new ArrayList<>();
        for (State st : bySerial.values()) {
            if (st.connection == c) {
                out.add(st);
            }
        }
        return out;
    }

    /** States in the order pluto's status lists them: by connection name, then newest first. */
    List<State> sortedForStatus() {
        List<State> out = all();
        out.sort(Comparator.comparing((State s) -> s.connection.name())
                .thenComparing(s -> s.connection.instanceSerial())
                .thenComparing(s -> -s.serial));
        return out;
    }

    boolean msgidInUse(State phase1, long msgid) {
        return findPhase2(phase1.icookie, phase1.rcookie, msgid).isPresent();
    }
}
