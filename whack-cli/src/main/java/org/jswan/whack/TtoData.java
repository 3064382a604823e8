package org.jswan.whack;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * ttodata(3) with base 0, as {@code --pubkeyrsa} uses it: the prefix picks the notation —
 * {@code 0x} hex (digits in pairs, {@code _} allowed between them), {@code 0s} base 64,
 * {@code 0t} the text itself. Failures are {@link IllegalArgumentException}s whose message is
 * the short reason; whack wraps it without ever echoing the key.
 */
final class TtoData {
    private TtoData() {
    }

    /** whack's key buffer: 1024 + 4 bytes, "room for 8K bit key". */
    static final int MAX_BYTES = 1024 + 4;

    static byte[] decode(String text) {
        if (text.length() < 2 || text.charAt(0) != '0') {
            throw new IllegalArgumentException("unknown format prefix");
        }
        String body = text.substring(2);
        byte[] out;
        switch (text.charAt(1)) {
            case 'x':
            case 'X':
                out = hex(body);
                break;
            case 's':
            case 'S':
                out = base64(body);
                break;
            case 't':
            case 'T':
                out = body.getBytes(StandardCharsets.UTF_8);
                break;
            default:
                throw new IllegalArgumentException("unknown format prefix");
        }
        if (out.length == 0) {
            throw new IllegalArgumentException("no data after the format prefix");
        }
        if (out.length > MAX_BYTES) {
            throw new IllegalArgumentException("data too long, more than " + MAX_BYTES + " bytes");
        }
        return out;
    }

    private static byte[] hex(String body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int pending = -1;
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '_') {
                if (pending >= 0) {
                    throw new IllegalArgumentException("'_' inside a hex byte");
                }
                continue;
            }
            int d = c < 0x80 ? Character.digit(c, 16) : -1;
            if (d < 0) {
                throw new IllegalArgumentException("non-hex character in hex data");
            }
            if (pending < 0) {
                pending = d;
            } else {
                out.write(pending << 4 | d);
                pending = -1;
            }
        }
        if (pending >= 0) {
            throw new IllegalArgumentException("odd number of hex digits");
        }
        return out.toByteArray();
    }

    private static final String B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    private static byte[] base64(String body) {
        if (body.length() % 4 != 0) {
            throw new IllegalArgumentException("base64 data not a multiple of 4 characters");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int q = 0; q < body.length(); q += 4) {
            boolean last = q + 4 == body.length();
            int pad = 0;
            int acc = 0;
            for (int k = 0; k < 4; k++) {
                char c = body.charAt(q + k);
                int v;
                if (c == '=' && last && k >= 2) {
                    pad++;
                    v = 0;
                } else if (pad > 0 || c == '=') {
                    throw new IllegalArgumentException("misplaced base64 padding");
                } else {
                    v = B64.indexOf(c);
                    if (v < 0) {
                        throw new IllegalArgumentException("non-base64 character in base64 data");
                    }
                }
                acc = acc << 6 | v;
            }
            out.write(acc >>> 16);
            if (pad < 2) {
                out.write(acc >>> 8 & 0xff);
            }
            if (pad < 1) {
                out.write(acc & 0xff);
            }
        }
        return out.toByteArray();
    }
}
