package org.jswan.pluto;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.PortUnreachableException;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.jswan.ike.base.Bytes;
import org.jswan.ike.base.Endpoint;
import org.jswan.ike.base.IpAddress;
import org.jswan.ike.engine.Input;
import org.jswan.ike.whack.Debug;

/**
 * The IKE UDP sockets the engine asked for, one per local address and port: the JDK cannot
 * tell which local address a datagram was sent to on a wildcard socket (no IP_PKTINFO), so
 * each address gets its own socket and the socket says what {@code to} was.
 */
final class IkeSockets implements AutoCloseable {
    /** The largest UDP payload. */
    static final int MAX_DATAGRAM = 65535;
    /** FreeS/WAN's text for an ICMP port unreachable answer to something we sent. */
    static final String ECONNREFUSED_TEXT =
            "some IKE message we sent has been rejected with ECONNREFUSED (kernel supplied no details)";
    /** Datagrams read from one socket per wake-up, so one busy peer cannot starve the rest. */
    private static final int BURST = 64;

    private record Sock(String iface, Endpoint local, DatagramChannel ch, SelectionKey key) {
    }

    private final Selector selector;
    private final PlutoLog log;
    private final MonoClock clock;
    private final Consumer<Input> feed;
    private final Map<Endpoint, Sock> socks = new LinkedHashMap<>();
    private final ByteBuffer rx = ByteBuffer.allocateDirect(MAX_DATAGRAM + 1);
    private int natTPort;
    private java.util.function.BiConsumer<Endpoint, Input.Packet> esp = (l, p) -> { };

    /**
     * RFC 3948 §2.2: on the NAT-T port, a datagram whose first four bytes are not zero is ESP and
     * goes to {@code sink} (the kernel bridge); IKE (marker) and keepalives go to the engine.
     */
    void setEspSink(int port, java.util.function.BiConsumer<Endpoint, Input.Packet> sink) {
        this.natTPort = port;
        this.esp = sink;
    }

    IkeSockets(Selector selector, PlutoLog log, MonoClock clock, Consumer<Input> feed) {
        this.selector = selector;
        this.log = log;
        this.clock = clock;
        this.feed = feed;
    }

    /** Opens and binds a socket on {@code local}; a failure is logged (the engine is not told). */
    /** Bytes of socket receive buffer asked for each IKE socket. */
    static final int RECEIVE_BUFFER = 4 << 20;

    void open(String iface, Endpoint local) {
        if (socks.containsKey(local)) {
            log.debug(Debug.CONTROL, () -> "UDP socket " + local + " is already open");
            return;
        }
        DatagramChannel ch = null;
        try {
            ch = DatagramChannel.open(local.address().isV4() ? StandardProtocolFamily.INET : StandardProtocolFamily.INET6);
            ch.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            // the NAT-T socket also carries ESP-in-UDP for the userspace KLIPS: room for bursts
            // (the kernel caps it at net.core.rmem_max)
            ch.setOption(StandardSocketOptions.SO_RCVBUF, RECEIVE_BUFFER);
            ch.bind(new InetSocketAddress(bindAddress(iface, local.address()), local.port()));
            ch.configureBlocking(false);
            SelectionKey key = ch.register(selector, SelectionKey.OP_READ);
            Sock s = new Sock(iface, local, ch, key);
            key.attach((KeyHandler) k -> receive(s));
            socks.put(local, s);
            log.debug(Debug.CONTROL, () -> "opened UDP socket " + local + " on " + iface);
        } catch (IOException | RuntimeException e) {
            log.error("unable to open IKE socket " + local + " on " + iface + ": " + e.getMessage());
            closeQuietly(ch);
        }
    }

    /** An IPv6 link-local address can only be bound with its interface's scope. */
    private static InetAddress bindAddress(String iface, IpAddress a) throws IOException {
        InetAddress plain = a.toInetAddress();
        if (plain instanceof Inet6Address && plain.isLinkLocalAddress() && iface != null) {
            NetworkInterface ni = NetworkInterface.getByName(iface);
            if (ni != null) {
                return Inet6Address.getByAddress(null, plain.getAddress(), ni);
            }
        }
        return plain;
    }

    void close(Endpoint local) {
        Sock s = socks.remove(local);
        if (s == null) {
            log.debug(Debug.CONTROL, () -> "no UDP socket " + local + " to close");
            return;
        }
        s.key().cancel();
        closeQuietly(s.ch());
        log.debug(Debug.CONTROL, () -> "closed UDP socket " + local);
    }

    boolean isOpen(Endpoint local) {
        return socks.containsKey(local);
    }

    /** Called from the loop, and from the userspace KLIPS's thread for ESP-in-UDP: hence synchronized. */
    synchronized void send(Endpoint from, Endpoint to, Bytes data) {
        Sock s = socks.get(from);
        if (s == null) {
            log.error("no IKE socket on " + from + "; " + data.length() + "-byte message to " + to + " dropped");
            return;
        }
        try {
            int n = s.ch().send(data.asReadOnlyBuffer(), new InetSocketAddress(to.address().toInetAddress(), to.port()));
            if (n == 0) {
                log.debug(Debug.RAW, () -> "socket " + from + " is full; " + data.length() + "-byte message to "
                        + to + " dropped");
            }
        } catch (PortUnreachableException e) {
            log.error(ECONNREFUSED_TEXT);
        } catch (IOException e) {
            if (isRefused(e)) {
                log.error(ECONNREFUSED_TEXT);
            } else {
                log.error("sendto on " + s.iface() + " " + from + " to " + to + " failed: " + e.getMessage());
            }
        }
    }

    private static boolean isRefused(IOException e) {
        return e.getMessage() != null && e.getMessage().contains("Connection refused");
    }

    private void receive(Sock s) {
        if (socks.get(s.local()) != s || !s.key().isValid()) {
            return;
        }
        List<Input> got = new ArrayList<>();
        for (int i = 0; i < BURST; i++) {
            rx.clear();
            SocketAddress sa;
            try {
                sa = s.ch().receive(rx);
            } catch (PortUnreachableException e) {
                log.error(ECONNREFUSED_TEXT);
                continue;
            } catch (IOException e) {
                if (isRefused(e)) {
                    log.error(ECONNREFUSED_TEXT);
                    continue;
                }
                log.error("recvfrom on " + s.iface() + " " + s.local() + " failed: " + e.getMessage());
                break;
            }
            if (sa == null) {
                break;
            }
            rx.flip();
            byte[] b = new byte[rx.remaining()];
            rx.get(b);
            InetSocketAddress from = (InetSocketAddress) sa;
            Input.Packet p = new Input.Packet(Bytes.copyOf(b), new Endpoint(IpAddress.of(from.getAddress()),
                    from.getPort()), s.local(), clock.now());
            if (natTPort != 0 && s.local().port() == natTPort && b.length >= 4
                    && (b[0] | b[1] | b[2] | b[3]) != 0) {
                esp.accept(s.local(), p);
                continue;
            }
            got.add(p);
        }
        for (Input in : got) {
            feed.accept(in);
        }
    }

    private static void closeQuietly(DatagramChannel ch) {
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
    }

    @Override
    public void close() {
        for (Sock s : socks.values()) {
            s.key().cancel();
            closeQuietly(s.ch());
        }
        socks.clear();
    }
}
