package org.jswan.ike.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jswan.ike.base.Secret;
import org.jswan.ike.conn.Id;
import org.jswan.ike.connection.Connection;
import org.jswan.ike.spdb.OakleyTransform;
import org.jswan.ike.whack.Policy;

/**
 * pluto(8) "Selecting a Connection When Responding: Road Warrior Support": once the peer's ID
 * is decoded in MI3, a responder may switch to a better matching connection that uses the same
 * authentication keys — instantiating a %any one if need be — or end the negotiation.
 */
final class ConnectionSwitch {
    private ConnectionSwitch() {
    }

    /** The outcome: the connection to go on with (possibly a new instance), or why none will do. */
    record Result(Connection connection, List<String> refusals) {
    }

    static Result refine(Core core, State st, Id peerId, Secret pskInUse) {
        List<String> why = new ArrayList<>();
        Connection best = null;
        int bestScore = -1;
        List<Connection> candidates = new ArrayList<>();
        candidates.add(st.connection);
        for (Connection c : core.connections.all()) {
            if (c != st.connection && c.kind() != Connection.Kind.INSTANCE) {
                candidates.add(c);
            }
        }
        for (Connection c : candidates) {
            Optional<String> refusal = refusal(core, st, c, peerId, pskInUse);
            if (refusal.isPresent()) {
                if (c == st.connection || c.name().equals(st.connection.name()) || sameHosts(st, c)) {
                    why.add(c.displayName() + ": " + refusal.get());
                }
                continue;
            }
            int score = (c.that().hostIsAny() ? 0 : 2) + (c.that().idGiven() && c.that().id().kind() != Id.Kind.NONE ? 1 : 0);
            if (c == st.connection) {
                score += 0; // ties keep the current connection (checked first)
            }
            if (score > bestScore) {
                best = c;
                bestScore = score;
            }
        }
        if (best == null) {
            return new Result(null, why);
        }
        if (best.kind() == Connection.Kind.TEMPLATE) {
            best = best.instantiate(st.peer.address(), st.peer.port());
            core.connections.addInstance(best);
        }
        return new Result(best, why);
    }

    private static boolean sameHosts(State st, Connection c) {
        return c.oriented() && c.this_().host().equals(st.local.address());
    }

    private static Optional<String> refusal(Core core, State st, Connection c, Id peerId, Secret pskInUse) {
        if (!c.oriented() || !c.this_().host().equals(st.local.address())) {
            return Optional.of("not one of our ends at " + st.local.address());
        }
        if (!c.that().hostIsAny() && !c.that().host().equals(st.peer.address())) {
            return Optional.of("peer host " + c.that().host() + " is not " + st.peer.address());
        }
        int auth = st.oakley.authMethod();
        long need = auth == OakleyTransform.AUTH_PSK ? Policy.PSK : Policy.RSASIG;
        if ((c.policy() & need) == 0) {
            return Optional.of("does not allow " + (auth == OakleyTransform.AUTH_PSK ? "PSK" : "RSASIG"));
        }
        Id expected = c.that().id();
        if (c.that().idGiven() && expected.kind() != Id.Kind.NONE && !expected.matches(peerId)) {
            return Optional.of("peer ID '" + peerId + "' is not '" + expected + "'");
        }
        if (!c.that().idGiven() && !c.that().hostIsAny() && !Id.ofAddress(c.that().host()).matches(peerId)) {
            return Optional.of("peer ID '" + peerId + "' is not its address " + c.that().host());
        }
        if (auth == OakleyTransform.AUTH_PSK) {
            // the key Main Mode chose by address: a %any template and its instances (no peer ID of
            // their own) look it up for "any peer", as MR1 did; refusing the instance here would
            // switch to the template and make a second instance for the same peer
            boolean anyPeer = (c.that().hostIsAny() || c.kind() == Connection.Kind.INSTANCE) && !c.that().idGiven();
            Optional<Secret> psk = core.secrets.findPsk(core.ourId(c), anyPeer
                    ? new Id(Id.Kind.NONE, org.jswan.ike.base.Bytes.EMPTY) : peerId);
            if (psk.isEmpty() || pskInUse == null || !psk.get().sameAs(pskInUse)) {
                return Optional.of("would need a different preshared key than the one already used");
            }
        } else if (core.publicKeys.find(peerId).isEmpty()) {
            return Optional.of("no RSA public key known for '" + peerId + "'");
        }
        return Optional.empty();
    }
}
