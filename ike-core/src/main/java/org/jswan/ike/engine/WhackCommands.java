package org.jswan.ike.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jswan.ike.base.Endpoint;
import org.jswan.ike.conn.Id;
import org.jswan.ike.connection.Connection;
import org.jswan.ike.connection.ConnectionDb;
import org.jswan.ike.connection.ConnectionFactory;
import org.jswan.ike.whack.Rc;
import org.jswan.ike.whack.WhackMessage;

/**
 * One whack request, processed in pluto's order (reference §1.5): debug options, myid, delete,
 * deletestate, connection, listen, key, route, unroute, initiate, oppo, terminate, status, shutdown.
 */
final class WhackCommands {
    private WhackCommands() {
    }

    static void handle(Core core, Input.Whack w) {
        WhackMessage m = w.message();
        Out out = core.out;
        long client = w.client();
        boolean keepOpen = false;
        if (m.options()) {
            if (m.name() == null) {
                core.debugging = m.debugging();
                out.setDebugging(core.debugging);
            } else if (!m.connection()) {
                Optional<Connection> c = core.connections.find(m.name());
                if (c.isEmpty()) {
                    out.logWhack(client, Rc.UNKNOWN_NAME.code(), "no connection named \"" + m.name() + "\"");
                } else {
                    c.get().setExtraDebugging(m.debugging());
                }
            }
        }
        if (m.myid()) {
            try {
                core.myId = m.myId() == null ? null : Id.parse(m.myId(), n -> Optional.empty());
                core.refreshSecrets();
            } catch (Exception e) {
                out.logWhack(client, Rc.BADID.code(), "bad --myid: " + m.myId() + " (" + e.getMessage() + ")");
            }
        }
        if (m.delete()) {
            deleteConnection(core, client, m.name(), m.connection());
        }
        if (m.deleteState()) {
            Optional<State> st = core.states.get(m.deleteStateNo());
            if (st.isEmpty()) {
                out.logWhack(client, Rc.UNKNOWN_NAME.code(), "no state #" + m.deleteStateNo() + " to delete");
            } else {
                out.log(st.get(), "deleting state (" + st.get().kind.name() + ")");
                Informational.sendDelete(core, st.get());
                MainMode.deleteState(core, st.get(), null);
            }
        }
        if (m.connection()) {
            addConnection(core, client, m);
        }
        if (m.listen()) {
            listen(core, client, w.listen());
        }
        if (m.unlisten()) {
            out.logWhack(client, Rc.LOG.code(), "no longer listening for IKE messages");
            core.listening = false;
        }
        if (m.key()) {
            addKey(core, client, m);
        }
        if (m.route() || m.unroute()) {
            Optional<Connection> c = core.connections.find(m.name());
            if (c.isEmpty()) {
                out.logWhack(client, Rc.UNKNOWN_NAME.code(), "no connection named \"" + m.name() + "\"");
            } else if (m.route()) {
                Routing.route(core, client, c.get());
            } else {
                Routing.unroute(core, client, c.get());
            }
        }
        if (m.initiate()) {
            keepOpen = initiate(core, client, m);
        }
        if (m.oppoInitiate()) {
            out.logWhack(client, Rc.OPPOFAILURE.code(), "opportunistic initiation is not supported yet");
        }
        if (m.crash()) {
            out.logWhack(client, Rc.INTERNALERR.code(), "--crash is not supported yet");
        }
        if (m.terminate()) {
            terminate(core, client, m.name());
        }
        if (m.status()) {
            Status.show(core, client);
        }
        if (m.shutdown()) {
            shutdown(core, client);
            return;
        }
        if (!keepOpen) {
            out.whackDone(client);
        }
    }

