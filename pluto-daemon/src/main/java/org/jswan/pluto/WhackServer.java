package org.jswan.pluto;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jswan.ike.base.MonoTime;
import org.jswan.ike.whack.Debug;
import org.jswan.ike.whack.Rc;
import org.jswan.ike.whack.WhackMessage;

/**
 * The control socket {@code <ctlbase>.ctl} and its whack clients, all non-blocking on the loop's
 * selector.
 *
 * <p>A client's request is read into a buffer of at most {@link WhackDecoder#MAX_REQUEST}
 * bytes. whack writes its message once and does not half-close, so the request is taken to be
 * complete as soon as it decodes, or at end of file, or when the buffer is full, or when no more
 * bytes have come for {@link #IDLE_GAP}, or {@link #REQUEST_TIMEOUT} after the connection; a
 * client that has sent nothing by then is closed. Nothing a client does can stall the loop.
 *
 * <p>Replies are queued per client and written as the socket takes them. A client whose
 * pending replies exceed {@link #MAX_PENDING} bytes, or that accepts nothing for
 * {@link #STALL_TIMEOUT}, is dropped. Once a request has been handed over, a client that goes
 * away is reported, so the engine can forget it.
 */
final class WhackServer implements AutoCloseable {
    /** What becomes of the clients' requests. */
    interface Listener {
        void request(long client, WhackMessage message);

        void undecodable(long client, String reason);

