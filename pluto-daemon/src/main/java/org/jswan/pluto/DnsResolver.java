package org.jswan.pluto;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jswan.ike.base.IpAddress;
import org.jswan.ike.conn.Resolver;

/**
 * Name lookups for ike-core, which does no DNS itself: the system resolver through
 * {@link InetAddress}. Used at configuration time only (ipsec.secrets indices on
 * {@code --listen}); it blocks the loop for as long as the lookup takes, as pluto's did.
 */
final class DnsResolver implements Resolver {
    @Override
    public Optional<List<IpAddress>> resolve(String name) {
        try {
            List<IpAddress> out = new ArrayList<>();
            for (InetAddress a : InetAddress.getAllByName(name)) {
                out.add(IpAddress.of(a));
            }
            return out.isEmpty() ? Optional.empty() : Optional.of(List.copyOf(out));
        } catch (UnknownHostException | SecurityException e) {
            return Optional.empty();
        }
    }
}
