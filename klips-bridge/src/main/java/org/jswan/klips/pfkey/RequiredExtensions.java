package org.jswan.klips.pfkey;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What each message type must carry (RFC 2367 §3.1 and, for KLIPS's types, facts §9): the
 * kernel's first check of a request, and pluto's of what the kernel sends. Structure only; whether
 * the SPI exists or the algorithm is supported is the SADB's business.
 */
public final class RequiredExtensions {
    private static final Map<SadbMsgType, List<ExtType>> REQUIRED = new EnumMap<>(SadbMsgType.class);
    /** Types where {@code SADB_SATYPE_UNSPEC} means "every type" (or the type does not matter). */
    private static final Set<SadbMsgType> UNSPEC_ALLOWED = EnumSet.of(SadbMsgType.FLUSH, SadbMsgType.DUMP,
            SadbMsgType.X_PROMISC, SadbMsgType.X_PCHANGE, SadbMsgType.X_DEBUG, SadbMsgType.X_DELFLOW);

    static {
        List<ExtType> saAndHosts = List.of(ExtType.SA, ExtType.ADDRESS_SRC, ExtType.ADDRESS_DST);
        List<ExtType> flows = List.of(ExtType.X_ADDRESS_SRC_FLOW, ExtType.X_ADDRESS_DST_FLOW,
                ExtType.X_ADDRESS_SRC_MASK, ExtType.X_ADDRESS_DST_MASK);
        // RFC 2367 §3.1.1: SADB_GETSPI <base, address(SD), SPI range>
        REQUIRED.put(SadbMsgType.GETSPI, List.of(ExtType.ADDRESS_SRC, ExtType.ADDRESS_DST, ExtType.SPIRANGE));
        // RFC 2367 §3.1.2–3.1.5: UPDATE, ADD <base, SA, address(SD), ...>; DELETE, GET <base, SA(*), address(SD)>
        REQUIRED.put(SadbMsgType.UPDATE, saAndHosts);
        REQUIRED.put(SadbMsgType.ADD, saAndHosts);
        REQUIRED.put(SadbMsgType.DELETE, saAndHosts);
        REQUIRED.put(SadbMsgType.GET, saAndHosts);
        // RFC 2367 §3.1.8: SADB_EXPIRE <base, SA, lifetime(C and one of HS), address(SD)>
        REQUIRED.put(SadbMsgType.EXPIRE, List.of(ExtType.SA, ExtType.LIFETIME_CURRENT, ExtType.ADDRESS_SRC,
                ExtType.ADDRESS_DST));
        // facts §9: X_GRPSA <base, SA, address(D), X_SATYPE2, X_SA2, X_ADDRESS_DST2>
        REQUIRED.put(SadbMsgType.X_GRPSA, List.of(ExtType.SA, ExtType.ADDRESS_DST, ExtType.X_SATYPE2, ExtType.X_SA2,
                ExtType.X_ADDRESS_DST2));
        // facts §9: X_ADDFLOW <base, SA, address(SD), flows and masks>; X_DELFLOW <base, flows and masks>
        REQUIRED.put(SadbMsgType.X_ADDFLOW, List.of(ExtType.SA, ExtType.ADDRESS_SRC, ExtType.ADDRESS_DST,
                ExtType.X_ADDRESS_SRC_FLOW, ExtType.X_ADDRESS_DST_FLOW, ExtType.X_ADDRESS_SRC_MASK,
                ExtType.X_ADDRESS_DST_MASK));
        REQUIRED.put(SadbMsgType.X_DELFLOW, flows);
    }

    private RequiredExtensions() {
    }

    /** The extensions a request of {@code type} must carry, in RFC order. */
    public static List<ExtType> of(SadbMsgType type) {
        return REQUIRED.getOrDefault(type, List.of());
    }

    /**
     * Checks that a request (errno 0) carries what its type needs: {@code EINVAL} naming the first
     * missing extension, or an SA type of UNSPEC where a real one is needed. Error replies carry
     * only the base header and pass.
     */
    public static void check(PfKeyMessage m) throws PfKeyException {
        if (m.header().errno() != 0) {
            return;
        }
        SadbMsgType type = m.type();
        if (m.header().satype() == SaType.UNSPEC && !UNSPEC_ALLOWED.contains(type)) {
            throw new PfKeyException(Errno.EINVAL, type.sadbName() + " needs an SA type, not SADB_SATYPE_UNSPEC");
        }
        for (ExtType t : of(type)) {
            if (!m.has(t)) {
                throw new PfKeyException(Errno.EINVAL, type.sadbName() + " without " + t.sadbName());
            }
        }
        // RFC 2367 §3.1.8: an EXPIRE says which limit was reached.
        if (type == SadbMsgType.EXPIRE && !m.has(ExtType.LIFETIME_HARD) && !m.has(ExtType.LIFETIME_SOFT)) {
            throw new PfKeyException(Errno.EINVAL, "SADB_EXPIRE without SADB_EXT_LIFETIME_HARD or _SOFT");
        }
        // RFC 2367 §3.1.6: the kernel's ACQUIRE carries the packet's addresses and a proposal.
        if (type == SadbMsgType.ACQUIRE && m.header().pid() == 0) {
            for (ExtType t : List.of(ExtType.ADDRESS_SRC, ExtType.ADDRESS_DST, ExtType.PROPOSAL)) {
                if (!m.has(t)) {
                    throw new PfKeyException(Errno.EINVAL, "SADB_ACQUIRE without " + t.sadbName());
                }
            }
        }
    }
}