    /** {@code --keyid ID [--addkey] [--pubkeyrsa KEY]} (reference §1.5 step 8). */
    private static void addKey(Core core, long client, WhackMessage m) {
        Id id;
        try {
            id = Id.parse(m.keyId(), n -> Optional.empty());
        } catch (Exception e) {
            core.out.logWhack(client, Rc.BADID.code(), "bad --keyid \"" + m.keyId() + "\": " + e.getMessage());
            return;
        }
        if (m.keyVal().isEmpty()) {
            // FreeS/WAN fetched KEY records from DNS here; jswan has no DNS lookups yet
            core.out.logWhack(client, Rc.NOKEY.code(), "no key found through DNS for \"" + id + "\": jswan does not"
                    + " look keys up in DNS yet; give it with --pubkeyrsa");
            return;
        }
        org.jswan.ike.secrets.RsaPublicKey key;
        try {
            key = org.jswan.ike.secrets.RsaPublicKeyBlob.decode(m.keyVal());
        } catch (Exception e) {
            core.out.logWhack(client, Rc.BADID.code(), "bad --pubkeyrsa for \"" + id + "\": " + e.getMessage());
            return;
        }
        core.publicKeys.add(id, key, m.addKey(), core.now);
        core.out.logWhack(client, Rc.LOG.code(), (m.addKey() ? "added" : "installed") + " RSA public key for \"" + id
                + "\": " + key.bits() + " bits, keyid *" + key.keyId());
    }

    private static void addConnection(Core core, long client, WhackMessage m) {
        Out out = core.out;
        if (core.connections.find(m.name()).isPresent()) {
            out.logWhack(client, Rc.DUPNAME.code(), "attempt to redefine connection \"" + m.name() + "\"");
            return;
        }
        Connection c;
        try {
            c = ConnectionFactory.fromWhack(m);
        } catch (ConnectionFactory.Refused e) {
            out.logWhack(client, e.rc(), "\"" + m.name() + "\": " + e.getMessage());
            return;
        }
        core.connections.add(c);
        ConnectionDb.orient(c, core.interfaces);
        out.logWhack(client, Rc.LOG.code(), "added connection description \"" + m.name() + "\"");
        if (c.kind() == Connection.Kind.TEMPLATE && c.hasPolicy(org.jswan.ike.whack.Policy.PSK)) {
            // pluto(8) Road Warrior Support: the PSK must be chosen before the peer's ID is decrypted
            out.logWhack(client, Rc.LOG.code(), "\"" + m.name() + "\": warning: a %any connection with --psk uses one"
                    + " pre-shared key for every road warrior (Main Mode must pick it by address, before the peer's"
                    + " ID is known); prefer --rsasig for road warriors");
        }
    }

    private static void deleteConnection(Core core, long client, String name, boolean quiet) {
        Optional<Connection> c = core.connections.find(name);
        if (c.isEmpty()) {
            if (!quiet) {
                core.out.logWhack(client, Rc.UNKNOWN_NAME.code(), "no connection named \"" + name + "\"");
            }
            return;
        }
        terminateStates(core, name);
        // pluto(8): "Any routing in place for the connection is undone."
        if (c.get().routing() != Connection.Routing.UNROUTED) {
            Routing.unroute(core, -1, c.get());
        }
        core.connections.remove(name);
        core.out.log("\"" + name + "\": deleting connection");
    }

    private static void terminate(Core core, long client, String name) {
        if (core.connections.find(name).isEmpty()) {
            core.out.logWhack(client, Rc.UNKNOWN_NAME.code(), "no connection named \"" + name + "\"");
            return;
        }
        core.out.logWhack(client, Rc.LOG.code(), "\"" + name + "\": terminating SAs using this connection");
        terminateStates(core, name);
    }

    /** Deletes every state of the named connection (and its instances): IPsec SAs first, with Deletes sent. */
    static void terminateStates(Core core, String name) {
        List<State> victims = new ArrayList<>();
        for (State st : core.states.all()) {
            if (st.connection.name().equals(name)) {
                victims.add(st);
            }
        }
        victims.sort((a, b) -> Boolean.compare(a.isPhase1(), b.isPhase1()));
        for (State st : victims) {
            Informational.sendDelete(core, st);
            Informational.sendIsakmpDelete(core, st);
            MainMode.deleteState(core, st, null);
        }
        core.pendingPhase2.values().forEach(l -> l.removeIf(p -> p.connection().name().equals(name)));
    }

