package org.jswan.klips.userspace;

import java.net.InetAddress;
import org.jswan.klips.KeyMaterial;
import org.jswan.klips.Net;
import org.jswan.klips.esp.Ipv4;

/** Test packets and addresses (documentation ranges only). */
final class Packets {
    static final InetAddress GW_A = ip("192.0.2.1");
    static final InetAddress GW_B = ip("192.0.2.2");
    static final InetAddress HOST_A = ip("198.51.100.1");
    static final InetAddress HOST_B = ip("203.0.113.1");
    static final Net NET_A = net("198.51.100.0/24");
    static final Net NET_B = net("203.0.113.0/24");

    private Packets() {
    }

    static InetAddress ip(String s) {
        try {
            return InetAddress.getByName(s);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    static Net net(String s) {
        String[] p = s.split("/");
        return new Net(ip(p[0]), Integer.parseInt(p[1]));
    }

    /** An ICMP echo request of {@code payload} bytes. */
    static byte[] icmp(InetAddress src, InetAddress dst, int seq, int payload) {
        byte[] p = new byte[20 + 8 + payload];
        Ipv4.writeHeader(p, 0, 0, p.length, 100 + seq, Ipv4.DF, 64, Ipv4.PROTO_ICMP, src.getAddress(), dst.getAddress());
        p[20] = 8;
        p[26] = (byte) (seq >>> 8);
        p[27] = (byte) seq;
        for (int i = 0; i < payload; i++) {
            p[28 + i] = (byte) ('a' + i % 26);
        }
        int sum = Ipv4.checksum(p, 20, p.length - 20);
        p[22] = (byte) (sum >>> 8);
        p[23] = (byte) sum;
        return p;
    }

    /** A UDP datagram from port 5000 to {@code dstPort}. */
    static byte[] udp(InetAddress src, InetAddress dst, int dstPort, int payload) {
        return udp(src, 5000, dst, dstPort, payload);
    }

    /** A UDP datagram from {@code srcPort} to {@code dstPort}, IP ID 7, fragmentable. */
    static byte[] udp(InetAddress src, int srcPort, InetAddress dst, int dstPort, int payload) {
        byte[] p = new byte[20 + 8 + payload];
        Ipv4.writeHeader(p, 0, 0, p.length, 7, 0, 64, Ipv4.PROTO_UDP, src.getAddress(), dst.getAddress());
        p[20] = (byte) (srcPort >>> 8);
        p[21] = (byte) srcPort;
        p[22] = (byte) (dstPort >>> 8);
        p[23] = (byte) dstPort;
        p[24] = (byte) ((8 + payload) >>> 8);
        p[25] = (byte) (8 + payload);
        return p;
    }

    static KeyMaterial key(int length, int seed) {
        return new KeyMaterial(length, () -> {
            byte[] k = new byte[length];
            for (int i = 0; i < length; i++) {
                k[i] = (byte) (seed * 7 + i);
            }
            return k;
        });
    }
}
