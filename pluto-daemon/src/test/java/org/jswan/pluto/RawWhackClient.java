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

/**
 * A whack client that needs nothing but the JDK, so a test can run it as another user:
 * connects to {@code args[0]}, sends a BASIC-magic {@code --status}, prints what comes back, and
 * exits 0; prints {@code connect failed: ...} and exits 2 if it cannot connect. Waits at most 5 s.
 */
public final class RawWhackClient {
    private RawWhackClient() {
    }

    public static void main(String[] args) throws IOException {
        SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            ch.connect(UnixDomainSocketAddress.of(Path.of(args[0])));
        } catch (IOException e) {
            System.out.println("connect failed: " + e.getMessage());
            System.exit(2);
        }
        // ('w','h','k',24) little-endian, then whack_status = 1, whack_shutdown = 0.
        int magic = ((('w' << 8 | 'h') << 8 | 'k') << 8) | 24;
        ByteBuffer req = ByteBuffer.allocate(12).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        req.putInt(magic).putInt(1).putInt(0).flip();
        try {
            ch.write(req);
        } catch (IOException e) {
            // refused before we could write: the reply may still be there to read
        }
        ch.configureBlocking(false);
        Selector sel = Selector.open();
        ch.register(sel, SelectionKey.OP_READ);
        long deadline = System.nanoTime() + 5_000_000_000L;
        ByteBuffer b = ByteBuffer.allocate(4096);
        StringBuilder out = new StringBuilder();
        loop:
        while (System.nanoTime() < deadline) {
            sel.select(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            sel.selectedKeys().clear();
            while (true) {
                b.clear();
                int n;
                try {
                    n = ch.read(b);
                } catch (IOException e) {
                    break loop;
                }
                if (n < 0) {
                    break loop;
                }
                if (n == 0) {
                    break;
                }
                out.append(new String(b.array(), 0, n, StandardCharsets.ISO_8859_1));
            }
        }
        System.out.print(out);
        System.out.flush();
        System.exit(0);
    }
}
