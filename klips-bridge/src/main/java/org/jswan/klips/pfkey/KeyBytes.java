package org.jswan.klips.pfkey;

import java.security.MessageDigest;
import java.util.Arrays;
import org.jswan.klips.KeyMaterial;

/**
 * The key of a {@code KEY_AUTH} / {@code KEY_ENCRYPT} extension. It never prints its bytes
 * ({@code <secret N bytes>}); {@link #reveal()} hands a fresh copy to whoever installs the SA;
 * {@link #close()} zeroises it. Equality is constant-time.
 */
public final class KeyBytes implements AutoCloseable {
    private final byte[] key;

    private KeyBytes(byte[] owned) {
        this.key = owned;
    }

    public static KeyBytes copyOf(byte[] key) {
        return new KeyBytes(key.clone());
    }

    /** Fetches the bytes of a bridge key; the copy {@link KeyMaterial#reveal()} made is zeroised. */
    public static KeyBytes of(KeyMaterial material) {
        byte[] revealed = material.reveal();
        try {
            if (revealed.length != material.length()) {
                throw new IllegalArgumentException("key material revealed " + revealed.length
                        + " bytes, announced " + material.length());
            }
            return copyOf(revealed);
        } finally {
            Arrays.fill(revealed, (byte) 0);
        }
    }

    /** Takes ownership: for this package's reader, whose array nobody else sees. */
    static KeyBytes adopt(byte[] owned) {
        return new KeyBytes(owned);
    }

    public int length() {
        return key.length;
    }

    /** A fresh copy; the caller zeroises it once the SA has it. */
    public byte[] reveal() {
        return key.clone();
    }

    /** As the bridge's {@link KeyMaterial}, fetching a copy on each reveal. */
    public KeyMaterial toKeyMaterial() {
        return new KeyMaterial(key.length, this::reveal);
    }

    void writeTo(WireWriter w) {
        w.bytes(key);
    }

    @Override
    public void close() {
        Arrays.fill(key, (byte) 0);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KeyBytes && MessageDigest.isEqual(key, ((KeyBytes) o).key);
    }

    @Override
    public int hashCode() {
        return key.length;
    }

    @Override
    public String toString() {
        return "<secret " + key.length + " bytes>";
    }
}
