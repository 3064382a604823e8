package org.jswan.klips;

import java.util.Objects;

/**
 * One SA to add. Algorithm numbers are PF_KEYv2's ({@code SADB_EALG_*}, {@code SADB_AALG_*}; for
 * IPCOMP {@code encryptAlg} carries {@code SADB_X_CALG_*}); 0 means none.
 *
 * @param inbound the SA's destination is this host
 * @param tunnel  tunnel mode starts at this SA: the inner packet gets its outer IP header just
 *                before this SA is applied. Give it on the first SA of a group (the one processed
 *                first on output, IPCOMP before ESP before AH); the group's other SAs then work
 *                on the outer packet and say false. KLIPS's form of it is an X_IPIP SA grouped
 *                before this one.
 * @param natSrcPort UDP encapsulation source port (RFC 3948), 0 when not encapsulated
 * @param natDstPort UDP encapsulation destination port, 0 when not encapsulated
 * @param replayWindow anti-replay window in packets ({@code sadb_sa_replay}), 0 for none; at most 64
 * @param srcFlow for an inbound SA, the inner source addresses it may carry (KLIPS's
 *                {@code X_ADDRESS_SRC_FLOW}/mask), null when not given
 * @param dstFlow for an inbound SA, the inner destination addresses it may carry, null when not given
 * @param disableArrivalCheck pluto's {@code --disablearrivalcheck}: do not drop inbound packets
 *                            whose inner addresses are outside the flow
 */
public record SaParams(SaRef sa, boolean inbound, boolean tunnel, int encryptAlg, KeyMaterial encryptKey,
                       int integrityAlg, KeyMaterial integrityKey, int natSrcPort, int natDstPort,
                       int replayWindow, Net srcFlow, Net dstFlow, boolean disableArrivalCheck) {
    /** The window KLIPS gives every AH and ESP SA pluto adds. */
    public static final int DEFAULT_REPLAY_WINDOW = 64;

    public SaParams {
        Objects.requireNonNull(sa, "sa");
        encryptKey = encryptKey == null ? KeyMaterial.NONE : encryptKey;
        integrityKey = integrityKey == null ? KeyMaterial.NONE : integrityKey;
        if (replayWindow < 0 || replayWindow > 64) {
            throw new IllegalArgumentException("replay window " + replayWindow + " not in 0..64");
        }
        if ((srcFlow == null) != (dstFlow == null)) {
            throw new IllegalArgumentException("give both flows or neither");
        }
    }

    /** An SA with the default replay window, no flow and the arrival check on. */
    public SaParams(SaRef sa, boolean inbound, boolean tunnel, int encryptAlg, KeyMaterial encryptKey,
                    int integrityAlg, KeyMaterial integrityKey, int natSrcPort, int natDstPort) {
        this(sa, inbound, tunnel, encryptAlg, encryptKey, integrityAlg, integrityKey, natSrcPort, natDstPort,
                DEFAULT_REPLAY_WINDOW, null, null, false);
    }

    /** This SA with the inner addresses it carries (for an inbound SA: peer's client, our client). */
    public SaParams withFlow(Net src, Net dst) {
        return new SaParams(sa, inbound, tunnel, encryptAlg, encryptKey, integrityAlg, integrityKey, natSrcPort,
                natDstPort, replayWindow, Objects.requireNonNull(src, "src"), Objects.requireNonNull(dst, "dst"),
                disableArrivalCheck);
    }

    /** This SA with pluto's {@code --disablearrivalcheck} set or cleared. */
    public SaParams withDisableArrivalCheck(boolean disable) {
        return new SaParams(sa, inbound, tunnel, encryptAlg, encryptKey, integrityAlg, integrityKey, natSrcPort,
                natDstPort, replayWindow, srcFlow, dstFlow, disable);
    }

    /** True if packets of this SA travel as ESP-in-UDP (RFC 3948). */
    public boolean udpEncapsulated() {
        return natDstPort != 0;
    }

    @Override
    public String toString() {
        return sa + (inbound ? " inbound" : " outbound") + (tunnel ? " tunnel" : " transport")
                + " enc " + encryptAlg + " " + encryptKey + " auth " + integrityAlg + " " + integrityKey
                + (natDstPort != 0 ? " udp-encap " + natSrcPort + "->" + natDstPort : "")
                + (replayWindow != DEFAULT_REPLAY_WINDOW ? " replay " + replayWindow : "")
                + (srcFlow != null ? " flow " + srcFlow + "->" + dstFlow : "")
                + (disableArrivalCheck ? " disablearrivalcheck" : "");
    }
}
