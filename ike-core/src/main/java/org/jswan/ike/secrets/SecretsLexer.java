package org.jswan.ike.secrets;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits an ipsec.secrets file into tokens, the way pluto's {@code shift()} saw them:
 *
 * <ul>
 *   <li>a token in the first column of a line starts a record; later lines of a record are
 *       indented;
 *   <li>tokens are separated by whitespace; trailing whitespace of a line is ignored;
 *   <li>{@code #} at the start of a line or of a token begins a comment to the end of the line;
 *   <li>{@code "…"} and {@code '…'} are one token each (no escapes, not across lines);
 *   <li>a token starting with {@code 0t} runs to the end of the line (spaces and {@code #}
 *       included);
 *   <li>a trailing {@code :} on a longer token is a token of its own.
 * </ul>
 *
 * The file is read as ISO-8859-1 so that a quoted secret keeps its exact bytes.
 */
final class SecretsLexer {
    /** One token; {@code error} is set (and the text meaningless) for an unterminated string. */
    record Token(String text, int line, boolean startsRecord, boolean quoted, String error) {
        boolean is(String word) {
            return !quoted && error == null && text.equals(word);
        }

        boolean isWord(String word) {
            return !quoted && error == null && text.equalsIgnoreCase(word);
        }

        /** The characters between the quotes of a quoted token. */
        String unquoted() {
            return text.substring(1, text.length() - 1);
        }

        @Override
        public String toString() {
            return "Token[line " + line + "]"; // never the text: it may be a secret
        }
    }

    private SecretsLexer() {
    }

    static List<Token> tokens(String content) {
        List<Token> out = new ArrayList<>();
        String[] lines = content.split("\n", -1);
        for (int ln = 0; ln < lines.length; ln++) {
            line(stripTrailing(lines[ln]), ln + 1, out);
        }
        return out;
    }

    private static void line(String s, int lineNo, List<Token> out) {
        int pos = 0;
        int n = s.length();
        while (pos < n) {
            char c = s.charAt(pos);
            if (isSpace(c)) {
                pos++;
                continue;
            }
            if (c == '#') {
                return;
            }
            boolean first = pos == 0;
            if (c == '"' || c == '\'') {
                int close = s.indexOf(c, pos + 1);
                if (close < 0) {
                    out.add(new Token("", lineNo, first, true, "unterminated string"));
                    return;
                }
                out.add(new Token(s.substring(pos, close + 1), lineNo, first, true, null));
                pos = close + 1;
                continue;
            }
            if (c == '0' && pos + 1 < n && (s.charAt(pos + 1) == 't' || s.charAt(pos + 1) == 'T')) {
                out.add(new Token(s.substring(pos), lineNo, first, false, null));
                return;
            }
            int end = pos;
            while (end < n && !isSpace(s.charAt(end))) {
                end++;
            }
            String tok = s.substring(pos, end);
            if (tok.length() > 1 && tok.endsWith(":")) {
                out.add(new Token(tok.substring(0, tok.length() - 1), lineNo, first, false, null));
                out.add(new Token(":", lineNo, false, false, null));
            } else {
                out.add(new Token(tok, lineNo, first, false, null));
            }
            pos = end;
        }
    }

    private static String stripTrailing(String s) {
        int end = s.length();
        while (end > 0 && isSpace(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(0, end);
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\u000b';
    }
}
