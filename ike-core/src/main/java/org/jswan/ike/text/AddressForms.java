package org.jswan.ike.text;

import java.util.Optional;
import org.jswan.ike.base.Bytes;
import org.jswan.ike.base.IpAddress;
import org.jswan.ike.base.Subnet;

/**
 * The numeric address and subnet text forms of ttoaddr(3) and ttosubnet(3), plus pluto's magic
 * {@code %any}, {@code %any6} and {@code %default}. Names are not looked up here: {@link
 * #numericAddress} says when a text is a name, and the caller hands it to its resolver
 * ({@code org.jswan.ike.conn.Resolver}).
 *
 * <p>IPv4 numeric forms: dotted decimal, possibly incomplete ({@code 10} is {@code 10.0.0.0},
 * {@code 10.1} is {@code 10.1.0.0}), leading zeros ignored ({@code 128.009.000.032}); or
 * {@code 0x} and eight hex digits in network order. IPv6: colon-hex, parsed by {@link
 * IpAddress#parse}.
 */
public final class AddressForms {
    private AddressForms() {
    }

    /**
     * A numeric address, {@code %any} (0.0.0.0) or {@code %any6} (::); empty when the text does
     * not look numeric and so should be taken as a DNS name.
     *
     * @throws TextFormException when the text looks numeric but is malformed
     */
    public static Optional<IpAddress> numericAddress(String text) throws TextFormException {
        if (text.isEmpty()) {
            throw new TextFormException("empty string");
        }
        if (text.equals("%any")) {
            return Optional.of(IpAddress.ANY4);
        }
        if (text.equals("%any6")) {
            return Optional.of(IpAddress.ANY6);
        }
        if (text.length() == 10 && text.charAt(0) == '0') {
            char x = text.charAt(1);
            if (x == 'x' || x == 'X') {
                return Optional.of(hexAddress(text.substring(2)));
            }
            if (x == 'h' || x == 'H') {
                // FreeS/WAN: host byte order; jswan: refused, the meaning depends on the machine.
                throw new TextFormException("host-order (0h) addresses are not supported");
            }
        }
        if (text.indexOf(':') >= 0) {
            try {
                return Optional.of(IpAddress.parse(text));
            } catch (IllegalArgumentException e) {
                throw new TextFormException("syntax error in IPv6 numeric address");
            }
        }
        return dotted(text);
    }

    /** Like {@link #numericAddress} but a name is an error (tnatoaddr(3) plus the magic words). */
    public static IpAddress address(String text) throws TextFormException {
        return numericAddress(text)
                .orElseThrow(() -> new TextFormException("does not appear to be a numeric address"));
    }

    /** True when {@link #numericAddress} would take the text as a number rather than a name. */
    public static boolean looksNumeric(String text) {
        try {
            return numericAddress(text).isPresent();
        } catch (TextFormException e) {
            return true;
        }
    }

    private static IpAddress hexAddress(String digits) throws TextFormException {
        byte[] b = new byte[4];
        for (int i = 0; i < 8; i++) {
            char c = digits.charAt(i);
            int d = c < 0x80 ? Character.digit(c, 16) : -1;
            if (d < 0) {
                throw new TextFormException("non-hex digit in hexadecimal address");
            }
            b[i / 2] |= (byte) (i % 2 == 0 ? d << 4 : d);
        }
        return new IpAddress(Bytes.copyOf(b));
    }

    /**
     * ttoaddr's dotted-decimal rule: empty when the first component is not a number, or when the
     * second is not one (so {@code 3com.example} and {@code 1.example} are names); an error when
     * the text is clearly meant as dotted decimal but is wrong.
     */
    private static Optional<IpAddress> dotted(String text) throws TextFormException {
        int[] v = new int[4];
        int pos = 0;
        int n = text.length();
        for (int i = 0; i < 4 && pos < n; i++) {
            int start = pos;
            long value = 0;
            while (pos < n && text.charAt(pos) >= '0' && text.charAt(pos) <= '9') {
                value = Math.min(value * 10 + (text.charAt(pos) - '0'), 1000);
                pos++;
            }
            if (pos == start) {
                if (i <= 1) {
                    return Optional.empty();
                }
                throw new TextFormException(start == n
                        ? "empty number in dotted-decimal address"
                        : "non-numeric component in dotted-decimal address");
            }
            if (value > 255) {
                throw new TextFormException("byte overflow in dotted-decimal address");
            }
            v[i] = (int) value;
            if (i < 3 && pos < n) {
                if (text.charAt(pos) != '.') {
                    if (i == 0) {
                        return Optional.empty();
                    }
                    throw new TextFormException("syntax error in dotted-decimal address");
                }
                pos++;
                if (pos == n) {
                    throw new TextFormException("empty number in dotted-decimal address");
                }
            }
        }
        if (pos != n) {
            throw new TextFormException("extra garbage on end of dotted-decimal address");
        }
        return Optional.of(IpAddress.v4(v[0], v[1], v[2], v[3]));
    }

    /**
     * ttosubnet(3): {@code network/bits} or {@code network/mask}, where network and mask take any
     * numeric ttoaddr form; {@code %default} is 0.0.0.0/0. As in FreeS/WAN the host bits of the
     * network are turned off ({@code 10.1.2.3/24} is {@code 10.1.2.0/24}); {@link Subnet#parse}
     * is the strict alternative. The family follows the text: a ':' means IPv6.
     */
    public static Subnet ttosubnet(String text) throws TextFormException {
        if (text.isEmpty()) {
            throw new TextFormException("empty string");
        }
        String t = text.equals("%default") ? "0.0.0.0/0" : text;
        int slash = t.indexOf('/');
        if (slash < 0) {
            throw new TextFormException("no / in subnet specification");
        }
        boolean v6 = t.indexOf(':') >= 0;
        IpAddress network = address(t.substring(0, slash));
        if (network.isV6() != v6) {
            throw new TextFormException("address family mismatch in subnet specification");
        }
        String m = t.substring(slash + 1);
        int bits;
        if (!m.isEmpty() && m.chars().allMatch(c -> c >= '0' && c <= '9')) {
            String digits = m.replaceFirst("^0+(?=.)", "");
            if (digits.length() > 3 || Integer.parseInt(digits) > network.bits()) {
                throw new TextFormException("subnet mask bit count too large");
            }
            bits = Integer.parseInt(digits);
        } else {
            if (m.isEmpty()) {
                throw new TextFormException("empty mask in subnet specification");
            }
            IpAddress mask = address(m);
            if (mask.bits() != network.bits()) {
                throw new TextFormException("address family mismatch in subnet specification");
            }
            bits = maskBits(mask);
        }
        return new Subnet(network, bits);
    }

    private static int maskBits(IpAddress mask) throws TextFormException {
        Bytes b = mask.bytes();
        int bits = 0;
        boolean zeroSeen = false;
        for (int i = 0; i < b.length() * 8; i++) {
            boolean one = (b.get(i / 8) & (0x80 >>> (i % 8))) != 0;
            if (one && zeroSeen) {
                throw new TextFormException("non-contiguous or otherwise erroneous mask");
            }
            if (one) {
                bits++;
            } else {
                zeroSeen = true;
            }
        }
        return bits;
    }

    /** subnettot(3): always the bit-count form, {@code 10.1.2.0/24}. */
    public static String subnettot(Subnet s) {
        return s.toString();
    }
}
