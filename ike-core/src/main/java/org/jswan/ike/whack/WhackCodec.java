package org.jswan.ike.whack;

import static org.jswan.ike.whack.WhackLayout.*;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.jswan.ike.base.Bytes;
import org.jswan.ike.base.IpAddress;
import org.jswan.ike.base.Subnet;

/**
 * The one binary codec of {@link WhackMessage}, used by whack to send and by pluto to receive.
 * The bytes are {@code struct whack_message} as gcc lays it out on x86-64 ({@link WhackLayout},
 * {@code docs/whack-message.md}): fixed part, then the strings packed NUL-terminated into the
 * {@code string} area in a fixed order, then the {@code keyval} bytes. What whack writes is the
 * fixed part plus exactly the packed bytes, in one {@code write()}.
 */
public final class WhackCodec {
    private WhackCodec() {
    }

    /** FreeS/WAN 2.0x's WHACK_BASIC_MAGIC: status and shutdown only. */
    public static final int WHACK_BASIC_MAGIC = (((('w' << 8) + 'h') << 8) + 'k') << 8 | 24;
    /** jswan's full magic: 'w','h','k' and 64, since the struct has jswan's extensions appended. */
    public static final int WHACK_MAGIC = (((('w' << 8) + 'h') << 8) + 'k') << 8 | 64;

    /** Linux {@code AF_INET} and {@code AF_INET6} as {@code sa_family_t}. */
    private static final int AF_UNSPEC = 0;
    private static final int AF_INET = WhackMessage.AF_INET;
    private static final int AF_INET6 = WhackMessage.AF_INET6;

    private static final String TOO_MANY_STRINGS = "too many bytes of strings to fit in message to pluto";
    private static final String BAD_STRING = "message from whack contains bad string";

    // ------------------------------------------------------------------ encode

    /**
     * The bytes whack writes: the fixed part and the packed strings and key, pointers as 0.
     *
     * @throws WhackEncodeException with whack's text when the strings and key exceed the
     *     2048-byte string area, or when a field cannot be represented (NUL in a string, a
     *     port or family outside 16 bits, a protocol outside 8 bits)
     */
    public static byte[] encode(WhackMessage m) {
        byte[] out = new byte[SIZE];
        ByteBuffer b = ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(MAGIC, m.magic());
        putBool(b, WHACK_STATUS, m.status());
        putBool(b, WHACK_SHUTDOWN, m.shutdown());
        // name_len and every pointer stay 0: pointers mean nothing in another process.
        putBool(b, WHACK_OPTIONS, m.options());
        b.putLong(DEBUGGING, m.debugging());
        putBool(b, WHACK_CONNECTION, m.connection());
        putBool(b, WHACK_ASYNC, m.async());
        b.putLong(POLICY, m.policy());
        b.putLong(SA_IKE_LIFE_SECONDS, m.ikeLifetimeSeconds());
        b.putLong(SA_IPSEC_LIFE_SECONDS, m.ipsecLifetimeSeconds());
        b.putLong(SA_REKEY_MARGIN, m.rekeyMarginSeconds());
        b.putLong(SA_REKEY_FUZZ, m.rekeyFuzzPercent());
        b.putLong(SA_KEYING_TRIES, m.keyingTries());
        putEnd(b, LEFT, m.left());
        putEnd(b, RIGHT, m.right());
        b.putShort(ADDR_FAMILY, u16(m.addrFamily(), "addrFamily"));
        b.putShort(TUNNEL_ADDR_FAMILY, u16(m.tunnelAddrFamily(), "tunnelAddrFamily"));
        putBool(b, WHACK_KEY, m.key());
        putBool(b, WHACK_ADDKEY, m.addKey());
        b.putInt(PUBKEY_ALG, m.pubkeyAlg());
        b.putLong(KEYVAL_LEN, m.keyVal().length());
        putBool(b, WHACK_MYID, m.myid());
        putBool(b, WHACK_ROUTE, m.route());
        putBool(b, WHACK_UNROUTE, m.unroute());
        putBool(b, WHACK_INITIATE, m.initiate());
        putBool(b, WHACK_OPPO_INITIATE, m.oppoInitiate());
        putAddress(b, OPPO_MY_CLIENT, m.oppoMyClient());
        putAddress(b, OPPO_PEER_CLIENT, m.oppoPeerClient());
        putBool(b, WHACK_TERMINATE, m.terminate());
        putBool(b, WHACK_DELETE, m.delete());
        putBool(b, WHACK_DELETESTATE, m.deleteState());
        b.putLong(WHACK_DELETESTATENO, m.deleteStateNo());
        putBool(b, WHACK_LISTEN, m.listen());
        putBool(b, WHACK_UNLISTEN, m.unlisten());
        putBool(b, WHACK_CRASH, m.crash());
        putAddress(b, WHACK_CRASH_PEER, m.crashPeer());
        putBool(b, WHACK_UTC, m.utc());
        b.put(WHACK_LIST, u8(m.list(), "list"));
        b.put(WHACK_REREAD, u8(m.reread(), "reread"));
        b.putLong(DPD_DELAY, m.dpdDelaySeconds());
        b.putLong(DPD_TIMEOUT, m.dpdTimeoutSeconds());
        b.putInt(DPD_ACTION, m.dpdAction());
        // str_size: declared but never set or read by FreeS/WAN; stays 0.

        int next = STRING;
        for (String s : strings(m)) {
            next = packString(out, next, s);
        }
        Bytes key = m.keyVal();
        if (key.length() > SIZE - next) {
            throw new WhackEncodeException(TOO_MANY_STRINGS);
        }
        key.copyTo(out, next);
        next += key.length();
        return Arrays.copyOf(out, next);
    }

