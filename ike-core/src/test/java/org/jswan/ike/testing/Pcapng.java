package org.jswan.ike.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.jswan.ike.base.Bytes;
import org.jswan.ike.base.IpAddress;

/**
 * A minimal pcapng reader for the charon captures under {@code src/test/resources/captures}:
 * Ethernet (or Linux cooked) frames carrying IPv4/UDP. Frames are numbered from 1 as tshark
 * numbers them, so test names can say "frame 5 = MM5".
 */
public final class Pcapng {
    private Pcapng() {
    }

    /** One UDP datagram: the whole UDP payload (for port 4500 it still starts with the marker). */
    public record UdpFrame(int number, IpAddress src, int srcPort, IpAddress dst, int dstPort, Bytes payload) {
        /** The ISAKMP message: the payload without the 4-byte non-ESP marker on NAT-T ports. */
        public Bytes isakmp() {
            if ((srcPort == 4500 || dstPort == 4500) && payload.length() >= 4 && payload.slice(0, 4).isAllZero()) {
                return payload.slice(4);
            }
            return payload;
        }

        public boolean isEspInUdp() {
            return (srcPort == 4500 || dstPort == 4500) && payload.length() >= 4 && !payload.slice(0, 4).isAllZero();
        }
    }

    public static List<UdpFrame> readResource(String name) {
        try (InputStream in = Pcapng.class.getResourceAsStream("/captures/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource /captures/" + name);
            }
            return read(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<UdpFrame> read(byte[] file) {
        ByteBuffer bb = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        List<UdpFrame> out = new ArrayList<>();
        List<Integer> linkTypes = new ArrayList<>();
        int frameNo = 0;
        while (bb.remaining() >= 12) {
            int start = bb.position();
            int type = bb.getInt();
            int len = bb.getInt();
            if (type == 0x0A0D0D0A) {
                int magic = bb.getInt();
                if (magic == 0x4D3C2B1A) {
                    bb.order(ByteOrder.BIG_ENDIAN);
                    bb.position(start + 4);
                    len = bb.getInt();
                }
                linkTypes.clear();
            } else if (type == 1) {
                linkTypes.add(Short.toUnsignedInt(bb.getShort()));
            } else if (type == 6) {
                int iface = bb.getInt();
                bb.getInt();
                bb.getInt();
                int caplen = bb.getInt();
                bb.getInt();
                byte[] data = new byte[caplen];
                bb.get(data);
                frameNo++;
                UdpFrame f = udp(frameNo, linkTypes.get(iface), data);
                if (f != null) {
                    out.add(f);
                }
            } else if (type == 3) {
                frameNo++;
            }
            bb.position(start + len);
        }
        return out;
    }

    private static UdpFrame udp(int no, int linkType, byte[] d) {
        int ip;
        switch (linkType) {
            case 1 -> ip = 14;
            case 113 -> ip = 16;
            case 276 -> ip = 20;
            case 101 -> ip = 0;
            default -> {
                return null;
            }
        }
        if (d.length < ip + 20 || (d[ip] >> 4) != 4) {
            return null;
        }
        int ihl = (d[ip] & 0x0f) * 4;
        if ((d[ip + 9] & 0xff) != 17) {
            return null;
        }
        IpAddress src = new IpAddress(Bytes.copyOf(d, ip + 12, 4));
        IpAddress dst = new IpAddress(Bytes.copyOf(d, ip + 16, 4));
        int u = ip + ihl;
        int sport = ((d[u] & 0xff) << 8) | (d[u + 1] & 0xff);
        int dport = ((d[u + 2] & 0xff) << 8) | (d[u + 3] & 0xff);
        int ulen = ((d[u + 4] & 0xff) << 8) | (d[u + 5] & 0xff);
        return new UdpFrame(no, src, sport, dst, dport, Bytes.copyOf(d, u + 8, ulen - 8));
    }
}
