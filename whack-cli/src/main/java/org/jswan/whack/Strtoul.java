package org.jswan.whack;

import java.util.OptionalLong;

/**
 * C's {@code strtoul} for 64-bit {@code unsigned long}, the way whack reads numbers: leading
 * white space, an optional sign (a minus negates modulo 2^64), {@code 0x} for hex and a
 * leading {@code 0} for octal when the base is 0, saturation at ULONG_MAX on overflow. Values
 * come back as a {@code long} holding the unsigned bits.
 */
final class Strtoul {
    private Strtoul() {
    }

    private static final long ULONG_MAX = -1L;

    /**
     * whack's numeric arguments: {@code strtoul(arg, &end, 0)} that must consume every character
     * and at least one digit; empty when it does not ("badly formed numeric argument").
     */
    static OptionalLong whole(String s) {
        Scan r = scan(s, 0);
        return r.digits > 0 && r.end == s.length() ? OptionalLong.of(r.value) : OptionalLong.empty();
    }

    /** {@code strtoul(line, NULL, 10)}: the leading number of a reply line, 0 if none. */
    static long leading(String s) {
        Scan r = scan(s, 10);
        return r.digits > 0 ? r.value : 0;
    }

    private record Scan(long value, int digits, int end) {
    }

    private static Scan scan(String s, int base) {
        int i = 0;
        int n = s.length();
        while (i < n && isSpace(s.charAt(i))) {
            i++;
        }
        boolean negative = false;
        if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            negative = s.charAt(i) == '-';
            i++;
        }
        if (base == 0) {
            if (i + 2 < n && s.charAt(i) == '0' && (s.charAt(i + 1) | 0x20) == 'x'
                    && Character.digit(s.charAt(i + 2), 16) >= 0) {
                base = 16;
                i += 2;
            } else if (i < n && s.charAt(i) == '0') {
                base = 8;
            } else {
                base = 10;
            }
        }
        long value = 0;
        boolean overflow = false;
        int digits = 0;
        for (; i < n; i++) {
            int d = Character.digit(s.charAt(i), base);
            if (d < 0 || s.charAt(i) > 0x7f) {
                break;
            }
            digits++;
            long hi = Math.multiplyHigh(value, base) + ((value >> 63) & base); // unsigned high word
            long lo = value * base;
            long sum = lo + d;
            if (hi != 0 || Long.compareUnsigned(sum, lo) < 0) {
                overflow = true;
            }
            value = sum;
        }
        if (overflow) {
            value = ULONG_MAX;
        } else if (negative) {
            value = -value;
        }
        return new Scan(value, digits, digits == 0 ? 0 : i);
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000b' || c == '\f' || c == '\r';
    }
}
