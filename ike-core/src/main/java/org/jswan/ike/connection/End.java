package org.jswan.ike.connection;

import org.jswan.ike.base.IpAddress;
import org.jswan.ike.base.Subnet;
import org.jswan.ike.conn.Id;

/**
 * One end of a connection after pluto's {@code default_end()}: the id defaults to the host
 * address, the next hop to the other host, the client to host/32 (with {@code hasClient} false).
 *
 * @param id identity (never null; {@link Id.Kind#NONE} only for a %any host without --id)
 * @param idGiven whether --id was given (status prints {@code [id]} only then)
 * @param host host address; any-address for %any
 * @param hostPort IKE port
 * @param nexthop next hop toward the other end
 * @param client the client subnet (host/32 when {@code hasClient} is false)
 * @param hasClient a --client was given
 * @param updown the updown command
 * @param protocol client protocol (0 = any)
 * @param port client port (0 = any)
 */
public record End(Id id, boolean idGiven, IpAddress host, int hostPort, IpAddress nexthop, Subnet client,
                  boolean hasClient, String updown, int protocol, int port) {

    public boolean hostIsAny() {
        return host.isAny();
    }

    public End withHost(IpAddress h) {
        Subnet c = hasClient ? client : Subnet.host(h);
        Id i = idGiven ? id : Id.ofAddress(h);
        return new End(i, idGiven, h, hostPort, nexthop, c, hasClient, updown, protocol, port);
    }

    public End withClient(Subnet c) {
        return new End(id, idGiven, host, hostPort, nexthop, c, true, updown, protocol, port);
    }

    public End withNexthop(IpAddress n) {
        return new End(id, idGiven, host, hostPort, n, client, hasClient, updown, protocol, port);
    }

    public End withHostPort(int p) {
        return new End(id, idGiven, host, p, nexthop, client, hasClient, updown, protocol, port);
    }

    public End withId(Id i) {
        return new End(i, true, host, hostPort, nexthop, client, hasClient, updown, protocol, port);
    }
}
