package org.jswan.pluto;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the arguments an {@code --optionsfrom} file holds (optionsfrom(3), facts §1.8).
 *
 * <ul>
 * <li>blank lines and lines whose first non-blank is {@code #} are skipped;
 * <li>a line starting with {@code -} is split on white space into several arguments;
 * <li>any other line is one argument, with one pair of enclosing double quotes removed.
 * </ul>
 * Leading and trailing white space of a line is ignored.
 * Lines are limited to 1023 bytes, as in the original.
 */
final class OptionsFile {
    static final int MAX_LINE_BYTES = 1023;

    private OptionsFile() {
    }

    /** @throws UsageException with status 2 when the file cannot be read or a line is too long */
    static List<String> read(String file) throws UsageException {
        List<String> out = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(Path.of(file), StandardCharsets.UTF_8)) {
            String line;
            int lineNo = 0;
            while ((line = r.readLine()) != null) {
                lineNo++;
                if (line.getBytes(StandardCharsets.UTF_8).length > MAX_LINE_BYTES) {
                    throw new UsageException(2, "pluto: optionsfrom failed: line " + lineNo + " of \""
                            + file + "\" is longer than " + MAX_LINE_BYTES + " bytes");
                }
                addLine(line, out);
            }
        } catch (IOException e) {
            throw new UsageException(2, "pluto: optionsfrom failed: unable to read \"" + file + "\" ("
                    + describe(e) + ")");
        }
        return out;
    }

    private static void addLine(String line, List<String> out) {
        String t = line.strip();
        if (t.isEmpty() || t.startsWith("#")) {
            return;
        }
        if (t.startsWith("-")) {
            for (String word : t.split("\\s+")) {
                out.add(word);
            }
            return;
        }
        if (t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"")) {
            out.add(t.substring(1, t.length() - 1));
        } else {
            out.add(t);
        }
    }

    private static String describe(IOException e) {
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
