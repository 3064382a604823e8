package org.jswan.ike.connection;

import java.time.Duration;
import org.jswan.ike.base.IpAddress;
import org.jswan.ike.base.Subnet;
import org.jswan.ike.conn.Id;
import org.jswan.ike.whack.Policy;
import org.jswan.ike.whack.WhackEnd;
import org.jswan.ike.whack.WhackMessage;

/**
 * Builds a {@link Connection} from a whack connection description, with pluto's defaulting
 * ({@code default_end}) and the checks pluto makes itself (whack has made its own already, but
 * pluto must not trust the message).
 */
public final class ConnectionFactory {
    private ConnectionFactory() {
    }

    /** A refusal with the RC and text pluto answers with. */
    public static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;
        private final int rc;

        public Refused(int rc, String text) {
            super(text);
            this.rc = rc;
        }

        public int rc() {
            return rc;
        }
    }

    public static Connection fromWhack(WhackMessage m) throws Refused {
        if (m.name() == null || m.name().isEmpty()) {
            throw new Refused(30, "connection description has no name");
        }
        End left = end(m.left(), m.right(), "left");
        End right = end(m.right(), m.left(), "right");
        if (left.hostIsAny() && right.hostIsAny()) {
            throw new Refused(30, "hosts cannot both be 0.0.0.0 or 0::0");
        }
        if (left.host().isV4() != right.host().isV4()) {
            throw new Refused(30, "host addresses must be of the same address family");
        }
        long policy = m.policy();
        if (left.hasClient() || right.hasClient()) {
            policy |= Policy.TUNNEL;
        }
        if (!Policy.hasIpsecPolicy(policy) && (left.hasClient() || right.hasClient())) {
            throw new Refused(30, "must not specify clients for ISAKMP-only connection");
        }
        Connection.Kind kind = left.hostIsAny() || right.hostIsAny() ? Connection.Kind.TEMPLATE : Connection.Kind.PERMANENT;
        Connection.Dpd dpd = m.dpdDelaySeconds() > 0
                ? new Connection.Dpd(Duration.ofSeconds(m.dpdDelaySeconds()), Duration.ofSeconds(m.dpdTimeoutSeconds()),
                m.dpdAction())
                : Connection.Dpd.NONE;
        Connection.Algorithms algs;
        try {
            algs = new Connection.Algorithms(
                    m.ike() == null ? null : org.jswan.ike.spdb.AlgorithmList.parseIke(m.ike()),
                    m.esp() == null ? null : org.jswan.ike.spdb.AlgorithmList.parseEsp(m.esp()));
        } catch (IllegalArgumentException e) {
            throw new Refused(30, e.getMessage());
        }
        return new Connection(m.name(), policy, Duration.ofSeconds(m.ikeLifetimeSeconds()),
                Duration.ofSeconds(m.ipsecLifetimeSeconds()), Duration.ofSeconds(m.rekeyMarginSeconds()),
                m.rekeyFuzzPercent(), m.keyingTries(), left, right, kind, 0, null, dpd, algs);
    }

    private static End end(WhackEnd w, WhackEnd other, String side) throws Refused {
        IpAddress host = w.host() == null ? IpAddress.ANY4 : w.host();
        Id id;
        boolean idGiven = w.id() != null && !w.id().isEmpty();
        if (idGiven) {
            try {
                id = Id.parse(w.id(), name -> java.util.Optional.empty());
            } catch (Exception e) {
                throw new Refused(27, "bad --id: " + w.id() + " (" + e.getMessage() + ")");
            }
        } else {
            id = host.isAny() ? new Id(Id.Kind.NONE, org.jswan.ike.base.Bytes.EMPTY) : Id.ofAddress(host);
        }
        IpAddress nexthop = w.nexthop() == null ? IpAddress.ANY4 : w.nexthop();
        IpAddress otherHost = other.host() == null ? IpAddress.ANY4 : other.host();
        if (nexthop.isAny()) {
            nexthop = otherHost; // pluto's default_end(): %direct means the peer itself
        }
        Subnet client = w.hasClient() && w.client() != null ? w.client() : Subnet.host(host);
        int port = w.hostPort() == 0 ? WhackEnd.DEFAULT_IKE_PORT : w.hostPort();
        String updown = w.updown() == null ? "ipsec _updown" : w.updown();
        return new End(id, idGiven, host, port, nexthop, client, w.hasClient(), updown, w.protocol(), w.port());
    }
}
