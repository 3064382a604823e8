package org.jswan.klips.esp;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A tiny pcapng reader for tests (the pcapng draft, draft-ietf-opsawg-pcapng): Section Header,
 * Interface Description and Enhanced/Simple Packet blocks; everything else is skipped. Frames of
 * Ethernet (link type 1) and Linux cooked (113) interfaces give their IPv4 packet.
 */
public final class Pcapng {
    private static final int SHB = 0x0A0D0D0A;
    private static final int IDB = 1;
    private static final int SPB = 3;
    private static final int EPB = 6;

    /** One captured frame: 1-based number, link type, bytes as captured. */
    public record Frame(int number, int linkType, byte[] data) {
        /** The IPv4 packet inside, or null when the frame carries something else. */
        public byte[] ipv4() {
            int off;
            if (linkType == 1) {
                if (data.length < 14) {
                    return null;
                }
                int type = ((data[12] & 0xff) << 8) | (data[13] & 0xff);
                off = 14;
                if (type == 0x8100 && data.length >= 18) {
                    type = ((data[16] & 0xff) << 8) | (data[17] & 0xff);
                    off = 18;
                }
                if (type != 0x0800) {
                    return null;
                }
            } else if (linkType == 113) {
                if (data.length < 16 || (((data[14] & 0xff) << 8) | (data[15] & 0xff)) != 0x0800) {
                    return null;
                }
                off = 16;
            } else if (linkType == 101 || linkType == 228) {
                off = 0;
            } else {
                return null;
            }
            if (data.length <= off || (data[off] & 0xf0) != 0x40) {
                return null;
            }
            return java.util.Arrays.copyOfRange(data, off, data.length);
        }
    }

    private Pcapng() {
    }

    public static List<Frame> read(Path file) throws IOException {
        return read(Files.readAllBytes(file));
    }

    public static List<Frame> read(byte[] bytes) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        List<Integer> linkTypes = new ArrayList<>();
        List<Frame> frames = new ArrayList<>();
        while (b.remaining() >= 12) {
            int start = b.position();
            b.order(ByteOrder.LITTLE_ENDIAN);
            int type = b.getInt(start);
            if (type == SHB) {
                int magic = b.getInt(start + 8);
                b.order(magic == 0x1A2B3C4D ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
                if (b.getInt(start + 8) != 0x1A2B3C4D) {
                    throw new IOException("bad byte-order magic");
                }
                linkTypes.clear();
            } else if (frames.isEmpty() && linkTypes.isEmpty() && start == 0) {
                throw new IOException("not a pcapng file");
            }
            type = b.getInt(start);
            int length = b.getInt(start + 4);
            if (length < 12 || length % 4 != 0 || start + length > bytes.length) {
                throw new IOException("bad block length " + length + " at " + start);
            }
            if (type == IDB) {
                linkTypes.add(b.getShort(start + 8) & 0xffff);
            } else if (type == EPB) {
                int iface = b.getInt(start + 8);
                int caplen = b.getInt(start + 20);
                if (28 + caplen > length) {
                    throw new IOException("EPB captured length " + caplen + " beyond its block");
                }
                byte[] data = java.util.Arrays.copyOfRange(bytes, start + 28, start + 28 + caplen);
                frames.add(new Frame(frames.size() + 1, linkTypes.get(iface), data));
            } else if (type == SPB) {
                int orig = b.getInt(start + 8);
                int caplen = Math.min(orig, length - 16);
                byte[] data = java.util.Arrays.copyOfRange(bytes, start + 12, start + 12 + caplen);
                frames.add(new Frame(frames.size() + 1, linkTypes.get(0), data));
            }
            // other blocks (name resolution, statistics, ...) are skipped
            b.position(start + length);
        }
        return frames;
    }
}
