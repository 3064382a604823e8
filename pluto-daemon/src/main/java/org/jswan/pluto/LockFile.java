package org.jswan.pluto;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;

/**
 * pluto's lock file {@code <ctlbase>.pid} (facts §8): created exclusively with mode 0444, so a
 * second pluto on the same ctlbase refuses to start; holds {@code "<pid>\n"}.
 */
final class LockFile implements AutoCloseable {
    /** The exit status when the lock file already exists. */
    static final int EXISTS_STATUS = 10;

    private final Path path;
    private FileChannel channel;

    private LockFile(Path path, FileChannel channel) {
        this.path = path;
        this.channel = channel;
    }

    /**
     * Creates the file ({@code O_WRONLY|O_CREAT|O_EXCL}, mode 0444) and keeps it open for the
     * pid. The mode is on the new file only: the open channel may still write it.
     *
     * @throws UsageException status 10 if it exists, 1 for any other failure
     */
    static LockFile create(Path path) throws UsageException {
        try {
            FileChannel ch = FileChannel.open(path,
                    EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("r--r--r--")));
            return new LockFile(path, ch);
        } catch (FileAlreadyExistsException e) {
            throw new UsageException(EXISTS_STATUS, "pluto: lock file \"" + path + "\" already exists");
        } catch (IOException | UnsupportedOperationException e) {
            throw new UsageException(1, "pluto: unable to create lock file \"" + path + "\" (" + e.getMessage()
                    + ")");
        }
    }

    Path path() {
        return path;
    }

    /** Writes {@code "<pid>\n"} and closes the file. */
    void writePidAndClose(long pid) throws IOException {
        ByteBuffer b = ByteBuffer.wrap((pid + "\n").getBytes(StandardCharsets.US_ASCII));
        try {
            while (b.hasRemaining()) {
                channel.write(b);
            }
            channel.force(false);
        } finally {
            close();
        }
    }

    @Override
    public void close() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // nothing more can be done about a lock file we cannot close
            }
            channel = null;
        }
    }

    /** Closes and deletes the file; quiet if it is already gone. */
    void remove() {
        close();
        deleteQuietly(path);
    }

    static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            // best effort at exit
        }
    }
}
