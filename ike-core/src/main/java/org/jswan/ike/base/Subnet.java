package org.jswan.ike.base;

/**
 * An address prefix: network address and mask length. The network address always has its host
 * bits cleared.
 */
public record Subnet(IpAddress network, int prefixLength) {
    public Subnet {
        if (prefixLength < 0 || prefixLength > network.bits()) {
            throw new IllegalArgumentException("mask length " + prefixLength + " out of range for " + network);
        }
        network = mask(network, prefixLength);
    }

    /** The subnet holding exactly one address (/32 or /128). */
    public static Subnet host(IpAddress a) {
        return new Subnet(a, a.bits());
    }

    /**
     * Parses {@code address/bits} or {@code address/dotted-mask}; a bare address is a host subnet.
     * Host bits set in the address are an error, as ttosubnet(3) makes them.
     */
    public static Subnet parse(String text) {
        String t = text.trim();
        int slash = t.indexOf('/');
        if (slash < 0) {
            return host(IpAddress.parse(t));
        }
        IpAddress addr = IpAddress.parse(t.substring(0, slash));
        String m = t.substring(slash + 1);
        int bits;
        if (!m.isEmpty() && m.chars().allMatch(Character::isDigit)) {
            bits = Integer.parseInt(m);
            if (bits > addr.bits()) {
                throw new IllegalArgumentException("\"" + text + "\": mask length " + bits + " too large");
            }
        } else {
            bits = maskBits(IpAddress.parse(m), text);
        }
        Subnet s = new Subnet(addr, bits);
        if (!s.network().equals(addr)) {
            throw new IllegalArgumentException("\"" + text + "\": improper subnet, host-part bits on");
        }
        return s;
    }

    private static int maskBits(IpAddress mask, String text) {
        Bytes b = mask.bytes();
        int bits = 0;
        boolean seenZero = false;
        for (int i = 0; i < b.length() * 8; i++) {
            boolean one = (b.get(i / 8) & (0x80 >>> (i % 8))) != 0;
            if (one && seenZero) {
                throw new IllegalArgumentException("\"" + text + "\": non-contiguous mask");
            }
            if (one) {
                bits++;
            } else {
                seenZero = true;
            }
        }
        return bits;
    }

    private static IpAddress mask(IpAddress a, int bits) {
        byte[] raw = a.bytes().toArray();
        for (int i = 0; i < raw.length * 8; i++) {
            if (i >= bits) {
                raw[i / 8] &= (byte) ~(0x80 >>> (i % 8));
            }
        }
        return new IpAddress(Bytes.copyOf(raw));
    }

    public boolean isHost() {
        return prefixLength == network.bits();
    }

    public boolean contains(IpAddress a) {
        return a.bits() == network.bits() && mask(a, prefixLength).equals(network);
    }

    public boolean contains(Subnet s) {
        return s.prefixLength >= prefixLength && contains(s.network);
    }

    /** The mask as an address, e.g. 255.255.255.0. */
    public IpAddress maskAddress() {
        byte[] raw = new byte[network.bytes().length()];
        for (int i = 0; i < prefixLength; i++) {
            raw[i / 8] |= (byte) (0x80 >>> (i % 8));
        }
        return new IpAddress(Bytes.copyOf(raw));
    }

    @Override
    public String toString() {
        return network + "/" + prefixLength;
    }
}
