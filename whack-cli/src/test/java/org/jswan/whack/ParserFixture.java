package org.jswan.whack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import org.jswan.ike.whack.WhackMessage;

/** Runs whack's parser on a command line written as one string (split on blanks). */
final class ParserFixture {
    private ParserFixture() {
    }

    static List<String> words(String cmdline) {
        return cmdline.isBlank() ? List.of() : Arrays.asList(cmdline.trim().split("\\s+"));
    }

    static WhackParser.Request request(List<String> args) {
        try {
            return WhackParser.parse(args, "test");
        } catch (WhackExit e) {
            throw new AssertionError("unexpected exit " + e.status + ": " + e.stderr + e.stdout);
        }
    }

    static WhackMessage parse(String cmdline) {
        return request(words(cmdline)).message();
    }

    static WhackExit exit(List<String> args) {
        return assertThrows(WhackExit.class, () -> WhackParser.parse(args, "test"));
    }

    /** The one stderr line of a failing command line, checking the status is {@code status}. */
    static String error(int status, List<String> args) {
        WhackExit e = exit(args);
        assertEquals(status, e.status, e.stderr);
        assertEquals("", e.stdout);
        String s = e.stderr;
        assertEquals(s.length() - 1, s.indexOf('\n'), "exactly one line, ending in a newline: " + s);
        return s.substring(0, s.length() - 1);
    }

    static String error(String cmdline) {
        return error(1, words(cmdline));
    }
}
