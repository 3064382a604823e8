package org.jswan.tools;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/** Runs a tool in-process and keeps its exit status, standard output and standard error. */
record ToolRun(int status, String out, String err) {
    /** The fixed time of the tests' keys: ctime prints it as {@code Tue Mar  4 05:06:07 2003}. */
    static final ZonedDateTime WHEN = ZonedDateTime.of(2003, 3, 4, 5, 6, 7, 0, ZoneOffset.UTC);

    interface Tool {
        int run(PrintStream out, PrintStream err);
    }

    static ToolRun of(Tool tool) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int status = tool.run(new PrintStream(o, true, StandardCharsets.UTF_8), new PrintStream(e, true, StandardCharsets.UTF_8));
        return new ToolRun(status, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
    }

    /** ipsec rsasigkey at the fixed time, host "test.example", SecureRandom unless --random. */
    static ToolRun rsasigkey(String... args) {
        RsaSigKey.Environment env = new RsaSigKey.Environment(() -> WHEN, () -> "test.example", Entropy::secureRandom);
        return of((out, err) -> RsaSigKey.run(args, out, err, env));
    }

    /** A file of {@code n} reproducible "random" bytes: SHA-256 in counter mode over the seed. */
    static Path randomFile(Path dir, String seed, int n) throws IOException {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            for (int i = 0; b.size() < n; i++) {
                sha.update(seed.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) (i >>> 24));
                sha.update((byte) (i >>> 16));
                sha.update((byte) (i >>> 8));
                sha.update((byte) i);
                b.write(sha.digest());
            }
            Path p = dir.resolve("random-" + seed);
            Files.write(p, java.util.Arrays.copyOf(b.toByteArray(), n));
            return p;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** rsasigkey's output made a record of ipsec.secrets, optionally with indices. */
    static String secretsRecord(String indices, String rsasigkeyOutput) {
        return (indices.isEmpty() ? "" : indices + " ") + ": RSA {\n" + rsasigkeyOutput + "\t}\n";
    }
}
