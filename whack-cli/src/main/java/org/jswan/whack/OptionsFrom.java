package org.jswan.whack;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code --optionsfrom file} (optionsfrom(3), reference §1.8): the file's arguments go into the
 * command line right after the option. Per line, after leading blanks: an empty line or one
 * starting with {@code #} is skipped; a line starting with {@code -} is split on blanks into
 * several arguments; any other line is one argument, with one pair of enclosing double quotes
 * removed and nothing else interpreted. Lines hold at most 1023 characters. Failures exit 2.
 */
final class OptionsFrom {
    /** optionsfrom(3) gives up after this many calls in one run: a file including itself. */
    static final int MAX_CALLS = 100;
    private static final int MAX_LINE = 1023;

    private int calls;

    /** The arguments of {@code file}, counting the call against the loop limit. */
    List<String> read(String file) throws WhackExit {
        calls++;
        if (calls > MAX_CALLS) {
            throw WhackExit.error(2, "whack: optionsfrom called " + calls + " times, looping?");
        }
        BufferedReader in;
        try {
            // Undecodable bytes become U+FFFD rather than failing the whole file.
            in = new BufferedReader(new InputStreamReader(Files.newInputStream(Path.of(file)),
                    StandardCharsets.UTF_8));
        } catch (IOException | InvalidPathException e) {
            throw failed("unable to open file");
        }
        List<String> out = new ArrayList<>();
        try (in) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.length() > MAX_LINE) {
                    throw failed("line too long");
                }
                addLine(line, out);
            }
        } catch (IOException e) {
            throw failed("error in line read");
        }
        return out;
    }

    static void addLine(String line, List<String> out) {
        String p = stripLeadingBlanks(line);
        if (p.isEmpty() || p.charAt(0) == '#') {
            return;
        }
        if (p.charAt(0) == '-') {
            for (String word : p.split("[ \t]+")) {
                if (!word.isEmpty()) {
                    out.add(word);
                }
            }
            return;
        }
        if (p.length() >= 2 && p.charAt(0) == '"' && p.charAt(p.length() - 1) == '"') {
            p = p.substring(1, p.length() - 1);
        }
        out.add(p);
    }

    private static String stripLeadingBlanks(String s) {
        int i = 0;
        while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
            i++;
        }
        String rest = s.substring(i);
        // A blank-only line counts as empty.
        return rest.isBlank() ? "" : rest;
    }

    private static WhackExit failed(String why) {
        return WhackExit.error(2, "whack: optionsfrom failed: " + why);
    }
}
