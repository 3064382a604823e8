package org.jswan.ike.base;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * An IPv4 or IPv6 address as its 4 or 16 network-order bytes. Parsing is numeric only: no name
 * is ever resolved here (resolution is I/O and belongs to the daemon).
 */
public record IpAddress(Bytes bytes) implements Comparable<IpAddress> {
    public static final IpAddress ANY4 = new IpAddress(Bytes.zeros(4));
    public static final IpAddress ANY6 = new IpAddress(Bytes.zeros(16));

    public IpAddress {
        if (bytes.length() != 4 && bytes.length() != 16) {
            throw new IllegalArgumentException("an IP address has 4 or 16 bytes, not " + bytes.length());
        }
    }

    public static IpAddress v4(int a, int b, int c, int d) {
        return new IpAddress(Bytes.of(a, b, c, d));
    }

    /**
     * Parses a dotted quad or an IPv6 literal.
     *
     * @throws IllegalArgumentException naming the text when it is neither
     */
    public static IpAddress parse(String text) {
        String t = text.trim();
        if (t.indexOf(':') >= 0) {
            return parseV6(t);
        }
        String[] parts = t.split("\\.", -1);
        if (parts.length != 4) {
            throw new IllegalArgumentException("\"" + text + "\" is not a dotted-quad IPv4 address");
        }
        int[] v = new int[4];
        for (int i = 0; i < 4; i++) {
            String p = parts[i];
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit)) {
                throw new IllegalArgumentException("\"" + text + "\" is not a dotted-quad IPv4 address");
            }
            v[i] = Integer.parseInt(p);
            if (v[i] > 255) {
                throw new IllegalArgumentException("\"" + text + "\": byte value " + v[i] + " out of range");
            }
        }
        return v4(v[0], v[1], v[2], v[3]);
    }

    private static IpAddress parseV6(String t) {
        if (!t.chars().allMatch(ch -> Character.digit(ch, 16) >= 0 || ch == ':' || ch == '.')) {
            throw new IllegalArgumentException("\"" + t + "\" is not an IPv6 address");
        }
        try {
            // Only literals reach here (checked above), so no lookup happens.
            byte[] raw = InetAddress.getByName(t).getAddress();
            if (raw.length == 4) {
                byte[] mapped = new byte[16];
                mapped[10] = (byte) 0xff;
                mapped[11] = (byte) 0xff;
                System.arraycopy(raw, 0, mapped, 12, 4);
                raw = mapped;
            }
            return new IpAddress(Bytes.copyOf(raw));
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("\"" + t + "\" is not an IPv6 address");
        }
    }

    public static IpAddress of(InetAddress a) {
        return new IpAddress(Bytes.copyOf(a.getAddress()));
    }

    public boolean isV4() {
        return bytes.length() == 4;
    }

    public boolean isV6() {
        return bytes.length() == 16;
    }

    /** The unspecified address 0.0.0.0 or ::, which pluto writes as %any. */
    public boolean isAny() {
        return bytes.isAllZero();
    }

    public int bits() {
        return bytes.length() * 8;
    }

    public IpAddress anyOfSameFamily() {
        return isV4() ? ANY4 : ANY6;
    }

    public InetAddress toInetAddress() {
        try {
            return InetAddress.getByAddress(bytes.toArray());
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public int compareTo(IpAddress o) {
        int c = Integer.compare(bytes.length(), o.bytes.length());
        return c != 0 ? c : bytes.compareTo(o.bytes);
    }

    @Override
    public String toString() {
        if (isV4()) {
            return bytes.get(0) + "." + bytes.get(1) + "." + bytes.get(2) + "." + bytes.get(3);
        }
        return formatV6();
    }

    private String formatV6() {
        int[] g = new int[8];
        for (int i = 0; i < 8; i++) {
            g[i] = bytes.getU16(2 * i);
        }
        int bestStart = -1;
        int bestLen = 0;
        for (int i = 0; i < 8; ) {
            if (g[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && g[j] == 0) {
                j++;
            }
            if (j - i > bestLen && j - i > 1) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(g[i]));
        }
        return sb.toString();
    }
}
