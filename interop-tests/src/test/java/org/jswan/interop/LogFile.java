package org.jswan.interop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * A log file a daemon appends to (charon's filelog, pluto's stderr), read from a mark: each test
 * {@link #mark()}s where it starts and looks only at what was written after that.
 */
final class LogFile {
    private final Path path;

    LogFile(Path path) {
        this.path = path;
    }

    Path path() {
        return path;
    }

    /** The current end of the file, as a position to read {@link #since} from. */
    long mark() {
        try {
            return Files.exists(path) ? Files.size(path) : 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<String> all() {
        return since(0);
    }

    /** The complete lines written after {@code mark}. */
    List<String> since(long mark) {
        try {
            if (!Files.exists(path)) {
                return List.of();
            }
            byte[] b = Files.readAllBytes(path);
            if (mark > b.length) {
                mark = 0; // truncated or replaced
            }
            String s = new String(b, (int) mark, b.length - (int) mark, StandardCharsets.UTF_8);
            int lastNl = s.lastIndexOf('\n');
            return lastNl < 0 ? List.of() : s.substring(0, lastNl).lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The last {@code n} lines, for failure reports. */
    List<String> tail(int n) {
        List<String> all = all();
        return all.subList(Math.max(0, all.size() - n), all.size());
    }

    /** The first line after {@code mark} that matches, waiting for it (bounded). */
    Optional<String> await(long mark, Duration timeout, Predicate<String> match) {
        return Wait.poll(timeout, () -> since(mark).stream().filter(match).findFirst());
    }

    Optional<String> await(long mark, Duration timeout, Pattern p) {
        return await(mark, timeout, l -> p.matcher(l).find());
    }

    /** Lines after {@code mark} containing {@code text}. */
    List<String> grep(long mark, String text) {
        return since(mark).stream().filter(l -> l.contains(text)).toList();
    }

    @Override
    public String toString() {
        return path.toString();
    }
}
