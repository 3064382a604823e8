package org.jswan.klips.pfkey;

import java.util.HexFormat;

/** Golden hex as the tests write it: {@code #} starts a comment, whitespace and {@code |} are ignored. */
final class Hex {
    private Hex() {
    }

    static byte[] parse(String annotated) {
        StringBuilder sb = new StringBuilder();
        for (String line : annotated.split("\n")) {
            int hash = line.indexOf('#');
            String data = hash >= 0 ? line.substring(0, hash) : line;
            for (char c : data.toCharArray()) {
                if (Character.digit(c, 16) >= 0) {
                    sb.append(c);
                } else if (!Character.isWhitespace(c) && c != '|') {
                    throw new IllegalArgumentException("not hex: '" + c + "' in " + line);
                }
            }
        }
        return HexFormat.of().parseHex(sb);
    }

    static String of(byte[] b) {
        return HexFormat.of().formatHex(b);
    }
}
