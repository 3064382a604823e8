package org.jswan.ike.secrets;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jswan.ike.conn.Resolver;
import org.jswan.ike.engine.Input;
import org.jswan.ike.whack.Rc;

/**
 * Reads ipsec.secrets as pluto's {@code load_preshared_secrets} did: the {@code --secretsfile}
 * name is a glob (sh(1) rules) and every matching file is read, in sorted order; {@code include}
 * directives are globbed too, relative names being taken from the including file's directory,
 * nested at most ten deep. Names used as indices are resolved through the {@link Resolver}.
 *
 * <p>The result carries, in order, the lines pluto logged: RC 2 {@code loading secrets from
 * "file"} for each file, RC 3 {@code "file" line n: problem} for each bad record (which is
 * skipped; the rest still loads), and RC 3 notes for patterns that match nothing and files that
 * cannot be read. None of them contains key text.
 */
public final class SecretsLoader {
    /** ipsec.secrets(5): includes nest to a depth of ten. */
    public static final int MAX_INCLUDE_DEPTH = 10;

    private final Resolver resolver;
    private final SecretsFileSystem fs;

    public SecretsLoader(Resolver resolver) {
        this(resolver, SecretsFileSystem.local());
    }

    public SecretsLoader(Resolver resolver, SecretsFileSystem fs) {
        this.resolver = Objects.requireNonNull(resolver);
        this.fs = Objects.requireNonNull(fs);
    }

    /** Reads everything {@code pattern} names (pluto's default is {@code /etc/ipsec.secrets}). */
    public Input.SecretsLoad load(String pattern) {
        Session s = new Session();
        s.file(pattern, 0);
        return new Input.SecretsLoad(SecretsTable.of(s.entries), List.copyOf(s.notes));
    }

    /** The state of one load: what has been found and said so far. */
    private final class Session {
        final List<SecretEntry> entries = new ArrayList<>();
        final List<Input.LogNote> notes = new ArrayList<>();

        void note(Rc rc, String text) {
            notes.add(new Input.LogNote(rc.code(), text));
        }

        void file(String pattern, int depth) {
            if (depth > MAX_INCLUDE_DEPTH) {
                note(Rc.LOG_SERIOUS, "preshared secrets file \"" + pattern + "\" nested too deeply");
                return;
            }
            List<String> files = Glob.expand(pattern, fs);
            if (files.isEmpty()) {
                note(Rc.LOG_SERIOUS, "no secrets filename matched \"" + pattern + "\"");
                return;
            }
            for (String f : files) {
                byte[] content;
                try {
                    content = fs.read(f);
                } catch (IOException | RuntimeException e) {
                    note(Rc.LOG_SERIOUS, "could not open \"" + f + "\"" + reason(e));
                    continue;
                }
                note(Rc.LOG, "loading secrets from \"" + f + "\"");
                parse(f, new String(content, StandardCharsets.ISO_8859_1), depth);
            }
        }

        private void parse(String f, String content, int depth) {
            new SecretsParser(f, resolver, new SecretsParser.Sink() {
                @Override
                public void entry(SecretEntry e) {
                    entries.add(e);
                }

                @Override
                public void problem(int line, String text) {
                    note(Rc.LOG_SERIOUS, "\"" + f + "\" line " + line + ": " + text);
                }

                @Override
                public void include(String pattern, int line) {
                    file(relativeTo(f, pattern), depth + 1);
                }
            }).parse(content);
        }
    }

    /** A relative include name is taken from the directory of the including file. */
    static String relativeTo(String includingFile, String name) {
        int slash = includingFile.lastIndexOf('/');
        if (name.startsWith("/") || slash < 0) {
            return name;
        }
        return includingFile.substring(0, slash + 1) + name;
    }

    private static String reason(Exception e) {
        if (e instanceof java.nio.file.NoSuchFileException) {
            return ": no such file";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return ": permission denied";
        }
        String m = e instanceof java.nio.file.FileSystemException fse ? fse.getReason() : e.getMessage();
        return m == null || m.isEmpty() ? "" : ": " + m;
    }
}