    /** The string fields in packing order: OSW-2.0.0's eleven, then jswan's four. */
    private static String[] strings(WhackMessage m) {
        WhackEnd l = m.left();
        WhackEnd r = m.right();
        return new String[] {
            m.name(), l.id(), l.cert(), l.ca(), l.updown(), r.id(), r.cert(), r.ca(), r.updown(),
            m.keyId(), m.myId(), m.xauthUser(), m.xauthPass(), m.ike(), m.esp(),
        };
    }

    private static int packString(byte[] out, int next, String s) {
        byte[] text = s == null ? new byte[0] : s.getBytes(StandardCharsets.UTF_8);
        for (byte x : text) {
            if (x == 0) {
                throw new WhackEncodeException("string with an embedded NUL cannot be sent to pluto");
            }
        }
        if (text.length + 1 > SIZE - next) {
            throw new WhackEncodeException(TOO_MANY_STRINGS);
        }
        System.arraycopy(text, 0, out, next, text.length);
        return next + text.length + 1;
    }

    private static void putEnd(ByteBuffer b, int at, WhackEnd e) {
        putAddress(b, at + END_HOST_ADDR, e.host());
        putAddress(b, at + END_HOST_NEXTHOP, e.nexthop());
        Subnet client = e.client();
        if (client == null) {
            // whack fills a missing client as the range anyaddr-anyaddr: any-address/32 (or /128).
            IpAddress any = e.host() != null ? e.host().anyOfSameFamily() : IpAddress.ANY4;
            client = Subnet.host(any);
        }
        putAddress(b, at + END_CLIENT, client.network());
        b.putInt(at + END_CLIENT + IP_ADDRESS_SIZE, client.prefixLength());
        putBool(b, at + END_KEY_FROM_DNS_ON_DEMAND, e.keyFromDnsOnDemand());
        putBool(b, at + END_HAS_CLIENT, e.hasClient());
        putBool(b, at + END_HAS_CLIENT_WILDCARD, e.hasClientWildcard());
        b.putShort(at + END_HOST_PORT, u16(e.hostPort(), "hostPort"));
        b.putShort(at + END_PORT, u16(e.port(), "port"));
        b.put(at + END_PROTOCOL, u8(e.protocol(), "protocol"));
    }

    /**
     * {@code sockaddr_in}: family (host order), port (network order, always 0 from whack),
     * 4 address bytes, 8 zero bytes; {@code sockaddr_in6}: family, port, flowinfo, 16 address
     * bytes, scope id. A null address is sent all-zero (AF_UNSPEC).
     */
    private static void putAddress(ByteBuffer b, int at, IpAddress a) {
        if (a == null) {
            return;
        }
        byte[] raw = a.bytes().toArray();
        if (a.isV4()) {
            b.putShort(at, (short) AF_INET);
            b.put(at + 4, raw);
        } else {
            b.putShort(at, (short) AF_INET6);
            b.put(at + 8, raw);
        }
    }

