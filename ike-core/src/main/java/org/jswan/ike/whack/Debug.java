package org.jswan.ike.whack;

import java.util.ArrayList;
import java.util.List;

/**
 * DBG_* bits (reference §1.10, 2.0x order) and their names as {@code whack --status} prints
 * them ({@code debug raw+crypt+...}). {@link #ALL} is every class except {@link #PRIVATE}.
 */
public final class Debug {
    private Debug() {
    }

    public static final long NONE = 0;
    public static final long RAW = 1L << 0;
    public static final long CRYPT = 1L << 1;
    public static final long PARSING = 1L << 2;
    public static final long EMITTING = 1L << 3;
    public static final long CONTROL = 1L << 4;
    public static final long LIFECYCLE = 1L << 5;
    public static final long KLIPS = 1L << 6;
    public static final long DNS = 1L << 7;
    public static final long OPPO = 1L << 8;
    public static final long CONTROLMORE = 1L << 9;
    public static final long PRIVATE = 1L << 10;
    /** jswan: NAT traversal and DPD decisions. */
    public static final long NATT = 1L << 11;

    public static final long ALL = RAW | CRYPT | PARSING | EMITTING | CONTROL | LIFECYCLE | KLIPS | DNS
            | OPPO | CONTROLMORE | NATT;

    /** Option names without the {@code --debug-} prefix, in bit order. */
    public static final List<String> NAMES = List.of(
            "raw", "crypt", "parsing", "emitting", "control", "lifecycle", "klips", "dns", "oppo",
            "controlmore", "private", "natt");

    /** The bit for a name such as "parsing", or -1. "all" and "none" are handled by callers. */
    public static long bitNamed(String name) {
        int i = NAMES.indexOf(name);
        return i < 0 ? -1 : 1L << i;
    }

    public static String names(long set) {
        if (set == 0) {
            return "none";
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            if ((set & (1L << i)) != 0) {
                out.add(i < NAMES.size() ? NAMES.get(i) : String.format("0x%x", 1L << i));
            }
        }
        return String.join("+", out);
    }
}
