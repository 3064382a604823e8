package org.jswan.klips.userspace;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import org.jswan.klips.Eroute;
import org.jswan.klips.KernelException;
import org.jswan.klips.KeyMaterial;
import org.jswan.klips.Net;
import org.jswan.klips.SaCounters;
import org.jswan.klips.SaParams;
import org.jswan.klips.SaProto;
import org.jswan.klips.SaRef;
import org.jswan.klips.UdpSender;
import org.jswan.klips.esp.UdpEncapsulation;
import org.jswan.klips.pfkey.PfKeyKernel;

/**
 * One side of the namespace datapath test, run as its own JVM inside a network namespace
 * ({@code ip netns exec NS java -cp ... KlipsTestNode left|right raw|udp DEVICE}): a
 * {@link UserspaceKlips} with fixed manual keys — ESP AES-128/HMAC-SHA1 tunnel
 * 198.51.100.0/24 ↔ 203.0.113.0/24, SPI 0x1001 left→right and 0x1002 right→left — its
 * {@code ipsec0} up, the route to the other client net through it. In {@code udp} mode it owns a
 * UDP socket on port 4500, standing in for pluto's NAT-T socket. Prints {@code READY}, then
 * {@code COUNTERS ...} lines for each {@code status} line on stdin; stdin's end stops it.
 */
public final class KlipsTestNode {
    private KlipsTestNode() {
    }

    private static KeyMaterial key(int length, int first) {
        return new KeyMaterial(length, () -> {
            byte[] k = new byte[length];
            for (int i = 0; i < length; i++) {
                k[i] = (byte) (first + i);
            }
            return k;
        });
    }

    public static void main(String[] args) throws Exception {
        boolean left = args[0].equals("left");
        boolean udp = args[1].equals("udp");
        String device = args.length > 2 ? args[2] : null;
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        InetAddress me = InetAddress.getByName(left ? "192.0.2.1" : "192.0.2.2");
        InetAddress peer = InetAddress.getByName(left ? "192.0.2.2" : "192.0.2.1");
        Net ours = new Net(InetAddress.getByName(left ? "198.51.100.0" : "203.0.113.0"), 24);
        Net theirs = new Net(InetAddress.getByName(left ? "203.0.113.0" : "198.51.100.0"), 24);
        String myHost = left ? "198.51.100.1" : "203.0.113.1";
        long outSpi = left ? 0x1001 : 0x1002;
        long inSpi = left ? 0x1002 : 0x1001;
        int port = udp ? UdpEncapsulation.PORT : 0;

        DatagramChannel socket = null;
        UdpSender sender = UdpSender.NONE;
        if (udp) {
            DatagramChannel ch = DatagramChannel.open();
            ch.bind(new InetSocketAddress(me, UdpEncapsulation.PORT));
            socket = ch;
            sender = (src, srcPort, dst, dstPort, payload) -> {
                try {
                    ch.send(ByteBuffer.wrap(payload), new InetSocketAddress(dst, dstPort));
                } catch (java.io.IOException e) {
                    System.err.println("node: udp send: " + e);
                }
            };
        }
        UserspaceKlips klips = UserspaceKlips.open(KlipsOptions.defaults().withPhysicalInterface(device), sender,
                line -> System.err.println("node: " + line));
        PfKeyKernel kernel;
        try {
            kernel = PfKeyKernel.open("klips", klips.openPfKey(), ProcessHandle.current().pid(), klips,
                    a -> System.err.println("node: " + a), line -> System.err.println("node: " + line), line -> { });
        } catch (KernelException | RuntimeException e) {
            klips.close();
            throw e;
        }
        try {
            // left->right keys start at 0x10/0x40, right->left at 0x20/0x60
            SaRef outRef = new SaRef(SaProto.ESP, outSpi, me, peer);
            SaRef inRef = new SaRef(SaProto.ESP, inSpi, peer, me);
            int outBase = left ? 0x10 : 0x20;
            int inBase = left ? 0x20 : 0x10;
            kernel.addSa(new SaParams(outRef, false, true, 12, key(16, outBase), 3, key(20, outBase + 0x30), port, port));
            kernel.addSa(new SaParams(inRef, true, true, 12, key(16, inBase), 3, key(20, inBase + 0x30), port, port)
                    .withFlow(theirs, ours));
            kernel.eroute(new Eroute(Eroute.Op.ADD, ours, theirs, outRef));
            new LinkConfig().ip("route", "replace", theirs.toString(), "dev", "ipsec0", "src", myHost);
            if (socket != null) {
                DatagramChannel ch = socket;
                Thread rx = new Thread(() -> receive(ch, klips, me), "node-udp");
                rx.setDaemon(true);
                rx.start();
            }
            out.println("READY");
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String line; (line = in.readLine()) != null; ) {
                if (line.equals("status")) {
                    SaCounters o = kernel.counters(outRef).orElseThrow();
                    SaCounters i = kernel.counters(inRef).orElseThrow();
                    out.println("COUNTERS out=" + o.packets() + " in=" + i.packets() + " dropped=" + i.dropped()
                            + " " + klips.stats());
                } else if (line.equals("quit")) {
                    break;
                }
            }
        } finally {
            kernel.close();
            if (socket != null) {
                socket.close();
            }
        }
    }

    /** What pluto's NAT-T socket does with a datagram: ESP to the kernel, the rest not ours here. */
    private static void receive(DatagramChannel ch, UserspaceKlips klips, InetAddress me) {
        ByteBuffer buf = ByteBuffer.allocate(65535);
        while (ch.isOpen()) {
            try {
                buf.clear();
                InetSocketAddress from = (InetSocketAddress) ch.receive(buf);
                byte[] p = java.util.Arrays.copyOf(buf.array(), buf.position());
                if (UdpEncapsulation.classify(p, 0, p.length) == UdpEncapsulation.Kind.ESP) {
                    klips.espInUdp(from.getAddress(), from.getPort(), me, UdpEncapsulation.PORT, p);
                }
            } catch (java.io.IOException e) {
                return;
            }
        }
    }
}
