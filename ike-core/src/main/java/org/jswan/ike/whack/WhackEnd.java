package org.jswan.ike.whack;

import org.jswan.ike.base.IpAddress;
import org.jswan.ike.base.Subnet;

/**
 * One end of a connection description ({@code struct whack_end}): what whack saw before
 * {@code --to} (left) or after it (right). Strings are {@code null} when the option was absent.
 *
 * @param id {@code --id} text as typed (pluto parses it)
 * @param cert {@code --cert} (X.509; carried, not used yet)
 * @param ca {@code --ca} (X.509; carried, not used yet)
 * @param host {@code --host}; {@link IpAddress#ANY4} for {@code %any}
 * @param nexthop {@code --nexthop}; any-address for {@code %direct}
 * @param client {@code --client}; {@code null} when {@code hasClient} is false
 * @param keyFromDnsOnDemand {@code --dnskeyondemand}
 * @param hasClient a client subnet was given
 * @param hasClientWildcard {@code --clientwithin}
 * @param updown {@code --updown}
 * @param hostPort {@code --ikeport}, default 500
 * @param port {@code --clientprotoport} port, 0 = any
 * @param protocol {@code --clientprotoport} protocol, 0 = any
 */
public record WhackEnd(
        String id,
        String cert,
        String ca,
        IpAddress host,
        IpAddress nexthop,
        Subnet client,
        boolean keyFromDnsOnDemand,
        boolean hasClient,
        boolean hasClientWildcard,
        String updown,
        int hostPort,
        int port,
        int protocol) {

    public static final int DEFAULT_IKE_PORT = 500;

    /** An end with nothing set: any-address host, port 500. */
    public static WhackEnd empty() {
        return new WhackEnd(null, null, null, IpAddress.ANY4, IpAddress.ANY4, null,
                false, false, false, null, DEFAULT_IKE_PORT, 0, 0);
    }

    public WhackEnd withId(String v) {
        return new WhackEnd(v, cert, ca, host, nexthop, client, keyFromDnsOnDemand, hasClient, hasClientWildcard, updown, hostPort, port, protocol);
    }

    public WhackEnd withCert(String v) {
        return new WhackEnd(id, v, ca, host, nexthop, client, keyFromDnsOnDemand, hasClient, hasClientWildcard, updown, hostPort, port, protocol);
    }

    public WhackEnd withCa(String v) {
        return new WhackEnd(id, cert, v, host, nexthop, client, keyFromDnsOnDemand, hasClient, hasClientWildcard, updown, hostPort, port, protocol);
    }

    public WhackEnd withHost(IpAddress v) {
        return new WhackEnd(id, cert, ca, v, nexthop, client, keyFromDnsOnDemand, hasClient, hasClientWildcard, updown, hostPort, port, protocol);
    }

    public WhackEnd withNexthop(IpAddress v) {
        return new WhackEnd(id, cert, ca, host, v, client, keyFromDnsOnDemand, hasClient, hasClientWildcard, updown, hostPort, port, protocol);
    }

    /** Sets the client subnet and {@code hasClient}. */
    public WhackEnd withClient(Subnet v, boolean wildcard) {
        return new WhackEnd(id, cert, ca, host, nexthop, v, keyFromDnsOnDemand, v != null, wildcard, updown, hostPort, port, protocol);
    }

    public WhackEnd withKeyFromDnsOnDemand(boolean v) {
        return new WhackEnd(id, cert, ca, host, nexthop, client, v, hasClient, hasClientWildcard, updown, hostPort, port, protocol);
    }

    public WhackEnd withUpdown(String v) {
        return new WhackEnd(id, cert, ca, host, nexthop, client, keyFromDnsOnDemand, hasClient, hasClientWildcard, v, hostPort, port, protocol);
    }

    public WhackEnd withHostPort(int v) {
        return new WhackEnd(id, cert, ca, host, nexthop, client, keyFromDnsOnDemand, hasClient, hasClientWildcard, updown, v, port, protocol);
    }

    public WhackEnd withProtoPort(int proto, int p) {
        return new WhackEnd(id, cert, ca, host, nexthop, client, keyFromDnsOnDemand, hasClient, hasClientWildcard, updown, hostPort, p, proto);
    }
}
