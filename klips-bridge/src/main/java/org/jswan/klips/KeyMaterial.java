package org.jswan.klips;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * An SA key as the kernel bridge sees it. The bytes are fetched from their owner only when a
 * backend really hands them to a kernel ({@link #reveal()}); a backend that installs nothing never
 * touches them. It prints as {@code <key N bytes>}.
 */
public final class KeyMaterial {
    public static final KeyMaterial NONE = new KeyMaterial(0, () -> new byte[0]);

    private final int length;
    private final Supplier<byte[]> source;

    public KeyMaterial(int length, Supplier<byte[]> source) {
        if (length < 0) {
            throw new IllegalArgumentException("negative key length");
        }
        this.length = length;
        this.source = Objects.requireNonNull(source, "source");
    }

    public int length() {
        return length;
    }

    /** A fresh copy of the key; the caller zeroises it once the kernel has it. */
    public byte[] reveal() {
        return source.get();
    }

    @Override
    public String toString() {
        return "<key " + length + " bytes>";
    }
}
