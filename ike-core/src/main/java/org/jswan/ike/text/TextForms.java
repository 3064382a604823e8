package org.jswan.ike.text;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.jswan.ike.base.Bytes;

/**
 * FreeS/WAN's text forms of binary data, ttodata(3) and datatot(3): the notation of keys and
 * secrets in ipsec.secrets, {@code --pubkeyrsa} and DNS KEY records.
 *
 * <ul>
 *   <li>{@code 0x}/{@code 0X}: hexadecimal, two digits per byte; a single {@code _} between two
 *       two-digit groups is ignored ({@code 0x0123_4567_89ab}).
 *   <li>{@code 0s}/{@code 0S}: base64 as in RFC 2045 §6.8, in four-character groups; the last group
 *       may end in {@code =} or {@code ==}.
 *   <li>{@code 0t}/{@code 0T}: the characters themselves, one byte each.
 * </ul>
 *
 * <p>Errors describe the problem and never repeat the input, because the input is usually a secret
 * (FreeS/WAN's {@code PSK data malformed (%s): <token>} echoed it; reference security A0 row 6).
 */
public final class TextForms {
    /** ttodata base for hexadecimal text without a prefix. */
    public static final int BASE_HEX = 16;
    /** ttodata base for base64 text without a prefix. */
    public static final int BASE_64 = 64;
    /** ttodata base for character text without a prefix. */
    public static final int BASE_TEXT = 256;

    private static final char[] HEX_DIGITS = "0123456789abcdef".toCharArray();
    private static final String B64 =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    private TextForms() {
    }

    /** Converts {@code 0x…}, {@code 0s…} or {@code 0t…} text to bytes (ttodata with base 0). */
    public static Bytes ttodata(String text) throws TextFormException {
        return ttodata(text, 0);
    }

    /**
     * ttodata(3): {@code base} 0 takes the format from the prefix; {@link #BASE_HEX}, {@link
     * #BASE_64} and {@link #BASE_TEXT} name the format of text that carries no prefix.
     */
    public static Bytes ttodata(String text, int base) throws TextFormException {
        if (text.isEmpty()) {
            throw new TextFormException("zero-length input");
        }
        String body = text;
        int b = base;
        if (base == 0) {
            if (text.length() < 2 || text.charAt(0) != '0') {
                throw new TextFormException("unknown or missing prefix (expected 0x, 0s or 0t)");
            }
            switch (Character.toLowerCase(text.charAt(1))) {
                case 'x':
                    b = BASE_HEX;
                    break;
                case 's':
                    b = BASE_64;
                    break;
                case 't':
                    b = BASE_TEXT;
                    break;
                default:
                    throw new TextFormException("unknown or missing prefix (expected 0x, 0s or 0t)");
            }
            body = text.substring(2);
            if (body.isEmpty()) {
                throw new TextFormException("no data after the prefix");
            }
        }
        switch (b) {
            case BASE_HEX:
                return hex(body);
            case BASE_64:
                return base64(body);
            case BASE_TEXT:
                return Bytes.copyOf(bytesOf(body));
            default:
                throw new IllegalArgumentException("unknown ttodata base " + base);
        }
    }