    private static void putBool(ByteBuffer b, int at, boolean v) {
        b.putInt(at, v ? 1 : 0);
    }

    private static short u16(int v, String field) {
        if (v < 0 || v > 0xffff) {
            throw new WhackEncodeException(field + " " + v + " does not fit in 16 bits");
        }
        return (short) v;
    }

    private static byte u8(int v, String field) {
        if (v < 0 || v > 0xff) {
            throw new WhackEncodeException(field + " " + v + " does not fit in 8 bits");
        }
        return (byte) v;
    }

    // ------------------------------------------------------------------ decode

    /**
     * Reads the first {@code n} bytes of {@code buf} as pluto's one {@code read()} delivered
     * them, with pluto's checks in pluto's order (reference §1.2): runt, magic (a BASIC message
     * yields only status and shutdown, every other field at its builder default), truncated,
     * strings. Bytes beyond {@code sizeof(struct whack_message)} are ignored, as pluto's read
     * never returns them.
     *
     * @throws WhackDecodeException with pluto's text; nothing else is ever thrown
     */
    public static WhackMessage decode(byte[] buf, int n) throws WhackDecodeException {
        int len = buf == null ? 0 : Math.min(Math.max(n, 0), Math.min(buf.length, SIZE));
        if (len < BASIC_SIZE) {
            throw new WhackDecodeException("ignoring runt message from whack: got " + len + " bytes");
        }
        ByteBuffer b = ByteBuffer.wrap(buf, 0, len).order(ByteOrder.LITTLE_ENDIAN);
        int magic = b.getInt(MAGIC);
        if (magic != WHACK_MAGIC) {
            if (magic == WHACK_BASIC_MAGIC) {
                WhackMessage.Builder basic = WhackMessage.builder();
                basic.magic = WHACK_BASIC_MAGIC;
                basic.status = bool(b, WHACK_STATUS);
                basic.shutdown = bool(b, WHACK_SHUTDOWN);
                return basic.build();
            }
            throw new WhackDecodeException("ignoring message from whack with bad magic " + magic
                    + "; should be " + WHACK_MAGIC + "; probably wrong version");
        }
        if (len < STRING) {
            throw new WhackDecodeException("ignoring truncated message from whack: got " + len
                    + " bytes; expected " + SIZE);
        }
        String[] s = new String[15];
        int next = STRING;
        for (int i = 0; i < s.length; i++) {
            int nul = indexOfNul(buf, next, len);
            if (nul < 0) {
                throw new WhackDecodeException(BAD_STRING);
            }
            // pluto turns an empty string back into NULL.
            s[i] = nul == next ? null : new String(buf, next, nul - next, StandardCharsets.UTF_8);
            next = nul + 1;
        }
        long keyLen = b.getLong(KEYVAL_LEN);
        if (keyLen != len - next) {
            throw new WhackDecodeException(BAD_STRING);
        }
        return fixedPart(b, s, Bytes.copyOf(buf, next, len - next));
    }