    private static boolean initiate(Core core, long client, WhackMessage m) {
        Out out = core.out;
        if (!core.listening) {
            out.logWhack(client, Rc.DEAF.code(), "need --listen before --initiate");
            return false;
        }
        Optional<Connection> co = core.connections.find(m.name());
        if (co.isEmpty()) {
            out.logWhack(client, Rc.UNKNOWN_NAME.code(), "no connection named \"" + m.name() + "\"");
            return false;
        }
        Connection c = co.get();
        if (!c.oriented()) {
            out.logWhack(client, Rc.ORIENT.code(), c.displayName() + ": we cannot identify ourselves with either end"
                    + " of this connection");
            return false;
        }
        if (c.that().hostIsAny()) {
            out.logWhack(client, Rc.NOPEERIP.code(), c.displayName() + ": cannot initiate connection without knowing"
                    + " peer IP address");
            return false;
        }
        if (org.jswan.ike.whack.Policy.neverNegotiate(c.policy())) {
            out.logWhack(client, 30, c.displayName() + ": cannot initiate a connection without"
                    + " --psk or --rsasig");
            return false;
        }
        long whack = m.async() ? -1 : client;
        Optional<State> p1 = core.phase1For(c);
        if (p1.isPresent()) {
            if (c.isIsakmpOnly()) {
                out.logWhack(client, Rc.LOG.code(), c.displayName() + " #" + p1.get().serial + ": ISAKMP SA already established");
                return false;
            }
            QuickMode.outI1(core, p1.get(), c, whack, 0);
        } else {
            Optional<State> inProgress = core.states.ofConnection(c).stream()
                    .filter(s -> s.isPhase1() && s.initiator && !s.kind.isIsakmpEstablished()).findFirst();
            if (inProgress.isPresent()) {
                out.logWhack(client, Rc.LOG.code(), inProgress.get().prefix() + "Main Mode already in progress; "
                        + "Quick Mode will follow");
                if (!c.isIsakmpOnly()) {
                    core.pendingPhase2.computeIfAbsent(inProgress.get().serial, k -> new ArrayList<>())
                            .add(new Core.Pending(c, whack, 0));
                }
                return whack >= 0 && !c.isIsakmpOnly();
            }
            MainMode.outI1(core, c, whack, 0, 1);
        }
        return whack >= 0;
    }

    private static void listen(Core core, long client, Input.ListenFacts facts) {
        Out out = core.out;
        out.logWhack(client, Rc.LOG.code(), "listening for IKE messages");
        core.listening = true;
        List<ConnectionDb.Iface> now = new ArrayList<>();
        if (facts != null) {
            for (Input.NetInterface ni : facts.interfaces()) {
                now.add(new ConnectionDb.Iface(ni.name(), ni.address(), core.config.ikePort()));
            }
        }
        for (ConnectionDb.Iface old : core.interfaces) {
            if (!now.contains(old)) {
                out.logWhack(client, Rc.LOG.code(), "shutting down interface " + old.name() + "/" + old.name() + " "
                        + Status.address(old));
                out.add(new Effect.CloseSocket(new Endpoint(old.address(), old.port())));
                if (NatTraversal.enabled(core)) {
                    out.add(new Effect.CloseSocket(new Endpoint(old.address(), core.config.natTPort())));
                }
            }
        }
        for (ConnectionDb.Iface i : now) {
            if (!core.interfaces.contains(i)) {
                out.logWhack(client, Rc.LOG.code(), "adding interface " + i.name() + "/" + i.name() + " "
                        + Status.address(i));
                out.add(new Effect.OpenSocket(i.name(), new Endpoint(i.address(), i.port())));
                if (NatTraversal.enabled(core)) {
                    out.add(new Effect.OpenSocket(i.name(), new Endpoint(i.address(), core.config.natTPort())));
                }
            }
        }
        core.interfaces = now;
        if (now.isEmpty()) {
            out.logWhack(client, Rc.LOG_SERIOUS.code(), "no public interfaces found");
        }
        core.connections.orientAll(now);
        if (facts != null && facts.secrets() != null) {
            out.logWhack(client, Rc.LOG.code(), "forgetting secrets");
            for (Input.LogNote n : facts.secrets().notes()) {
                out.logWhack(client, n.rc(), n.text());
            }
            core.secretsAsRead = facts.secrets().table();
            core.refreshSecrets();
        }
    }

    static void shutdown(Core core, long client) {
        core.out.logWhack(client, Rc.LOG.code(), "shutting down");
        List<State> all = core.states.all();
        all.sort((a, b) -> Boolean.compare(a.isPhase1(), b.isPhase1()));
        for (State st : all) {
            Informational.sendDelete(core, st);
            Informational.sendIsakmpDelete(core, st);
            MainMode.deleteState(core, st, null);
        }
        if (client >= 0) {
            core.out.whackDone(client);
        }
        core.out.add(new Effect.Exit(0));
    }
}
