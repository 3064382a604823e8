package org.jswan.ike.secrets;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Filename expansion with sh(1) rules, as glob(3) did it for pluto: {@code *}, {@code ?} and
 * {@code [...]} (with {@code !} or {@code ^} to negate, ranges with {@code -}) within one path
 * component, {@code \} to quote; a leading '.' of a name must be matched explicitly. The result
 * holds existing paths only, sorted.
 */
final class Glob {
    private Glob() {
    }

    static List<String> expand(String pattern, SecretsFileSystem fs) {
        if (!hasMeta(pattern)) {
            String plain = unquote(pattern);
            return fs.exists(plain) ? List.of(plain) : List.of();
        }
        boolean absolute = pattern.startsWith("/");
        String[] parts = pattern.split("/+");
        List<String> prefixes = List.of(absolute ? "/" : "");
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            if (part.isEmpty()) {
                continue;
            }
            boolean last = i == parts.length - 1;
            List<String> next = new ArrayList<>();
            for (String prefix : prefixes) {
                if (!hasMeta(part)) {
                    next.add(prefix + unquote(part) + (last ? "" : "/"));
                    continue;
                }
                List<String> names;
                try {
                    names = fs.list(prefix.isEmpty() ? "." : prefix);
                } catch (IOException | RuntimeException e) {
                    continue;
                }
                Pattern re = toRegex(part);
                for (String name : new TreeSet<>(names)) {
                    if (matches(part, re, name)) {
                        next.add(prefix + name + (last ? "" : "/"));
                    }
                }
            }
            prefixes = next;
        }
        TreeSet<String> out = new TreeSet<>();
        for (String p : prefixes) {
            String path = p.endsWith("/") && p.length() > 1 ? p.substring(0, p.length() - 1) : p;
            if (fs.exists(path)) {
                out.add(path);
            }
        }
        return List.copyOf(out);
    }

    static boolean hasMeta(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '*' || c == '?' || c == '[') {
                return true;
            }
        }
        return false;
    }

    private static String unquote(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                c = s.charAt(++i);
            }
            sb.append(c);
        }
        return sb.toString();
    }

    private static boolean matches(String part, Pattern re, String name) {
        if (name.startsWith(".") && !(part.startsWith(".") || part.startsWith("\\."))) {
            return false;
        }
        return re.matcher(name).matches();
    }

    /** One path component of an sh pattern as a regular expression. */
    static Pattern toRegex(String part) {
        StringBuilder re = new StringBuilder();
        int i = 0;
        while (i < part.length()) {
            char c = part.charAt(i);
            if (c == '\\' && i + 1 < part.length()) {
                re.append(Pattern.quote(String.valueOf(part.charAt(i + 1))));
                i += 2;
            } else if (c == '*') {
                re.append(".*");
                i++;
            } else if (c == '?') {
                re.append('.');
                i++;
            } else if (c == '[') {
                int end = bracketEnd(part, i);
                if (end < 0) {
                    re.append("\\[");
                    i++;
                } else {
                    re.append(bracket(part.substring(i + 1, end)));
                    i = end + 1;
                }
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
                i++;
            }
        }
        return Pattern.compile(re.toString(), Pattern.DOTALL);
    }

    /** Index of the ']' closing the bracket expression at {@code open}, or -1. */
    private static int bracketEnd(String s, int open) {
        int j = open + 1;
        if (j < s.length() && (s.charAt(j) == '!' || s.charAt(j) == '^')) {
            j++;
        }
        if (j < s.length() && s.charAt(j) == ']') {
            j++; // a ']' first in the list is literal
        }
        for (; j < s.length(); j++) {
            if (s.charAt(j) == ']') {
                return j;
            }
        }
        return -1;
    }

    private static String bracket(String body) {
        StringBuilder sb = new StringBuilder("[");
        int i = 0;
        if (!body.isEmpty() && (body.charAt(0) == '!' || body.charAt(0) == '^')) {
            sb.append('^');
            i = 1;
        }
        for (; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '-' && i > 0 && i + 1 < body.length() && sb.length() > 1 && sb.charAt(sb.length() - 1) != '^') {
                sb.append('-');
            } else {
                sb.append(Character.isLetterOrDigit(c) ? String.valueOf(c) : "\\" + c);
            }
        }
        return sb.append(']').toString();
    }
}
