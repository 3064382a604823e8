package org.jswan.ike.whack;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Random;
import org.jswan.ike.base.Bytes;
import org.jswan.ike.base.IpAddress;
import org.jswan.ike.base.Subnet;
import org.junit.jupiter.api.Test;

class WhackCodecTest {

    /** {@code whack --name x --host 10.0.0.1 --to --host 10.0.0.2 --psk}, as whack builds it. */
    static WhackMessage smallConnection() {
        WhackMessage.Builder b = WhackMessage.builder();
        b.name = "x";
        b.connection = true;
        b.policy = Policy.PSK;
        IpAddress l = IpAddress.v4(10, 0, 0, 1);
        IpAddress r = IpAddress.v4(10, 0, 0, 2);
        b.left = WhackEnd.empty().withHost(l).withNexthop(r);
        b.right = WhackEnd.empty().withHost(r).withNexthop(l);
        return b.build();
    }

    private static void put(byte[] a, int off, int... v) {
        for (int i = 0; i < v.length; i++) {
            a[off + i] = (byte) v[i];
        }
    }

    /** Every byte of the small connection, worked out by hand from the x86-64 struct layout. */
    @Test
    void goldenBytesOfASmallConnection() {
        byte[] e = new byte[664 + 2 + 14];              // fixed part, "x\0", fourteen empty strings
        put(e, 0, 0x40, 0x6b, 0x68, 0x77);              // magic 0x77686b40 little-endian
        put(e, 48, 1);                                  // whack_connection
        put(e, 56, 1);                                  // policy = PSK (bit 0)
        put(e, 64, 0x10, 0x0e);                         // sa_ike_life_seconds 3600
        put(e, 72, 0x80, 0x70);                         // sa_ipsec_life_seconds 28800
        put(e, 80, 0x1c, 0x02);                         // sa_rekey_margin 540
        put(e, 88, 100);                                // sa_rekey_fuzz 100
        put(e, 96, 3);                                  // sa_keying_tries 3
        // left = 104: host_addr at +24, nexthop at +52, client at +80 (maskbits +108), host_port +136
        put(e, 128, 2, 0, 0, 0, 10, 0, 0, 1);           // AF_INET, port 0, 10.0.0.1
        put(e, 156, 2, 0, 0, 0, 10, 0, 0, 2);           // nexthop 10.0.0.2
        put(e, 184, 2);                                 // client 0.0.0.0 ...
        put(e, 212, 32);                                // ... /32 (anyaddr-anyaddr)
        put(e, 240, 0xf4, 0x01);                        // host_port 500
        // right = 248
        put(e, 272, 2, 0, 0, 0, 10, 0, 0, 2);
        put(e, 300, 2, 0, 0, 0, 10, 0, 0, 1);
        put(e, 328, 2);
        put(e, 356, 32);
        put(e, 384, 0xf4, 0x01);
        put(e, 392, 2, 0, 2, 0);                        // addr_family, tunnel_addr_family AF_INET
        put(e, 472, 2);                                 // oppo_my_client 0.0.0.0
        put(e, 500, 2);                                 // oppo_peer_client 0.0.0.0
        put(e, 564, 2);                                 // whack_crash_peer 0.0.0.0
        put(e, 664, 'x', 0);                            // string 1: name; strings 2..15 empty
        byte[] got = WhackCodec.encode(smallConnection());
        assertEquals(680, got.length);
        assertArrayEquals(e, got);
    }

    @Test
    void layoutOffsetsMatchTheReference() {
        assertEquals(144, WhackLayout.END_SIZE);
        assertEquals(WhackLayout.LEFT + WhackLayout.END_SIZE, WhackLayout.RIGHT);
        assertEquals(WhackLayout.RIGHT + WhackLayout.END_SIZE, WhackLayout.ADDR_FAMILY);
        assertEquals(600, WhackLayout.XAUTHUSER, "jswan block starts where OSW-2.0.0's str_size was");
        assertEquals(664, WhackLayout.STRING);
        assertEquals(2712, WhackLayout.SIZE);
        assertEquals(0x77686b18, WhackCodec.WHACK_BASIC_MAGIC);
        assertEquals(0x77686b40, WhackCodec.WHACK_MAGIC);
    }

    @Test
    void goldenDecodesBack() throws Exception {
        WhackMessage m = WhackCodec.decode(WhackCodec.encode(smallConnection()), 680);
        assertEquals(smallConnection(), m);
        assertEquals("x", m.name());
        assertNull(m.left().id(), "empty strings come back as null");
        assertNull(m.left().client());
        assertFalse(m.left().hasClient());
    }

