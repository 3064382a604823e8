package org.jswan.whack;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.jswan.ike.whack.WhackCodec;
import org.jswan.ike.whack.WhackDecodeException;
import org.jswan.ike.whack.WhackLayout;
import org.jswan.ike.whack.WhackMessage;

/**
 * A tiny stand-in for pluto's control socket: one test thread accepts whack connections on
 * {@code <dir>/pluto.ctl}, reads the message in one read as pluto does, decodes it with
 * {@link WhackCodec}, and lets a {@link Script} answer. Messages and prompt answers are kept.
 */
final class FakePluto implements AutoCloseable {
    /** What pluto says to one whack message. */
    interface Script {
        void answer(WhackMessage m, Conversation c) throws IOException;
    }

    /** The socket of one whack, as a script sees it. */
    static final class Conversation {
        private final SocketChannel ch;

        Conversation(SocketChannel ch) {
            this.ch = ch;
        }

        /** One reply line, newline added. */
        void say(String line) throws IOException {
            raw(line + "\n");
        }

        void raw(String text) throws IOException {
            ByteBuffer b = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
            while (b.hasRemaining()) {
                ch.write(b);
            }
        }

        /** What whack sends back after a prompt: bytes up to the NUL. */
        String readAnswer() throws IOException {
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            ByteBuffer one = ByteBuffer.allocate(1);
            while (true) {
                one.clear();
                if (ch.read(one) < 0) {
                    throw new IOException("whack closed before answering");
                }
                if (one.get(0) == 0) {
                    return got.toString(StandardCharsets.UTF_8);
                }
                got.write(one.get(0));
            }
        }
    }

    final String ctlbase;
    final List<WhackMessage> received = new CopyOnWriteArrayList<>();
    final List<String> decodeErrors = new CopyOnWriteArrayList<>();
    private final ServerSocketChannel server;
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private final Thread thread;

    FakePluto(Path dir, Script script) throws IOException {
        this.ctlbase = dir.resolve("pluto").toString();
        this.server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(ctlbase + ".ctl"));
        this.thread = new Thread(() -> serve(script), "fake-pluto");
        thread.setDaemon(true);
        thread.start();
    }

    private void serve(Script script) {
        try {
            while (true) {
                try (SocketChannel ch = server.accept()) {
                    ByteBuffer buf = ByteBuffer.allocate(WhackLayout.SIZE);
                    int n = Math.max(ch.read(buf), 0);
                    try {
                        WhackMessage m = WhackCodec.decode(buf.array(), n);
                        received.add(m);
                        script.answer(m, new Conversation(ch));
                    } catch (WhackDecodeException e) {
                        decodeErrors.add(e.getMessage());
                        new Conversation(ch).say("030 " + e.getMessage());
                    }
                }
            }
        } catch (IOException e) {
            done.complete(null); // closed by the test
        } catch (RuntimeException | Error e) {
            done.completeExceptionally(e);
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (done.isCompletedExceptionally()) {
            done.join(); // rethrows what went wrong inside the fake
        }
    }
}
