package org.jswan.pluto;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * One reply line to whack, as pluto's {@code whack_log} writes it (facts §1.6):
 * {@code "%03d "} + text + {@code "\n"}, where each byte of the text's UTF-8 form that is not
 * printable ASCII, and each backslash, is rewritten as {@code \ooo} (three octal digits), and the
 * whole line including its newline is at most {@link #MAX_LINE} bytes (longer text is cut, never
 * in the middle of an escape).
 */
final class WhackLineFormat {
    static final int MAX_LINE = 1024;

    private WhackLineFormat() {
    }

    static byte[] encode(int rc, String text) {
        byte[] prefix = String.format("%03d ", rc).getBytes(StandardCharsets.US_ASCII);
        int room = MAX_LINE - prefix.length - 1;
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(MAX_LINE, prefix.length + text.length() + 1));
        out.write(prefix, 0, prefix.length);
        int used = 0;
        for (byte raw : (text == null ? "" : text).getBytes(StandardCharsets.UTF_8)) {
            int c = raw & 0xff;
            boolean plain = c >= 0x20 && c < 0x7f && c != '\\';
            int need = plain ? 1 : 4;
            if (used + need > room) {
                break;
            }
            if (plain) {
                out.write(c);
            } else {
                out.write('\\');
                out.write('0' + ((c >> 6) & 7));
                out.write('0' + ((c >> 3) & 7));
                out.write('0' + (c & 7));
            }
            used += need;
        }
        out.write('\n');
        return out.toByteArray();
    }
}