        void gone(long client);
    }

    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);
    static final Duration IDLE_GAP = Duration.ofMillis(250);
    static final Duration STALL_TIMEOUT = Duration.ofSeconds(10);
    /**
     * jswan: larger than one might expect because the engine hands over a whole {@code --status}
     * at once, megabytes with thousands of connections; a stalled reader is caught by
     * {@link #STALL_TIMEOUT} long before.
     */
    static final int MAX_PENDING = 4 << 20;
    static final int MAX_CLIENTS = 256;
    /** FreeS/WAN: listen(fd, 5); jswan: a deeper queue, since clients are served concurrently. */
    static final int BACKLOG = 64;

    private enum Phase { REQUEST, ACTIVE, CLOSING }

    private static final class Client {
        final long id;
        final SocketChannel ch;
        final SelectionKey key;
        final MonoTime acceptedAt;
        Phase phase = Phase.REQUEST;
        final byte[] req = new byte[WhackDecoder.MAX_REQUEST];
        int reqLen;
        MonoTime lastData;
        final ArrayDeque<ByteBuffer> out = new ArrayDeque<>();
        long pending;
        MonoTime lastProgress;

        Client(long id, SocketChannel ch, SelectionKey key, MonoTime now) {
            this.id = id;
            this.ch = ch;
            this.key = key;
            this.acceptedAt = now;
            this.lastData = now;
            this.lastProgress = now;
        }
    }

    private final Path path;
    private final ServerSocketChannel server;
    private final Selector selector;
    private final WhackDecoder decoder;
    private final PeerCheck peers;
    private final PlutoLog log;
    private final MonoClock clock;
    private Listener listener;
    private final Map<Long, Client> clients = new LinkedHashMap<>();
    private final Set<Client> dirty = new LinkedHashSet<>();
    private final Map<String, MonoTime> lastRefusalLogged = new HashMap<>();
    private final ByteBuffer discard = ByteBuffer.allocate(4096);
    private long nextId = 1;

    private WhackServer(Path path, ServerSocketChannel server, Selector selector, WhackDecoder decoder,
                        PeerCheck peers, PlutoLog log, MonoClock clock) {
        this.path = path;
        this.server = server;
        this.selector = selector;
        this.decoder = decoder;
        this.peers = peers;
        this.log = log;
        this.clock = clock;
    }

    /**
     * Removes a stale socket file, binds and listens on {@code path}, then makes it mode 0700.
     *
     * @throws IOException with pluto's words: {@code could not bind control socket: ...}
     */
    static WhackServer open(Path path, Selector selector, WhackDecoder decoder, PeerCheck peers, PlutoLog log,
                            MonoClock clock) throws IOException {
        ServerSocketChannel s;
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new IOException("could not remove old control socket \"" + path + "\": " + e.getMessage(), e);
        }
        try {
            s = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        } catch (IOException e) {
            throw new IOException("could not create control socket: " + e.getMessage(), e);
        }
        try {
            s.bind(UnixDomainSocketAddress.of(path), BACKLOG);
            // FreeS/WAN: umask(~S_IRWXU) around bind(); Java has no umask, so chmod after bind
            // (and PeerCheck closes the window in between).
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwx------"));
            s.configureBlocking(false);
        } catch (IOException | RuntimeException e) {
            s.close();
            throw new IOException("could not bind control socket \"" + path + "\": " + e.getMessage(), e);
        }
        WhackServer w = new WhackServer(path, s, selector, decoder, peers, log, clock);
        s.register(selector, SelectionKey.OP_ACCEPT, (KeyHandler) k -> w.onAcceptable());
        return w;
    }

    void setListener(Listener listener) {
        this.listener = listener;
    }

    Path path() {
        return path;
    }

    int clientCount() {
        return clients.size();
    }

    private void onAcceptable() {
        for (int i = 0; i < 64; i++) {
            SocketChannel ch;
            try {
                ch = server.accept();
            } catch (IOException e) {
                log.error("accept() on control socket failed: " + e.getMessage());
                return;
            }
            if (ch == null) {
                return;
            }
            admit(ch);
        }
    }

    private void admit(SocketChannel ch) {
        MonoTime now = clock.now();
        try {
            ch.configureBlocking(false);
            String uid = peers.refusal(ch);
            if (uid != null) {
                refuse(ch, "jswan: refusing whack connection from uid " + uid + ": only root and uid "
                        + peers.selfUid() + " may control pluto");
                logRefusal(uid, now);
                return;
            }
            if (clients.size() >= MAX_CLIENTS) {
                refuse(ch, "jswan: too many whack connections (" + MAX_CLIENTS + "); try again later");
                logRefusal("too-many", now);
                return;
            }
            long id = nextId++;
            SelectionKey key = ch.register(selector, SelectionKey.OP_READ);
            Client c = new Client(id, ch, key, now);
            key.attach((KeyHandler) k -> onReady(c));
            clients.put(id, c);
            log.debug(Debug.CONTROL, () -> "whack client #" + id + " connected");
        } catch (IOException e) {
            log.error("whack connection failed: " + e.getMessage());
            closeQuietly(ch);
        }
    }

    private void refuse(SocketChannel ch, String text) {
        try {
            ch.write(ByteBuffer.wrap(WhackLineFormat.encode(Rc.BADWHACKMESSAGE.code(), text)));
        } catch (IOException e) {
            // it went away already
        }
        closeQuietly(ch);
    }

    /** One log line per refused uid per 10 s, so a client in a loop cannot flood the log. */
    private void logRefusal(String who, MonoTime now) {
        MonoTime last = lastRefusalLogged.get(who);
        if (last != null && now.since(last).compareTo(Duration.ofSeconds(10)) < 0) {
            return;
        }
        lastRefusalLogged.put(who, now);
        if (who.equals("too-many")) {
            log.info("refusing whack connection: " + MAX_CLIENTS + " clients already connected");
        } else {
            log.info("refusing whack connection from uid " + who + " (only root and uid " + peers.selfUid()
                    + " may control pluto)");
        }
    }

    private void onReady(Client c) {
        SelectionKey k = c.key;
        if (!k.isValid()) {
            return;
        }
        if (k.isWritable()) {
            flush(c);
        }
        if (k.isValid() && k.isReadable() && clients.containsKey(c.id)) {
            if (c.phase == Phase.REQUEST) {
                readRequest(c);
            } else {
                readAfterRequest(c);
            }
        }
    }

    private void readRequest(Client c) {
        MonoTime now = clock.now();
        try {
            while (c.reqLen < c.req.length) {
                int n = c.ch.read(ByteBuffer.wrap(c.req, c.reqLen, c.req.length - c.reqLen));
                if (n < 0) {
                    // End of file ends the request; later lines may still be written.
                    interest(c, SelectionKey.OP_READ, false);
                    complete(c);
                    return;
                }
                if (n == 0) {
                    break;
                }
                c.reqLen += n;
                c.lastData = now;
            }
        } catch (IOException e) {
            log.debug(Debug.CONTROL, () -> "whack client #" + c.id + " failed before its request: " + e.getMessage());
            close(c);
            return;
        }
        if (c.reqLen >= c.req.length) {
            complete(c);
            return;
        }
        if (c.reqLen > 0) {
            try {
                WhackMessage m = decoder.decode(c.req, c.reqLen);
                hand(c, m, null);
            } catch (WhackDecoder.Undecodable e) {
                // Perhaps more is coming; expire() decides after IDLE_GAP.
            }
        }
    }

    /** The request is as complete as it will get: decode it one last time and hand it over. */
    private void complete(Client c) {
        try {
            hand(c, decoder.decode(c.req, c.reqLen), null);
        } catch (WhackDecoder.Undecodable e) {
            hand(c, null, e.getMessage());
        }
    }

    private void hand(Client c, WhackMessage m, String reason) {
        c.phase = Phase.ACTIVE;
        if (m != null) {
            listener.request(c.id, m);
        } else {
            log.debug(Debug.CONTROL, () -> "whack client #" + c.id + " sent an undecodable request ("
                    + c.reqLen + " bytes): " + reason);
            listener.undecodable(c.id, reason);
        }
    }

    /** After the request only end of file matters; anything else is read and dropped. */
    private void readAfterRequest(Client c) {
        try {
            for (int i = 0; i < 16; i++) {
                discard.clear();
                int n = c.ch.read(discard);
                if (n < 0) {
                    lost(c, "closed its socket");
                    return;
                }
                if (n == 0) {
                    return;
                }
            }
        } catch (IOException e) {
            lost(c, e.getMessage());
        }
    }

    /** Queues a reply line; {@link #flushPending()} writes it. */
    void line(long client, int rc, String text) {
        Client c = clients.get(client);
        if (c == null || c.phase == Phase.CLOSING) {
            return;
        }
        byte[] b = WhackLineFormat.encode(rc, text);
        if (c.out.isEmpty()) {
            c.lastProgress = clock.now();
        }
        c.out.add(ByteBuffer.wrap(b));
        c.pending += b.length;
        dirty.add(c);
    }

    /** The engine is done with {@code client}: close it once its replies are written. */
    void done(long client) {
        Client c = clients.get(client);
        if (c == null) {
            return;
        }
        c.phase = Phase.CLOSING;
        dirty.add(c);
    }

    /** Writes what each client's socket takes now; called after every engine step. */
    void flushPending() {
        if (dirty.isEmpty()) {
            return;
        }
        List<Client> todo = new ArrayList<>(dirty);
        dirty.clear();
        for (Client c : todo) {
            if (clients.get(c.id) == c) {
                flush(c);
            }
        }
    }

    private void flush(Client c) {
        try {
            while (!c.out.isEmpty()) {
                ByteBuffer[] bufs = new ByteBuffer[Math.min(c.out.size(), 256)];
                java.util.Iterator<ByteBuffer> it = c.out.iterator();
                for (int i = 0; i < bufs.length; i++) {
                    bufs[i] = it.next();
                }
                long w = c.ch.write(bufs);
                if (w > 0) {
                    c.pending -= w;
                    c.lastProgress = clock.now();
                }
                while (!c.out.isEmpty() && !c.out.peek().hasRemaining()) {
                    c.out.poll();
                }
                if (w == 0) {
                    break;
                }
            }
        } catch (IOException e) {
            if (c.phase == Phase.CLOSING) {
                close(c);
            } else {
                lost(c, e.getMessage());
            }
            return;
        }
        if (!c.out.isEmpty()) {
            if (c.pending > MAX_PENDING) {
                log.info("whack client #" + c.id + " is not reading its replies (" + c.pending
                        + " bytes waiting); dropped");
                drop(c);
                return;
            }
            interest(c, SelectionKey.OP_WRITE, true);
            return;
        }
        interest(c, SelectionKey.OP_WRITE, false);
        if (c.phase == Phase.CLOSING) {
            close(c);
        }
    }

    /** Deadlines: requests that are as complete as they will get, silent and stalled clients. */
    void expire(MonoTime now) {
        List<Client> due = new ArrayList<>();
        for (Client c : clients.values()) {
            Optional<MonoTime> d = deadline(c);
            if (d.isPresent() && !now.isBefore(d.get())) {
                due.add(c);
            }
        }
        for (Client c : due) {
            if (clients.get(c.id) != c) {
                continue;
            }
            if (c.phase == Phase.REQUEST) {
                if (c.reqLen == 0) {
                    log.debug(Debug.CONTROL, () -> "whack client #" + c.id + " sent nothing within "
                            + REQUEST_TIMEOUT.toSeconds() + " s; closed");
                    close(c);
                } else {
                    complete(c);
                }
            } else if (!c.out.isEmpty()) {
                log.info("whack client #" + c.id + " accepted no reply for " + STALL_TIMEOUT.toSeconds()
                        + " s; dropped");
                drop(c);
            }
        }
    }

    /** The earliest client deadline, if any. */
    Optional<MonoTime> nextDeadline() {
        MonoTime best = null;
        for (Client c : clients.values()) {
            Optional<MonoTime> d = deadline(c);
            if (d.isPresent() && (best == null || d.get().isBefore(best))) {
                best = d.get();
            }
        }
        return Optional.ofNullable(best);
    }

    private static Optional<MonoTime> deadline(Client c) {
        if (c.phase == Phase.REQUEST) {
            MonoTime hard = c.acceptedAt.plus(REQUEST_TIMEOUT);
            if (c.reqLen == 0) {
                return Optional.of(hard);
            }
            MonoTime idle = c.lastData.plus(IDLE_GAP);
            return Optional.of(idle.isBefore(hard) ? idle : hard);
        }
        if (!c.out.isEmpty()) {
            return Optional.of(c.lastProgress.plus(STALL_TIMEOUT));
        }
        return Optional.empty();
    }

    /** The client went away on its own while the engine still had it. */
    private void lost(Client c, String why) {
        log.debug(Debug.CONTROL, () -> "whack client #" + c.id + " went away: " + why);
        boolean tell = c.phase == Phase.ACTIVE;
        close(c);
        if (tell) {
            listener.gone(c.id);
        }
    }

    /** We give up on the client; the engine hears it is gone. */
    private void drop(Client c) {
        boolean tell = c.phase == Phase.ACTIVE;
        close(c);
        if (tell) {
            listener.gone(c.id);
        }
    }

    private void interest(Client c, int op, boolean on) {
        if (!c.key.isValid()) {
            return;
        }
        int ops = c.key.interestOps();
        c.key.interestOps(on ? ops | op : ops & ~op);
    }

    private void close(Client c) {
        clients.remove(c.id);
        dirty.remove(c);
        c.key.cancel();
        closeQuietly(c.ch);
    }

    private static void closeQuietly(SocketChannel ch) {
        try {
            ch.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    /** At exit: write what can be written without waiting, close every client and the socket. */
    @Override
    public void close() {
        for (Client c : new ArrayList<>(clients.values())) {
            try {
                ByteBuffer[] bufs = c.out.toArray(new ByteBuffer[0]);
                if (bufs.length > 0) {
                    c.ch.write(bufs);
                }
            } catch (IOException e) {
                // going anyway
            }
            close(c);
        }
        try {
            server.close();
        } catch (IOException e) {
            // exiting
        }
        LockFile.deleteQuietly(path);
    }
}
