package org.jswan.klips.pfkey;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * {@code struct sadb_prop} (RFC 2367 §2.3.6): the proposal of an {@code SADB_ACQUIRE}, an 8-byte
 * header followed by {@link SadbComb}s of 72 bytes each.
 *
 * <pre>
 *  0  sadb_prop_len       u16  1 + 9 * combs
 *  2  sadb_prop_exttype   u16  13
 *  4  sadb_prop_replay    u8
 *  5  sadb_prop_reserved  3 bytes
 *  8  sadb_comb ...
 * </pre>
 */
public record SadbProp(int replay, List<SadbComb> combs) implements Extension {
    public SadbProp {
        SadbSa.checkU8("replay", replay);
        combs = List.copyOf(Objects.requireNonNull(combs, "combs"));
    }

    @Override
    public int typeNumber() {
        return ExtType.PROPOSAL.value();
    }

    void write(WireWriter w) {
        w.u8(replay);
        w.zeros(3);
        for (SadbComb c : combs) {
            c.write(w);
        }
    }

    static SadbProp read(ExtType type, WireReader r) throws PfKeyException {
        if (r.remaining() < 4 || (r.remaining() - 4) % SadbComb.SIZE != 0) {
            throw new PfKeyException(Errno.EINVAL, r.what() + ": " + (r.remaining() + 4)
                    + " bytes are not an 8-byte sadb_prop and whole 72-byte sadb_combs");
        }
        int replay = r.u8();
        r.skip(3);
        List<SadbComb> combs = new ArrayList<>();
        while (r.remaining() > 0) {
            combs.add(SadbComb.read(r));
        }
        return new SadbProp(replay, combs);
    }
}
