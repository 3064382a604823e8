package org.jswan.klips.pfkey;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * An immutable string of bytes: raw extension bodies, identity text. Every constructor and every
 * accessor that hands out an array copies.
 */
public final class Octets {
    public static final Octets EMPTY = new Octets(new byte[0]);
    private static final HexFormat HEX = HexFormat.of();

    private final byte[] b;

    private Octets(byte[] owned) {
        this.b = owned;
    }

    public static Octets copyOf(byte[] src) {
        return src.length == 0 ? EMPTY : new Octets(src.clone());
    }

    public static Octets ofHex(String hex) {
        return copyOf(HEX.parseHex(hex));
    }

    /** Takes ownership of {@code owned}: for this package's reader, which never reuses it. */
    static Octets adopt(byte[] owned) {
        return owned.length == 0 ? EMPTY : new Octets(owned);
    }

    public int length() {
        return b.length;
    }

    public byte[] toArray() {
        return b.clone();
    }

    public int get(int i) {
        return Byte.toUnsignedInt(b[i]);
    }

    void writeTo(WireWriter w) {
        w.bytes(b);
    }

    public String hex() {
        return HEX.formatHex(b);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Octets && Arrays.equals(b, ((Octets) o).b);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(b);
    }

    @Override
    public String toString() {
        return hex();
    }
}
