package org.jswan.klips.pfkey;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * {@code struct sadb_supported} (RFC 2367 §2.3.7): {@code SUPPORTED_AUTH} / {@code _ENCRYPT} in
 * the kernel's answer to {@code SADB_REGISTER}; an 8-byte header and {@link SadbAlg}s.
 *
 * <pre>
 *  0  sadb_supported_len       u16  1 + algs
 *  2  sadb_supported_exttype   u16  14 / 15
 *  4  sadb_supported_reserved  u32
 *  8  sadb_alg ...
 * </pre>
 */
public record SadbSupported(ExtType type, List<SadbAlg> algs) implements Extension {
    public SadbSupported {
        Objects.requireNonNull(type, "type");
        type.requireLayout(ExtType.Layout.SUPPORTED, "SadbSupported");
        algs = List.copyOf(Objects.requireNonNull(algs, "algs"));
    }

    @Override
    public int typeNumber() {
        return type.value();
    }

    void write(WireWriter w) {
        w.u32(0);
        for (SadbAlg a : algs) {
            a.write(w);
        }
    }

    static SadbSupported read(ExtType type, WireReader r) throws PfKeyException {
        if (r.remaining() < 4 || (r.remaining() - 4) % SadbAlg.SIZE != 0) {
            throw new PfKeyException(Errno.EINVAL, r.what() + ": " + (r.remaining() + 4)
                    + " bytes are not an 8-byte sadb_supported and whole 8-byte sadb_algs");
        }
        r.skip(4);
        List<SadbAlg> algs = new ArrayList<>();
        while (r.remaining() > 0) {
            algs.add(SadbAlg.read(r));
        }
        return new SadbSupported(type, algs);
    }
}