    private static Bytes hex(String s) throws TextFormException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length() / 2);
        int i = 0;
        while (i < s.length()) {
            if (s.charAt(i) == '_') {
                // ttodata(3): a single '_' between consecutive two-digit groups is ignored.
                if (i == 0 || i == s.length() - 1 || s.charAt(i + 1) == '_') {
                    throw new TextFormException("misplaced '_' in hex data");
                }
                i++;
                continue;
            }
            if (i + 1 >= s.length() || s.charAt(i + 1) == '_') {
                throw new TextFormException("incomplete hex digit group (hex digits come in pairs)");
            }
            int hi = Character.digit(s.charAt(i), 16);
            int lo = Character.digit(s.charAt(i + 1), 16);
            if (hi < 0 || lo < 0 || s.charAt(i) > 0x7f || s.charAt(i + 1) > 0x7f) {
                throw new TextFormException("non-hex character in hex data");
            }
            out.write(hi << 4 | lo);
            i += 2;
        }
        return Bytes.copyOf(out.toByteArray());
    }

    private static Bytes base64(String s) throws TextFormException {
        if (s.length() % 4 != 0) {
            throw new TextFormException("incomplete base64 digit group (length not a multiple of 4)");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length() / 4 * 3);
        for (int g = 0; g < s.length(); g += 4) {
            boolean last = g + 4 == s.length();
            int pad = 0;
            int acc = 0;
            for (int k = 0; k < 4; k++) {
                char c = s.charAt(g + k);
                int v;
                if (c == '=') {
                    // RFC 2045 §6.8: '=' only as the last one or two characters of the text.
                    if (!last || k < 2) {
                        throw new TextFormException("misplaced '=' padding in base64 data");
                    }
                    pad++;
                    v = 0;
                } else {
                    v = B64.indexOf(c);
                    if (v < 0 || pad > 0) {
                        throw new TextFormException(v < 0
                                ? "non-base64 character in base64 data"
                                : "misplaced '=' padding in base64 data");
                    }
                }
                acc = acc << 6 | v;
            }
            int bytes = 3 - pad;
            int spare = acc & ((1 << (8 * pad)) - 1);
            if (spare != 0) {
                throw new TextFormException("non-zero padding bits in the last base64 digit group");
            }
            for (int k = 0; k < bytes; k++) {
                out.write(acc >>> (16 - 8 * k) & 0xff);
            }
        }
        return Bytes.copyOf(out.toByteArray());
    }

    /**
     * datatot(3): {@code 'x'} continuous hex with {@code 0x}, {@code 'h'} (and format 0, the
     * default) hex with {@code 0x} and a {@code _} every eight digits, {@code 's'} base64 with
     * {@code 0s}; the values 16 and 64 give hex and base64 without a prefix.
     */
    public static String datatot(Bytes data, char format) {
        if (data.isEmpty()) {
            throw new IllegalArgumentException("datatot: zero-length input");
        }
        switch (format) {
            case 'x':
                return "0x" + data.toHex();
            case 0:
            case 'h':
                return "0x" + groupedHex(data);
            case 16:
                return data.toHex();
            case 's':
                return "0s" + base64(data);
            case 64:
                return base64(data);
            default:
                throw new IllegalArgumentException("datatot: unknown format code " + (int) format);
        }
    }

    private static String groupedHex(Bytes data) {
        StringBuilder sb = new StringBuilder(data.length() * 9 / 4 + 1);
        for (int i = 0; i < data.length(); i++) {
            if (i > 0 && i % 4 == 0) {
                sb.append('_');
            }
            sb.append(HEX_DIGITS[data.get(i) >>> 4]).append(HEX_DIGITS[data.get(i) & 0xf]);
        }
        return sb.toString();
    }

    private static String base64(Bytes data) {
        StringBuilder sb = new StringBuilder((data.length() + 2) / 3 * 4);
        for (int i = 0; i < data.length(); i += 3) {
            int n = Math.min(3, data.length() - i);
            int acc = 0;
            for (int k = 0; k < 3; k++) {
                acc = acc << 8 | (k < n ? data.get(i + k) : 0);
            }
            for (int k = 0; k < 4; k++) {
                sb.append(k <= n ? B64.charAt(acc >>> (18 - 6 * k) & 0x3f) : '=');
            }
        }
        return sb.toString();
    }

    /**
     * The bytes a piece of text stands for: one byte per character when every character fits in
     * eight bits (so text read from a file as ISO-8859-1 keeps the file's exact bytes), otherwise
     * UTF-8.
     */
    public static byte[] bytesOf(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) > 0xff) {
                return text.getBytes(StandardCharsets.UTF_8);
            }
        }
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }
}
