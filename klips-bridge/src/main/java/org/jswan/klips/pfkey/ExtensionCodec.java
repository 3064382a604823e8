package org.jswan.klips.pfkey;

import java.util.Optional;

/**
 * Reads and writes one extension: the {@code sadb_ext} header here, the body by the record of the
 * type's {@link ExtType.Layout}. Stateless.
 */
final class ExtensionCodec {
    /** {@code sadb_ext_len} is 16 bits of 64-bit words. */
    static final int MAX_WORDS = 0xffff;

    private ExtensionCodec() {
    }

    static int padded8(int n) {
        return (n + 7) & ~7;
    }

    /** A fixed-size extension must be exactly its size: {@code EINVAL} otherwise. */
    static void expectBody(WireReader r, int size) throws PfKeyException {
        // Linux: an extension at least its size passes; jswan: exactly its size, because the
        // bytes past it would otherwise be dropped silently and not re-encode byte for byte.
        if (r.remaining() + 4 != size) {
            throw new PfKeyException(Errno.EINVAL, r.what() + ": " + (r.remaining() + 4) + " bytes, not " + size);
        }
    }

    /**
     * Reads the extension at the reader's position; {@code r} holds the rest of the message.
     * RFC 2367 §2.3: {@code sadb_ext_len} counts 64-bit words including the header and must fit
     * the message; type 0 is reserved.
     */
    static Extension read(WireReader r) throws PfKeyException {
        int at = r.position();
        int words = r.u16();
        int type = r.u16();
        String name = ExtType.nameOf(type) + " at offset " + at;
        if (type == 0) {
            throw new PfKeyException(Errno.EINVAL, "extension type 0 (reserved) at offset " + at);
        }
        if (words == 0) {
            throw new PfKeyException(Errno.EINVAL, name + ": sadb_ext_len is 0");
        }
        if (words * 8 - 4 > r.remaining()) {
            throw new PfKeyException(Errno.EINVAL, name + ": sadb_ext_len " + words + " (" + words * 8
                    + " bytes) overruns the message, which has " + (r.remaining() + 4) + " bytes left");
        }
        WireReader body = r.sub(words * 8 - 4, name);
        Extension e = readBody(type, body);
        body.expectEnd();
        return e;
    }

    private static Extension readBody(int typeNumber, WireReader r) throws PfKeyException {
        Optional<ExtType> known = ExtType.of(typeNumber);
        if (known.isEmpty()) {
            return RawExtension.read(typeNumber, r);
        }
        ExtType type = known.get();
        switch (type.layout()) {
            case SA:
                return SadbSa.read(type, r);
            case LIFETIME:
                return SadbLifetime.read(type, r);
            case ADDRESS:
                return SadbAddress.read(type, r);
            case KEY:
                return SadbKey.read(type, r);
            case IDENT:
                return SadbIdent.read(type, r);
            case SENS:
                return RawExtension.readSensitivity(r);
            case PROP:
                return SadbProp.read(type, r);
            case SUPPORTED:
                return SadbSupported.read(type, r);
            case SPIRANGE:
                return SadbSpirange.read(type, r);
            case SATYPE:
                return SadbXSatype.read(type, r);
            case PROTOCOL:
                return SadbProtocol.read(type, r);
            case NAT_T_TYPE:
                return SadbXNatTType.read(type, r);
            case NAT_T_PORT:
                return SadbXNatTPort.read(type, r);
            case RAW:
                return RawExtension.read(typeNumber, r);
            default:
                throw new AssertionError(type.layout());
        }
    }

    /** Writes header, body and padding; the length is patched in once the body is known. */
    static void write(WireWriter w, Extension e) {
        int start = w.position();
        w.u16(0);
        w.u16(e.typeNumber());
        writeBody(w, e);
        w.padTo8();
        int words = (w.position() - start) / 8;
        if (words > MAX_WORDS) {
            throw new IllegalArgumentException(ExtType.nameOf(e.typeNumber()) + " of " + words
                    + " words does not fit sadb_ext_len");
        }
        w.patchU16(start, words);
    }

    private static void writeBody(WireWriter w, Extension e) {
        if (e instanceof SadbSa sa) {
            sa.write(w);
        } else if (e instanceof SadbLifetime lt) {
            lt.write(w);
        } else if (e instanceof SadbAddress a) {
            a.write(w);
        } else if (e instanceof SadbKey k) {
            k.write(w);
        } else if (e instanceof SadbIdent id) {
            id.write(w);
        } else if (e instanceof SadbProp p) {
            p.write(w);
        } else if (e instanceof SadbSupported s) {
            s.write(w);
        } else if (e instanceof SadbSpirange sr) {
            sr.write(w);
        } else if (e instanceof SadbXSatype st) {
            st.write(w);
        } else if (e instanceof SadbProtocol pr) {
            pr.write(w);
        } else if (e instanceof SadbXNatTType nt) {
            nt.write(w);
        } else if (e instanceof SadbXNatTPort np) {
            np.write(w);
        } else if (e instanceof RawExtension raw) {
            raw.write(w);
        } else {
            throw new AssertionError("unknown extension record " + e.getClass());
        }
    }
}
