package org.jswan.pluto;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A raw AF_UNIX client of pluto's control socket, with every wait bounded. */
final class WhackTestClient implements AutoCloseable {
    private final SocketChannel ch;
    private final Selector sel;
    private final StringBuilder got = new StringBuilder();
    private boolean eof;

    WhackTestClient(Path ctl) throws IOException {
        ch = SocketChannel.open(StandardProtocolFamily.UNIX);
        ch.connect(UnixDomainSocketAddress.of(ctl));
        ch.configureBlocking(false);
        sel = Selector.open();
        ch.register(sel, SelectionKey.OP_READ);
    }

    WhackTestClient send(byte[] b) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(b);
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (buf.hasRemaining() && System.nanoTime() < deadline) {
            if (ch.write(buf) == 0) {
                sleep(5);
            }
        }
        return this;
    }

    WhackTestClient halfClose() throws IOException {
        ch.shutdownOutput();
        return this;
    }

    /** Reads until the server closes or {@code timeout} passes; returns the complete lines. */
    List<String> readUntilEof(Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        ByteBuffer b = ByteBuffer.allocate(8192);
        while (!eof) {
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                break;
            }
            sel.select(left);
            sel.selectedKeys().clear();
            while (true) {
                b.clear();
                int n;
                try {
                    n = ch.read(b);
                } catch (IOException e) {
                    eof = true;
                    break;
                }
                if (n < 0) {
                    eof = true;
                    break;
                }
                if (n == 0) {
                    break;
                }
                got.append(new String(b.array(), 0, n, StandardCharsets.ISO_8859_1));
            }
        }
        return lines();
    }

    boolean sawEof() {
        return eof;
    }

    List<String> lines() {
        List<String> out = new ArrayList<>();
        String s = got.toString();
        int start = 0;
        int nl;
        while ((nl = s.indexOf('\n', start)) >= 0) {
            out.add(s.substring(start, nl));
            start = nl + 1;
        }
        return out;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws IOException {
        sel.close();
        ch.close();
    }
}
