package org.jswan.ike.whack;

import java.util.ArrayList;
import java.util.List;

/**
 * POLICY_* bits of FreeS/WAN 2.0x ({@code lset_t}, reference §1.9), carried in
 * {@link WhackMessage#policy()} and kept by each connection. jswan's own bits start at 20.
 */
public final class Policy {
    private Policy() {
    }

    public static final long PSK = 1L << 0;
    public static final long RSASIG = 1L << 1;
    public static final long ENCRYPT = 1L << 2;
    public static final long AUTHENTICATE = 1L << 3;
    public static final long COMPRESS = 1L << 4;
    public static final long TUNNEL = 1L << 5;
    public static final long PFS = 1L << 6;
    public static final long DISABLEARRIVALCHECK = 1L << 7;
    public static final long SHUNT0 = 1L << 8;
    public static final long SHUNT1 = 1L << 9;
    public static final long FAILSHUNT0 = 1L << 10;
    public static final long FAILSHUNT1 = 1L << 11;
    public static final long DONT_REKEY = 1L << 12;
    public static final long OPPO = 1L << 13;
    public static final long GROUP = 1L << 14;
    public static final long GROUTED = 1L << 15;
    public static final long UP = 1L << 16;
    /** jswan: fake NAT so ESP is UDP-encapsulated (whack {@code --forceencaps}). */
    public static final long FORCEENCAPS = 1L << 20;

    public static final int SHUNT_SHIFT = 8;
    public static final long SHUNT_MASK = SHUNT0 | SHUNT1;
    public static final int FAIL_SHIFT = 10;
    public static final long FAIL_MASK = FAILSHUNT0 | FAILSHUNT1;
    public static final long SHUNT_TRAP = 0;
    public static final long SHUNT_PASS = 1;
    public static final long SHUNT_DROP = 2;
    public static final long SHUNT_REJECT = 3;

    public static final long ID_AUTH_MASK = PSK | RSASIG;
    public static final long IPSEC_MASK = ENCRYPT | AUTHENTICATE | COMPRESS | TUNNEL | PFS | DISABLEARRIVALCHECK;

    public static boolean hasIpsecPolicy(long p) {
        return (p & (ENCRYPT | AUTHENTICATE | COMPRESS | PFS)) != 0;
    }

    public static boolean neverNegotiate(long p) {
        return (p & ID_AUTH_MASK) == 0;
    }

    private static final String[] NAMES = {
        "PSK", "RSASIG", "ENCRYPT", "AUTHENTICATE", "COMPRESS", "TUNNEL", "PFS",
        "DISABLEARRIVALCHECK", "SHUNT0", "SHUNT1", "FAILSHUNT0", "FAILSHUNT1", "DONTREKEY",
        "OPPORTUNISTIC", "GROUP", "GROUTED", "UP", null, null, null, "FORCEENCAPS",
    };

    /**
     * pluto's {@code prettypolicy()}: bit names joined by '+', shunt and failure shunt spelled
     * out, {@code +NEVER_NEGOTIATE} for connections without PSK or RSASIG; "none" when empty.
     */
    public static String pretty(long p) {
        List<String> parts = new ArrayList<>();
        long rest = p & ~(SHUNT_MASK | FAIL_MASK);
        for (int bit = 0; bit < 64; bit++) {
            long m = 1L << bit;
            if ((rest & m) == 0) {
                continue;
            }
            String n = bit < NAMES.length ? NAMES[bit] : null;
            parts.add(n != null ? n : String.format("0x%x", m));
        }
        String s = String.join("+", parts);
        long shunt = (p & SHUNT_MASK) >>> SHUNT_SHIFT;
        long fail = (p & FAIL_MASK) >>> FAIL_SHIFT;
        String[] shuntNames = {"", "PASS", "DROP", "REJECT"};
        if (shunt != 0) {
            s = s + (s.isEmpty() ? "" : "+") + shuntNames[(int) shunt];
        }
        if (fail != 0) {
            s = s + (s.isEmpty() ? "" : "+") + "failure" + shuntNames[(int) fail];
        }
        if (neverNegotiate(p)) {
            s = s + (s.isEmpty() ? "" : "+") + "NEVER_NEGOTIATE";
        }
        return s.isEmpty() ? "none" : s;
    }
}
