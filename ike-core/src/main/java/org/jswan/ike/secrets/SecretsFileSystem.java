package org.jswan.ike.secrets;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The few file operations reading ipsec.secrets needs: list a directory (for globbing), test that
 * a path exists, read a file. {@link #local()} is the machine's file system through java.nio;
 * tests or a daemon with extra checks (ownership, permissions) can supply another.
 */
public interface SecretsFileSystem {
    /** Largest file read; a bigger one (or a device such as /dev/zero) is refused. */
    int MAX_FILE_BYTES = 4 << 20;

    /** The names (not paths) of the entries of a directory. */
    List<String> list(String directory) throws IOException;

    boolean exists(String path);

    /** The whole file, at most {@link #MAX_FILE_BYTES}. */
    byte[] read(String path) throws IOException;

    /** The local file system; relative paths are relative to the process's working directory. */
    static SecretsFileSystem local() {
        return new SecretsFileSystem() {
            @Override
            public List<String> list(String directory) throws IOException {
                List<String> names = new ArrayList<>();
                try (Stream<Path> s = Files.list(path(directory))) {
                    s.forEach(p -> names.add(p.getFileName().toString()));
                }
                return names;
            }

            @Override
            public boolean exists(String p) {
                try {
                    return Files.exists(path(p));
                } catch (IOException e) {
                    return false;
                }
            }

            @Override
            public byte[] read(String p) throws IOException {
                try (InputStream in = Files.newInputStream(path(p))) {
                    byte[] b = in.readNBytes(MAX_FILE_BYTES + 1);
                    if (b.length > MAX_FILE_BYTES) {
                        throw new IOException("file larger than " + MAX_FILE_BYTES + " bytes");
                    }
                    return b;
                }
            }

            private Path path(String p) throws IOException {
                try {
                    return Path.of(p);
                } catch (InvalidPathException e) {
                    throw new IOException("invalid path");
                }
            }
        };
    }
}