    private static WhackMessage fixedPart(ByteBuffer b, String[] s, Bytes keyVal) throws WhackDecodeException {
        WhackMessage.Builder m = WhackMessage.builder();
        m.magic = WHACK_MAGIC;
        m.status = bool(b, WHACK_STATUS);
        m.shutdown = bool(b, WHACK_SHUTDOWN);
        m.name = s[0];
        m.options = bool(b, WHACK_OPTIONS);
        m.debugging = b.getLong(DEBUGGING);
        m.connection = bool(b, WHACK_CONNECTION);
        m.async = bool(b, WHACK_ASYNC);
        m.policy = b.getLong(POLICY);
        m.ikeLifetimeSeconds = b.getLong(SA_IKE_LIFE_SECONDS);
        m.ipsecLifetimeSeconds = b.getLong(SA_IPSEC_LIFE_SECONDS);
        m.rekeyMarginSeconds = b.getLong(SA_REKEY_MARGIN);
        m.rekeyFuzzPercent = b.getLong(SA_REKEY_FUZZ);
        m.keyingTries = b.getLong(SA_KEYING_TRIES);
        m.left = end(b, LEFT, s[1], s[2], s[3], s[4]);
        m.right = end(b, RIGHT, s[5], s[6], s[7], s[8]);
        m.addrFamily = u16(b, ADDR_FAMILY);
        m.tunnelAddrFamily = u16(b, TUNNEL_ADDR_FAMILY);
        m.key = bool(b, WHACK_KEY);
        m.addKey = bool(b, WHACK_ADDKEY);
        m.keyId = s[9];
        m.pubkeyAlg = b.getInt(PUBKEY_ALG);
        m.keyVal = keyVal;
        m.myid = bool(b, WHACK_MYID);
        m.myId = s[10];
        m.route = bool(b, WHACK_ROUTE);
        m.unroute = bool(b, WHACK_UNROUTE);
        m.initiate = bool(b, WHACK_INITIATE);
        m.oppoInitiate = bool(b, WHACK_OPPO_INITIATE);
        m.oppoMyClient = address(b, OPPO_MY_CLIENT);
        m.oppoPeerClient = address(b, OPPO_PEER_CLIENT);
        m.terminate = bool(b, WHACK_TERMINATE);
        m.delete = bool(b, WHACK_DELETE);
        m.deleteState = bool(b, WHACK_DELETESTATE);
        m.deleteStateNo = b.getLong(WHACK_DELETESTATENO);
        m.listen = bool(b, WHACK_LISTEN);
        m.unlisten = bool(b, WHACK_UNLISTEN);
        m.crash = bool(b, WHACK_CRASH);
        m.crashPeer = address(b, WHACK_CRASH_PEER);
        m.utc = bool(b, WHACK_UTC);
        m.list = Byte.toUnsignedInt(b.get(WHACK_LIST));
        m.reread = Byte.toUnsignedInt(b.get(WHACK_REREAD));
        m.xauthUser = s[11];
        m.xauthPass = s[12];
        m.ike = s[13];
        m.esp = s[14];
        m.dpdDelaySeconds = b.getLong(DPD_DELAY);
        m.dpdTimeoutSeconds = b.getLong(DPD_TIMEOUT);
        m.dpdAction = b.getInt(DPD_ACTION);
        return m.build();
    }

    private static WhackEnd end(ByteBuffer b, int at, String id, String cert, String ca, String updown)
            throws WhackDecodeException {
        boolean hasClient = bool(b, at + END_HAS_CLIENT);
        Subnet client = hasClient ? subnet(b, at + END_CLIENT) : null;
        return new WhackEnd(id, cert, ca,
                address(b, at + END_HOST_ADDR),
                address(b, at + END_HOST_NEXTHOP),
                client,
                bool(b, at + END_KEY_FROM_DNS_ON_DEMAND),
                hasClient,
                bool(b, at + END_HAS_CLIENT_WILDCARD),
                updown,
                u16(b, at + END_HOST_PORT),
                u16(b, at + END_PORT),
                Byte.toUnsignedInt(b.get(at + END_PROTOCOL)));
    }

    // FreeS/WAN: pluto copies the ip_address union as it comes and meets a bad family later;
    // jswan: the record holds only IPv4 or IPv6, so a bad family is refused here (own text).
    private static IpAddress address(ByteBuffer b, int at) throws WhackDecodeException {
        int family = u16(b, at);
        byte[] raw;
        switch (family) {
            case AF_UNSPEC:
                return IpAddress.ANY4;
            case AF_INET:
                raw = new byte[4];
                b.get(at + 4, raw);
                break;
            case AF_INET6:
                raw = new byte[16];
                b.get(at + 8, raw);
                break;
            default:
                throw new WhackDecodeException("message from whack contains bad address family " + family);
        }
        return new IpAddress(Bytes.copyOf(raw));
    }

    private static Subnet subnet(ByteBuffer b, int at) throws WhackDecodeException {
        IpAddress network = address(b, at);
        int bits = b.getInt(at + IP_ADDRESS_SIZE);
        if (bits < 0 || bits > network.bits()) {
            throw new WhackDecodeException("message from whack contains bad subnet mask length " + bits);
        }
        return new Subnet(network, bits);
    }

    private static boolean bool(ByteBuffer b, int at) {
        return b.getInt(at) != 0;
    }

    private static int u16(ByteBuffer b, int at) {
        return Short.toUnsignedInt(b.getShort(at));
    }

    private static int indexOfNul(byte[] buf, int from, int to) {
        for (int i = from; i < to; i++) {
            if (buf[i] == 0) {
                return i;
            }
        }
        return -1;
    }
}
