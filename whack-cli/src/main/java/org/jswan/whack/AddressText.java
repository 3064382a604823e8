package org.jswan.whack;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jswan.ike.base.IpAddress;
import org.jswan.ike.base.Subnet;
import org.jswan.ike.whack.WhackMessage;

/**
 * whack's readings of addresses, subnets and protocol/port pairs (ttoaddr(3), ttosubnet(3),
 * ttoprotoport): numeric forms in the address family in force, anything else looked up by
 * name. Failures are {@link IllegalArgumentException}s carrying the reason only; whack appends
 * the argument in quotes.
 */
final class AddressText {
    private AddressText() {
    }

    static final int AF_INET = WhackMessage.AF_INET;
    static final int AF_INET6 = WhackMessage.AF_INET6;

    static IpAddress any(int family) {
        return family == AF_INET6 ? IpAddress.ANY6 : IpAddress.ANY4;
    }

    /** ttoaddr: a dotted quad, an IPv6 literal, or a name resolved now, in {@code family}. */
    static IpAddress address(String text, int family) {
        if (text.isEmpty()) {
            throw new IllegalArgumentException("empty string");
        }
        boolean v6 = family == AF_INET6;
        if (text.indexOf(':') >= 0) {
            if (!v6) {
                throw new IllegalArgumentException("non-ipv6 address may not contain `:'");
            }
            return numeric(text, true);
        }
        if (text.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9'))) {
            if (v6) {
                throw new IllegalArgumentException("IPv4 address given where IPv6 is in force");
            }
            return numeric(text, false);
        }
        return lookup(text, v6);
    }

    private static IpAddress numeric(String text, boolean v6) {
        try {
            IpAddress a = IpAddress.parse(text);
            if (a.isV6() == v6) {
                return a;
            }
        } catch (IllegalArgumentException e) {
            // fall through to whack's own wording
        }
        throw new IllegalArgumentException(v6 ? "malformed IPv6 address" : "malformed IPv4 address");
    }

    private static IpAddress lookup(String name, boolean v6) {
        if (name.startsWith("%")) {
            // An unknown %keyword is no host name: do not ask the resolver.
            throw new IllegalArgumentException("does not look numeric and name lookup failed");
        }
        try {
            for (InetAddress a : InetAddress.getAllByName(name)) {
                if (v6 ? a instanceof Inet6Address : a instanceof Inet4Address) {
                    return IpAddress.of(a);
                }
            }
        } catch (UnknownHostException | SecurityException e) {
            // the same answer as no address of the family
        }
        throw new IllegalArgumentException("does not look numeric and name lookup failed");
    }

    /**
     * ttosubnet: {@code address/bits} or {@code address/dotted-mask} in {@code family};
     * {@code %default} is the whole address space. Host bits set are an error.
     */
    static Subnet subnet(String text, int family) {
        if (text.equals("%default")) {
            return new Subnet(any(family), 0);
        }
        int slash = text.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("no / in subnet specification");
        }
        IpAddress addr = address(text.substring(0, slash), family);
        String m = text.substring(slash + 1);
        int bits;
        if (!m.isEmpty() && m.chars().allMatch(c -> c >= '0' && c <= '9')) {
            if (m.length() > 3 || Integer.parseInt(m) > addr.bits()) {
                throw new IllegalArgumentException("subnet mask bit count out of range");
            }
            bits = Integer.parseInt(m);
        } else {
            bits = maskBits(address(m, family));
        }
        Subnet s = new Subnet(addr, bits);
        if (!s.network().equals(addr)) {
            throw new IllegalArgumentException("improper subnet, host-part bits on");
        }
        return s;
    }

    private static int maskBits(IpAddress mask) {
        int bits = 0;
        boolean zeroSeen = false;
        for (int i = 0; i < mask.bits(); i++) {
            boolean one = (mask.bytes().get(i / 8) & (0x80 >>> (i % 8))) != 0;
            if (one && zeroSeen) {
                throw new IllegalArgumentException("non-contiguous or otherwise erroneous mask");
            }
            bits += one ? 1 : 0;
            zeroSeen |= !one;
        }
        return bits;
    }

    /** A protocol and port pair, as {@code --clientprotoport} gives it. */
    record ProtoPort(int protocol, int port) {
    }

    private static final Map<String, Integer> WELL_KNOWN_PROTOCOLS = Map.of(
            "icmp", 1, "tcp", 6, "udp", 17, "gre", 47, "esp", 50, "ah", 51, "ipv6-icmp", 58, "sctp", 132);

    /** {@code protocol/port}: each a number or a name; the port may be {@code %any} (0). */
    static ProtoPort protoPort(String text) {
        int slash = text.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("missing / in protoport");
        }
        String p = text.substring(0, slash);
        String q = text.substring(slash + 1);
        int protocol = numberOrName(p, 255, () -> protocolNamed(p), "unknown protocol");
        int port = q.equals("%any") ? 0 : numberOrName(q, 65535, () -> serviceNamed(q, p, protocol), "unknown port");
        return new ProtoPort(protocol, port);
    }

    private static int numberOrName(String s, int max, java.util.function.IntSupplier byName, String unknown) {
        if (!s.isEmpty() && s.length() <= 5 && s.chars().allMatch(c -> c >= '0' && c <= '9')) {
            int v = Integer.parseInt(s);
            if (v > max) {
                throw new IllegalArgumentException(unknown);
            }
            return v;
        }
        int v = s.isEmpty() ? -1 : byName.getAsInt();
        if (v < 0) {
            throw new IllegalArgumentException(unknown);
        }
        return v;
    }

    private static int protocolNamed(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        for (String[] f : fields(Path.of("/etc/protocols"))) {
            if (f.length >= 2 && (f[0].equals(n) || List.of(f).subList(2, f.length).contains(n))) {
                return parseOr(f[1], -1);
            }
        }
        return WELL_KNOWN_PROTOCOLS.getOrDefault(n, -1);
    }

    private static int serviceNamed(String name, String protoText, int protocol) {
        String proto = protocol == 6 ? "tcp" : protocol == 17 ? "udp" : protoText.toLowerCase(Locale.ROOT);
        for (String[] f : fields(Path.of("/etc/services"))) {
            if (f.length < 2 || !f[1].endsWith("/" + proto)) {
                continue;
            }
            if (f[0].equals(name) || List.of(f).subList(2, f.length).contains(name)) {
                return parseOr(f[1].substring(0, f[1].indexOf('/')), -1);
            }
        }
        return -1;
    }

    private static List<String[]> fields(Path file) {
        try {
            return Files.readAllLines(file).stream()
                    .map(l -> l.replaceFirst("#.*", "").trim())
                    .filter(l -> !l.isEmpty())
                    .map(l -> l.split("\\s+"))
                    .toList();
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    private static int parseOr(String s, int fallback) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