    @Test
    void richFieldsLandAtTheirOffsets() {
        WhackMessage.Builder b = smallConnection().toBuilder();
        b.deleteState = true;
        b.deleteStateNo = 0x0102030405060708L;
        b.xauthUser = "u";
        b.xauthPass = "pw";
        b.dpdDelaySeconds = 30;
        b.dpdTimeoutSeconds = 120;
        b.dpdAction = 3;
        b.left = b.left.withClient(Subnet.parse("10.0.1.0/24"), false).withProtoPort(17, 1701);
        b.right = b.right.withHost(IpAddress.parse("2001:db8::1"));
        b.keyVal = Bytes.of(0xaa, 0xbb);
        b.list = 0x1f;
        byte[] got = WhackCodec.encode(b.build());
        ByteBuffer bb = ByteBuffer.wrap(got).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(1, bb.getInt(536));
        assertEquals(0x0102030405060708L, bb.getLong(544));
        assertEquals(30, bb.getLong(616));
        assertEquals(120, bb.getLong(624));
        assertEquals(3, bb.getInt(632));
        assertEquals(0x1f, got[596]);
        assertEquals(24, bb.getInt(104 + 80 + 28), "left client maskbits");
        assertEquals(10, got[104 + 80 + 4]);
        assertEquals(1, got[104 + 80 + 6], "10.0.1.0");
        assertEquals(1, bb.getInt(104 + 116), "left has_client");
        assertEquals(1701, Short.toUnsignedInt(bb.getShort(104 + 138)));
        assertEquals(17, got[104 + 140]);
        assertEquals(10, bb.getShort(248 + 24), "AF_INET6");
        assertEquals((byte) 0x20, got[248 + 24 + 8], "sin6_addr starts at +8");
        assertEquals(1, got[248 + 24 + 23]);
        assertEquals(2, bb.getLong(432), "keyval.len");
        // strings: "x" then 10 empty, then "u", "pw", two empty (ike, esp), then the key bytes
        byte[] tail = Arrays.copyOfRange(got, 664, got.length);
        assertArrayEquals(new byte[] {'x', 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 'u', 0, 'p', 'w', 0, 0, 0,
            (byte) 0xaa, (byte) 0xbb}, tail);
    }

    @Test
    void stringsThatDoNotFitAreWhacksError() {
        WhackMessage.Builder b = WhackMessage.builder();
        b.name = "n".repeat(2048 - 15 + 1);
        WhackEncodeException e = assertThrows(WhackEncodeException.class, () -> WhackCodec.encode(b.build()));
        assertEquals("too many bytes of strings to fit in message to pluto", e.getMessage());
        b.name = "n".repeat(2048 - 15);
        assertEquals(WhackLayout.SIZE, WhackCodec.encode(b.build()).length, "exactly full is fine");
        b.name = "n";
        b.keyVal = Bytes.zeros(2048 - 16);             // "n\0" and fourteen empty strings
        assertEquals(WhackLayout.SIZE, WhackCodec.encode(b.build()).length);
        b.keyVal = Bytes.zeros(2048 - 15);
        assertThrows(WhackEncodeException.class, () -> WhackCodec.encode(b.build()));
    }

    @Test
    void unrepresentableFieldsAreRefused() {
        WhackMessage.Builder b = WhackMessage.builder();
        b.name = "a\0b";
        assertThrows(WhackEncodeException.class, () -> WhackCodec.encode(b.build()));
        b.name = null;
        b.left = WhackEnd.empty().withHostPort(70000);
        assertThrows(WhackEncodeException.class, () -> WhackCodec.encode(b.build()));
    }

    // ------------------------------------------------------------------ decode errors

    private static String decodeError(byte[] buf, int n) {
        return assertThrows(WhackDecodeException.class, () -> WhackCodec.decode(buf, n)).getMessage();
    }

    @Test
    void runtMessages() {
        byte[] full = WhackCodec.encode(smallConnection());
        for (int n : new int[] {0, 1, 3, 7, 11}) {
            assertEquals("ignoring runt message from whack: got " + n + " bytes", decodeError(full, n));
        }
        assertEquals("ignoring runt message from whack: got 0 bytes", decodeError(null, 5));
        assertEquals("ignoring runt message from whack: got 0 bytes", decodeError(full, -1));
        assertEquals("ignoring runt message from whack: got 4 bytes", decodeError(new byte[4], 100),
                "n is bounded by the buffer");
    }

    @Test
    void badMagic() {
        for (int magic : new int[] {0x77616b0a, 0x77616b12, 0x77686b1a, 0x6f686b26, 0, -1}) {
            WhackMessage.Builder b = smallConnection().toBuilder();
            b.magic = magic;
            byte[] buf = WhackCodec.encode(b.build());
            assertEquals("ignoring message from whack with bad magic " + magic + "; should be 2003331904;"
                    + " probably wrong version", decodeError(buf, buf.length));
            assertEquals("ignoring message from whack with bad magic " + magic + "; should be 2003331904;"
                    + " probably wrong version", decodeError(buf, 12), "magic is checked before size");
        }
    }

