package org.jswan.pluto;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * The interface the userspace KLIPS attaches {@code ipsec0} to, so that the packets it builds
 * leave there even when the peer itself is routed into {@code ipsec0} (host to host):
 * FreeS/WAN's {@code interfaces="ipsec0=eth0"}, by default {@code %defaultroute}.
 *
 * <ol>
 *   <li>the first {@code --interface} that is not a KLIPS virtual {@code ipsecN};
 *   <li>else the interface of the IPv4 default route;
 *   <li>else the only interface that is up, not loopback, not {@code ipsecN}, with an IPv4 address;
 *   <li>else none: raw packets are routed by destination.
 * </ol>
 */
final class PhysicalInterface {
    private static final String VIRTUAL = "ipsec[0-9]+";

    private PhysicalInterface() {
    }

    /**
     * @param only          pluto's {@code --interface} options
     * @param procNetRoute  the text of {@code /proc/net/route} ("" if unreadable)
     * @param candidates    interfaces up, not loopback, with an IPv4 address
     */
    static Optional<String> choose(List<String> only, String procNetRoute, List<String> candidates) {
        for (String i : only) {
            if (!i.matches(VIRTUAL)) {
                return Optional.of(i);
            }
        }
        for (String line : procNetRoute.lines().skip(1).toList()) {
            String[] f = line.trim().split("\\s+");
            // Iface Destination Gateway Flags RefCnt Use Metric Mask ...: destination and mask 0
            if (f.length >= 8 && f[1].equals("00000000") && f[7].equals("00000000") && !f[0].matches(VIRTUAL)) {
                return Optional.of(f[0]);
            }
        }
        List<String> real = candidates.stream().filter(i -> !i.matches(VIRTUAL)).toList();
        return real.size() == 1 ? Optional.of(real.get(0)) : Optional.empty();
    }

    /** {@link #choose} on this machine (this network namespace). */
    static Optional<String> detect(List<String> only) {
        String routes;
        try {
            routes = Files.readString(Path.of("/proc/net/route"));
        } catch (IOException e) {
            routes = "";
        }
        List<String> up = new ArrayList<>();
        try {
            for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (ni.isUp() && !ni.isLoopback()
                        && Collections.list(ni.getInetAddresses()).stream().anyMatch(a -> a instanceof Inet4Address)) {
                    up.add(ni.getName());
                }
            }
        } catch (SocketException e) {
            // no candidates: fall back to routing by destination
        }
        return choose(only, routes, up);
    }
}
