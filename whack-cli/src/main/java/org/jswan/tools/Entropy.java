package org.jswan.tools;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;

/**
 * Where {@code ipsec rsasigkey} gets the random bits of its primes: the JDK's {@link SecureRandom}
 * (the default), or the bytes of a file or device, read in order ({@code --random FILE}).
 *
 * <p>FreeS/WAN: read {@code /dev/random} by default; jswan: the JDK's SecureRandom, which on
 * Linux is seeded from the kernel's generator and does not block once that is initialised.
 */
interface Entropy extends AutoCloseable {
    /** Fills {@code out} with random bytes. */
    void fill(byte[] out) throws IOException;

    /** The source, as the tool names it in {@code --verbose} lines and errors. */
    String describe();

    @Override
    default void close() throws IOException {
    }

    static Entropy secureRandom() {
        SecureRandom r = new SecureRandom();
        return new Entropy() {
            @Override
            public void fill(byte[] out) {
                r.nextBytes(out);
            }

            @Override
            public String describe() {
                return "the JDK's SecureRandom (" + r.getAlgorithm() + ")";
            }
        };
    }

    /** The bytes of {@code file}, from its start; running out of them is an error. */
    static Entropy file(Path file) throws IOException {
        InputStream in = Files.newInputStream(file);
        return new Entropy() {
            @Override
            public void fill(byte[] out) throws IOException {
                int got = in.readNBytes(out, 0, out.length);
                if (got < out.length) {
                    throw new IOException("not enough random data in \"" + file + "\" (end of file)");
                }
            }

            @Override
            public String describe() {
                return "\"" + file + "\"";
            }

            @Override
            public void close() throws IOException {
                in.close();
            }
        };
    }
}
