package org.jswan.ike.connection;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jswan.ike.base.IpAddress;

/**
 * All connections pluto knows: the ones whack added (by name) and the instances made from
 * %any templates. Orientation is recomputed whenever the interface list changes.
 */
public final class ConnectionDb {
    /** One of our listening addresses, as orientation needs it. */
    public record Iface(String name, IpAddress address, int port) {
    }

    private final Map<String, Connection> byName = new LinkedHashMap<>();
    private final List<Connection> instances = new ArrayList<>();

    public Optional<Connection> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public void add(Connection c) {
        byName.put(c.name(), c);
    }

    /** Removes the named connection and all its instances; returns what was removed. */
    public List<Connection> remove(String name) {
        List<Connection> gone = new ArrayList<>();
        Connection c = byName.remove(name);
        if (c != null) {
            gone.add(c);
        }
        instances.removeIf(i -> {
            if (i.name().equals(name)) {
                gone.add(i);
                return true;
            }
            return false;
        });
        return gone;
    }

    public void addInstance(Connection c) {
        instances.add(c);
    }

    public void removeInstance(Connection c) {
        instances.remove(c);
    }

    /** Every connection and instance, sorted as pluto's status sorts them: by name, then instance. */
    public List<Connection> all() {
        List<Connection> out = new ArrayList<>(byName.values());
        out.addAll(instances);
        out.sort(Comparator.comparing(Connection::name).thenComparing(Connection::instanceSerial));
        return out;
    }

    /** Orients every connection against our interfaces; returns the ones whose orientation changed. */
    public List<Connection> orientAll(List<Iface> ifaces) {
        List<Connection> changed = new ArrayList<>();
        for (Connection c : byName.values()) {
            boolean was = c.oriented();
            boolean wasLeft = c.thisIsLeft();
            orient(c, ifaces);
            if (was != c.oriented() || wasLeft != c.thisIsLeft()) {
                changed.add(c);
            }
        }
        return changed;
    }

    /**
     * pluto's orient(): an end is ours if its host is one of our interface addresses and its IKE
     * port is the port we listen on (with no kernel, two plutos share one address and differ by port).
     *
     * @return false if both ends look like ours (pluto's "both ends" clash) or neither does
     */
    public static boolean orient(Connection c, List<Iface> ifaces) {
        Iface l = match(c.left(), ifaces);
        Iface r = match(c.right(), ifaces);
        if (l != null && r == null) {
            c.orient(true, l.name());
            return true;
        }
        if (r != null && l == null) {
            c.orient(false, r.name());
            return true;
        }
        c.unorient();
        return false;
    }

    private static Iface match(End e, List<Iface> ifaces) {
        if (e.hostIsAny()) {
            return null;
        }
        for (Iface i : ifaces) {
            if (i.address().equals(e.host()) && i.port() == e.hostPort()) {
                return i;
            }
        }
        return null;
    }

    /**
     * The connection for an initial Main Mode message from {@code peer} to {@code local}: one whose
     * ends are exactly these two hosts, else a %any template on our address (road warrior).
     */
    public Optional<Connection> findForMainModeResponder(IpAddress local, int localPort, IpAddress peer, int peerPort) {
        Connection template = null;
        for (Connection c : byName.values()) {
            if (!c.oriented() || !c.this_().host().equals(local) || c.this_().hostPort() != localPort) {
                continue;
            }
            if ((c.policy() & org.jswan.ike.whack.Policy.ID_AUTH_MASK) == 0) {
                continue;
            }
            if (c.that().host().equals(peer)) {
                return Optional.of(c);
            }
            if (c.that().hostIsAny() && template == null) {
                template = c;
            }
        }
        for (Connection c : instances) {
            if (c.this_().host().equals(local) && c.that().host().equals(peer) && c.that().hostPort() == peerPort) {
                return Optional.of(c);
            }
        }
        return Optional.ofNullable(template);
    }

    /**
     * A connection for a Quick Mode request on an ISAKMP SA of {@code current}: same hosts (and
     * peer id) with clients equal to what the peer proposed; {@code current} itself first.
     */
    public Optional<Connection> findForQuickMode(Connection current, org.jswan.ike.base.Subnet ourClient,
                                                 org.jswan.ike.base.Subnet peerClient) {
        if (current.this_().client().equals(ourClient) && current.that().client().equals(peerClient)) {
            return Optional.of(current);
        }
        for (Connection c : all()) {
            if (!c.oriented() || c == current) {
                continue;
            }
            boolean hostsMatch = c.this_().host().equals(current.this_().host())
                    && (c.that().host().equals(current.that().host()) || c.that().hostIsAny());
            if (hostsMatch && c.this_().client().equals(ourClient) && c.that().client().equals(peerClient)
                    && c.this_().hostPort() == current.this_().hostPort()) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }
}
