package org.jswan.whack;

import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AccessMode;
import java.nio.file.FileSystemException;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.jswan.ike.whack.Rc;

/**
 * whack's half of the control socket (reference §1.1, §1.6): check access to
 * {@code <ctlbase>.ctl}, connect (AF_UNIX, SOCK_STREAM), write the message in one go, then copy
 * every reply line to stdout until pluto closes, answering its 040/041 prompts on the same
 * socket. The exit status is the code of the last line that is neither a comment (000) nor a
 * log copy (002), success (004) counting as 0.
 */
final class WhackClient {
    /** whack's reply buffer holds 4096 bytes of a line before it gives up on it. */
    static final int MAX_LINE = 4096;

    private final PrintStream out;
    private final PrintStream err;
    private final Prompter prompter;
    private String xauthUser;
    private String xauthPass;

    WhackClient(PrintStream out, PrintStream err, Prompter prompter, String xauthUser, String xauthPass) {
        this.out = out;
        this.err = err;
        this.prompter = prompter;
        this.xauthUser = xauthUser;
        this.xauthPass = xauthPass;
    }

    /** Sends {@code message} to the pluto behind {@code ctlPath}; returns whack's exit status. */
    int send(String ctlPath, byte[] message) {
        String refusal = accessProblem(ctlPath);
        if (refusal != null) {
            return fail(refusal);
        }
        SocketChannel ch;
        try {
            ch = SocketChannel.open(StandardProtocolFamily.UNIX);
        } catch (IOException e) {
            return fail("whack: socket() failed (" + reason(e) + ")");
        }
        try (ch) {
            try {
                ch.connect(UnixDomainSocketAddress.of(ctlPath));
            } catch (IOException | InvalidPathException e) {
                boolean refused = e instanceof ConnectException || reason(e).contains("Connection refused");
                return fail("whack:" + (refused ? " is Pluto running? " : "") + " connect() for \""
                        + ctlPath + "\" failed (" + (refused ? "111 Connection refused" : reason(e)) + ")");
            }
            try {
                ByteBuffer b = ByteBuffer.wrap(message);
                while (b.hasRemaining()) {
                    ch.write(b);
                }
            } catch (IOException e) {
                return fail("whack: write() failed (" + reason(e) + ")");
            }
            return replies(ch);
        } catch (IOException e) {
            return fail("whack: read() failed (" + reason(e) + ")");
        }
    }

    /**
     * access(path, R_OK|W_OK) with whack's three texts; null when pluto may be spoken to.
     * The JDK's access check uses access(2) itself.
     */
    static String accessProblem(String ctlPath) {
        try {
            Path p = Path.of(ctlPath);
            p.getFileSystem().provider().checkAccess(p, AccessMode.READ, AccessMode.WRITE);
            return null;
        } catch (IOException | InvalidPathException e) {
            return accessText(ctlPath, e);
        }
    }

    static String accessText(String ctlPath, Exception e) {
        if (e instanceof NoSuchFileException) {
            return "whack: Pluto is not running (no \"" + ctlPath + "\")";
        }
        if (e instanceof AccessDeniedException) {
            return "whack: no right to communicate with pluto (access(\"" + ctlPath + "\"))";
        }
        return "whack: access(\"" + ctlPath + "\") failed with " + reason(e);
    }

    private static String reason(Exception e) {
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    private int fail(String line) {
        err.println(line);
        err.flush();
        return 1;
    }

    /** Reads lines until EOF; returns the exit status they imply. */
    private int replies(SocketChannel ch) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(MAX_LINE);
        int status = 0;
        while (true) {
            if (!b.hasRemaining()) {
                // A whole buffer and no newline: whack stops reading, as FreeS/WAN's does.
                return unterminated(status);
            }
            if (ch.read(b) < 0) {
                return b.position() > 0 ? unterminated(status) : status;
            }
            b.flip();
            for (byte[] line = takeLine(b); line != null; line = takeLine(b)) {
                out.write(line, 0, line.length);
                out.flush();
                status = onLine(ch, line, status);
            }
            b.compact();
        }
    }

    private int unterminated(int status) {
        err.println("whack: last line from pluto too long or unterminated");
        err.flush();
        return status;
    }

    /** The next complete line, '\n' included, from {@code b} (read mode), or null. */
    private static byte[] takeLine(ByteBuffer b) {
        for (int i = b.position(); i < b.limit(); i++) {
            if (b.get(i) == '\n') {
                byte[] line = new byte[i + 1 - b.position()];
                b.get(line);
                return line;
            }
        }
        return null;
    }

    /** One complete line: its code sets the status, or asks for something on the socket. */
    private int onLine(SocketChannel ch, byte[] line, int status) throws IOException {
        long rc = Strtoul.leading(new String(line, StandardCharsets.ISO_8859_1));
        // Openswan: 040/041 prompt and leave the status alone; jswan: the same, and a value given
        // on the command line answers the first prompt only.
        if (rc == Rc.ENTERSECRET.code()) {
            String secret = xauthPass != null ? xauthPass : prompter.ask("Enter secret: ", true);
            xauthPass = null; // a second prompt means the first answer failed: ask the person
            answer(ch, secret);
            return status;
        }
        if (rc == Rc.XAUTHPROMPT.code()) {
            String user = xauthUser != null ? xauthUser : prompter.ask("Enter username: ", false);
            xauthUser = null;
            answer(ch, user);
            return status;
        }
        int code = rc < 0 || rc > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) rc;
        return Rc.exitStatusAfter(status, code);
    }

    /** The answer to a prompt: the text and a NUL, in one write. */
    private static void answer(SocketChannel ch, String text) throws IOException {
        byte[] t = (text == null ? "" : text).getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(t.length + 1).put(t).put((byte) 0).flip();
        while (b.hasRemaining()) {
            ch.write(b);
        }
    }
}