    @Test
    void basicMagicHonoursOnlyStatusAndShutdown() throws Exception {
        WhackMessage.Builder b = smallConnection().toBuilder();
        b.magic = WhackCodec.WHACK_BASIC_MAGIC;
        b.status = true;
        byte[] buf = WhackCodec.encode(b.build());
        WhackMessage m = WhackCodec.decode(buf, buf.length);
        assertEquals(WhackCodec.WHACK_BASIC_MAGIC, m.magic());
        assertTrue(m.status());
        assertFalse(m.shutdown());
        assertNull(m.name(), "everything past the BASIC part is ignored");
        assertFalse(m.connection());
        assertEquals(0, m.policy());

        byte[] twelve = new byte[12];
        ByteBuffer.wrap(twelve).order(ByteOrder.LITTLE_ENDIAN)
                .putInt(0, WhackCodec.WHACK_BASIC_MAGIC).putInt(8, 1);
        WhackMessage s = WhackCodec.decode(twelve, 12);
        assertTrue(s.shutdown());
        assertFalse(s.status());
        assertEquals(WhackMessage.builder().build().ikeLifetimeSeconds(), s.ikeLifetimeSeconds());
    }

    @Test
    void truncated() {
        byte[] full = WhackCodec.encode(smallConnection());
        for (int n : new int[] {12, 100, 647}) {
            assertEquals("ignoring truncated message from whack: got " + n + " bytes; expected 2712",
                    decodeError(full, n));
        }
    }

    @Test
    void badStrings() {
        byte[] full = WhackCodec.encode(smallConnection());
        String bad = "message from whack contains bad string";
        assertEquals(bad, decodeError(full, 664), "no strings at all");
        assertEquals(bad, decodeError(full, full.length - 1), "last NUL missing");
        byte[] extra = Arrays.copyOf(full, full.length + 1);
        assertEquals(bad, decodeError(extra, extra.length), "a byte more than keyval.len");

        WhackMessage.Builder b = smallConnection().toBuilder();
        b.keyVal = Bytes.of(1, 2, 3);
        byte[] keyed = WhackCodec.encode(b.build());
        for (long len : new long[] {2, 4, -1, Long.MIN_VALUE}) {
            byte[] copy = keyed.clone();
            ByteBuffer.wrap(copy).order(ByteOrder.LITTLE_ENDIAN).putLong(432, len);
            assertEquals(bad, decodeError(copy, copy.length), "keyval.len " + len);
        }
        byte[] noNul = Arrays.copyOf(full, WhackLayout.SIZE);
        Arrays.fill(noNul, 664, noNul.length, (byte) 'a');
        assertEquals(bad, decodeError(noNul, noNul.length), "2048-byte string area without a NUL");
    }

    @Test
    void badAddressesAreTypedErrors() {
        byte[] buf = WhackCodec.encode(smallConnection());
        buf[128] = 7;
        assertEquals("message from whack contains bad address family 7", decodeError(buf, buf.length));
        WhackMessage.Builder b = smallConnection().toBuilder();
        b.left = b.left.withClient(Subnet.parse("10.0.0.0/8"), false);
        byte[] withClient = WhackCodec.encode(b.build());
        ByteBuffer.wrap(withClient).order(ByteOrder.LITTLE_ENDIAN).putInt(104 + 108, 33);
        assertEquals("message from whack contains bad subnet mask length 33",
                decodeError(withClient, withClient.length));
    }

    @Test
    void zeroedAddressIsTheAnyAddress() throws Exception {
        byte[] buf = WhackCodec.encode(smallConnection());
        Arrays.fill(buf, 472, 500, (byte) 0);
        assertEquals(IpAddress.ANY4, WhackCodec.decode(buf, buf.length).oppoMyClient());
    }

    @Test
    void bytesBeyondTheStructAreNeverRead() throws Exception {
        WhackMessage.Builder b = smallConnection().toBuilder();
        b.keyVal = Bytes.zeros(2048 - 16);
        byte[] full = WhackCodec.encode(b.build());
        assertEquals(WhackLayout.SIZE, full.length);
        byte[] oversize = Arrays.copyOf(full, 65536);
        assertEquals(b.build(), WhackCodec.decode(oversize, oversize.length));
    }

    @Test
    void seededRoundTrips() throws Exception {
        Random r = new Random(20240601);
        for (int i = 0; i < 2000; i++) {
            WhackMessage m = RandomWhackMessages.message(r);
            byte[] buf = WhackCodec.encode(m);
            assertEquals(m, WhackCodec.decode(buf, buf.length));
        }
    }
}
