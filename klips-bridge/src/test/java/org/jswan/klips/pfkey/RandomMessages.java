package org.jswan.klips.pfkey;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/** Well-formed PF_KEY messages drawn from a seeded {@link Random}: every record, every layout. */
final class RandomMessages {
    private final Random rnd;

    RandomMessages(long seed) {
        this.rnd = new Random(seed);
    }

    PfKeyMessage message() {
        SadbMsgType[] types = SadbMsgType.values();
        SaType[] satypes = SaType.values();
        SadbMsg h = new SadbMsg(types[rnd.nextInt(types.length)], rnd.nextInt(4) == 0 ? rnd.nextInt(256) : 0,
                satypes[rnd.nextInt(satypes.length)], u32(), u32());
        List<Integer> chosen = new ArrayList<>();
        for (ExtType t : ExtType.values()) {
            if (rnd.nextInt(3) == 0) {
                chosen.add(t.value());
            }
        }
        for (int i = rnd.nextInt(3); i > 0; i--) {
            int unknown = 31 + rnd.nextInt(0xffff - 31);
            if (!chosen.contains(unknown)) {
                chosen.add(unknown);
            }
        }
        Collections.shuffle(chosen, rnd);
        List<Extension> exts = new ArrayList<>();
        for (int t : chosen) {
            exts.add(extension(t));
        }
        return new PfKeyMessage(h, exts);
    }

    Extension extension(int typeNumber) {
        ExtType t = ExtType.of(typeNumber).orElse(null);
        if (t == null) {
            return new RawExtension(typeNumber, Octets.copyOf(bytes(4 + 8 * rnd.nextInt(4))));
        }
        switch (t.layout()) {
            case SA:
                return new SadbSa(t, u32(), u8(), SaState.values()[rnd.nextInt(4)], u8(), u8(), u32());
            case LIFETIME:
                return new SadbLifetime(t, u32(), rnd.nextLong(), rnd.nextLong(), rnd.nextLong());
            case ADDRESS:
                SockAddr a = sockAddr();
                return new SadbAddress(t, u8(), rnd.nextInt(a.bits() + 1), a);
            case KEY:
                int bits = rnd.nextInt(600);
                return new SadbKey(t, bits, KeyBytes.copyOf(bytes((bits + 7) / 8)));
            case IDENT:
                byte[] text = bytes(rnd.nextInt(40));
                if (text.length > 0 && text[text.length - 1] == 0) {
                    text[text.length - 1] = 'x';
                }
                return new SadbIdent(t, rnd.nextInt(0x10000), rnd.nextLong(), Octets.copyOf(text));
            case SENS:
                int sens = rnd.nextInt(3);
                int integ = rnd.nextInt(3);
                byte[] body = bytes(12 + 8 * (sens + integ));
                body[5] = (byte) sens;
                body[7] = (byte) integ;
                return new RawExtension(typeNumber, Octets.copyOf(body));
            case PROP:
                List<SadbComb> combs = new ArrayList<>();
                for (int i = rnd.nextInt(4); i > 0; i--) {
                    combs.add(new SadbComb(u8(), u8(), u16(), u16(), u16(), u16(), u16(), u32(), u32(),
                            rnd.nextLong(), rnd.nextLong(), rnd.nextLong(), rnd.nextLong(), rnd.nextLong(),
                            rnd.nextLong()));
                }
                return new SadbProp(u8(), combs);
            case SUPPORTED:
                List<SadbAlg> algs = new ArrayList<>();
                for (int i = rnd.nextInt(6); i > 0; i--) {
                    algs.add(new SadbAlg(u8(), u8(), u16(), u16()));
                }
                return new SadbSupported(t, algs);
            case SPIRANGE:
                return new SadbSpirange(u32(), u32());
            case SATYPE:
                return new SadbXSatype(SaType.values()[rnd.nextInt(SaType.values().length)]);
            case PROTOCOL:
                return new SadbProtocol(u8(), u8(), u8());
            case NAT_T_TYPE:
                return new SadbXNatTType(u8());
            case NAT_T_PORT:
                return new SadbXNatTPort(t, u16());
            case RAW:
                return new RawExtension(typeNumber, Octets.copyOf(bytes(4 + 8 * rnd.nextInt(8))));
            default:
                throw new AssertionError(t);
        }
    }

    SockAddr sockAddr() {
        try {
            if (rnd.nextBoolean()) {
                return new SockAddr(InetAddress.getByAddress(bytes(4)), u16(), 0, 0);
            }
            return new SockAddr(Inet6Address.getByAddress(null, bytes(16), -1), u16(), u32(), u32());
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    byte[] bytes(int n) {
        byte[] b = new byte[n];
        rnd.nextBytes(b);
        return b;
    }

    int u8() {
        return rnd.nextInt(256);
    }

    int u16() {
        return rnd.nextInt(0x10000);
    }

    long u32() {
        return rnd.nextLong() & 0xffff_ffffL;
    }
}
