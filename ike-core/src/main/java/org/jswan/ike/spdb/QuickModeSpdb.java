package org.jswan.ike.spdb;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jswan.ike.base.Bytes;
import org.jswan.ike.crypto.DhGroup;
import org.jswan.ike.crypto.EncryptionAlgorithm;
import org.jswan.ike.crypto.IntegrityAlgorithm;
import org.jswan.ike.wire.AhTransformId;
import org.jswan.ike.wire.Doi;
import org.jswan.ike.wire.EncapsulationMode;
import org.jswan.ike.wire.EspTransformId;
import org.jswan.ike.wire.IpcompTransformId;
import org.jswan.ike.wire.IpsecAttribute;
import org.jswan.ike.wire.LifeType;
import org.jswan.ike.wire.MalformedMessageException;
import org.jswan.ike.wire.ProposalPayload;
import org.jswan.ike.wire.ProtocolId;
import org.jswan.ike.wire.SaAttribute;
import org.jswan.ike.wire.SaPayload;
import org.jswan.ike.wire.TransformPayload;
import org.jswan.ike.whack.Policy;

/**
 * Phase 2 policy (FreeS/WAN's {@code ipsec_sadb} indexed by ENCRYPT/AUTHENTICATE/COMPRESS,
 * with AES and SHA2 ahead of 3DES, MD5 and SHA1).
 */
public final class QuickModeSpdb {
    private QuickModeSpdb() {
    }

    /** pluto(8) Policies: an IPsec SA lifetime above one day is silently clamped to it. */
    public static final Duration MAX_IPSEC_LIFETIME = Duration.ofSeconds(86400);

    private static final List<AlgorithmList.EspAlgorithm> ESP = List.of(
            new AlgorithmList.EspAlgorithm(EncryptionAlgorithm.AES_CBC, 256, IntegrityAlgorithm.HMAC_SHA2_256_128),
            new AlgorithmList.EspAlgorithm(EncryptionAlgorithm.AES_CBC, 128, IntegrityAlgorithm.HMAC_SHA1_96),
            new AlgorithmList.EspAlgorithm(EncryptionAlgorithm.TRIPLE_DES_CBC, 0, IntegrityAlgorithm.HMAC_SHA1_96),
            new AlgorithmList.EspAlgorithm(EncryptionAlgorithm.TRIPLE_DES_CBC, 0, IntegrityAlgorithm.HMAC_MD5_96));

    private static final List<IntegrityAlgorithm> AH = List.of(
            IntegrityAlgorithm.HMAC_SHA2_256_128, IntegrityAlgorithm.HMAC_SHA1_96, IntegrityAlgorithm.HMAC_MD5_96);

    /** Our offer: per protocol the transforms, in the order AH, ESP, IPCOMP (one conjunction). */
    public static Map<Integer, List<IpsecTransform>> offer(long policy, Duration life, int encapsulation, DhGroup pfs) {
        return offer(policy, life, encapsulation, pfs, null);
    }

    /** Our offer, restricted to (and ordered by) jswan's {@code --esp} list when {@code only} is not null. */
    public static Map<Integer, List<IpsecTransform>> offer(long policy, Duration life, int encapsulation, DhGroup pfs,
                                                           List<AlgorithmList.EspAlgorithm> only) {
        Map<Integer, List<IpsecTransform>> out = new LinkedHashMap<>();
        boolean ah = (policy & Policy.AUTHENTICATE) != 0;
        List<AlgorithmList.EspAlgorithm> espList = only == null ? ESP
                : only.stream().filter(a -> a.encryption() != null).toList();
        List<IntegrityAlgorithm> ahList = AH;
        if (only != null) {
            ahList = only.stream().filter(a -> a.encryption() == null).map(AlgorithmList.EspAlgorithm::integrity).toList();
            if (ahList.isEmpty()) {
                ahList = espList.stream().map(AlgorithmList.EspAlgorithm::integrity).distinct().toList();
            }
        }
        if (ah) {
            List<IpsecTransform> l = new ArrayList<>();
            for (IntegrityAlgorithm i : ahList) {
                l.add(new IpsecTransform(ProtocolId.IPSEC_AH.value(), i.ahTransform(), null, 0, i, encapsulation, life, pfs));
            }
            out.put(ProtocolId.IPSEC_AH.value(), l);
        }
        if ((policy & Policy.ENCRYPT) != 0) {
            List<IpsecTransform> l = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            for (AlgorithmList.EspAlgorithm c : espList) {
                IntegrityAlgorithm integ = ah ? null : c.integrity();
                IpsecTransform t = new IpsecTransform(ProtocolId.IPSEC_ESP.value(), c.encryption().espId(), c.encryption(),
                        c.encryption().variableKeyLength() ? c.keyBits() : c.encryption().defaultKeyBits(), integ,
                        encapsulation, life, pfs);
                if (seen.add(t.label())) {
                    l.add(t);
                }
            }
            out.put(ProtocolId.IPSEC_ESP.value(), l);
        }
        if ((policy & Policy.COMPRESS) != 0) {
            out.put(ProtocolId.IPCOMP.value(), List.of(new IpsecTransform(ProtocolId.IPCOMP.value(),
                    IpcompTransformId.IPCOMP_DEFLATE.value(), null, 0, null, encapsulation, life, null)));
        }
        return out;
    }

    public static List<String> labels(Map<Integer, List<IpsecTransform>> offer) {
        List<String> out = new ArrayList<>();
        offer.forEach((p, ts) -> ts.forEach(t -> out.add(ProtocolId.nameOf(p) + ":" + t.label())));
        return out;
    }

    /** The SA payload of QI1; {@code spis} maps each protocol to our inbound SPI (CPI in 2 bytes for IPCOMP). */
    public static SaPayload encode(Map<Integer, List<IpsecTransform>> offer, Map<Integer, Bytes> spis) {
        List<ProposalPayload> ps = new ArrayList<>();
        offer.forEach((proto, ts) -> {
            List<TransformPayload> tps = new ArrayList<>();
            int n = 1;
            for (IpsecTransform t : ts) {
                tps.add(new TransformPayload(n++, t.transformId(), attributes(t)));
            }
            ps.add(new ProposalPayload(1, proto, spis.get(proto), tps));
        });
        return new SaPayload(Doi.IPSEC, Doi.SIT_IDENTITY_ONLY, Bytes.EMPTY, ps);
    }

    /** pluto's order: [group], encapsulation, life type, life duration, [key length], auth algorithm. */
    static List<SaAttribute> attributes(IpsecTransform t) {
        List<SaAttribute> a = new ArrayList<>();
        boolean ipcomp = t.protocolId() == ProtocolId.IPCOMP.value();
        if (t.pfsGroup() != null && !ipcomp) {
            a.add(SaAttribute.basic(IpsecAttribute.GROUP_DESCRIPTION.value(), t.pfsGroup().oakleyId()));
        }
        if (!(ipcomp && t.encapsulation() == EncapsulationMode.TRANSPORT.value())) {
            a.add(SaAttribute.basic(IpsecAttribute.ENCAPSULATION_MODE.value(), t.encapsulation()));
        }
        a.add(SaAttribute.basic(IpsecAttribute.SA_LIFE_TYPE.value(), LifeType.SECONDS.value()));
        a.add(SaAttribute.number(IpsecAttribute.SA_LIFE_DURATION.value(), t.lifetime().toSeconds()));
        if (t.encryption() != null && t.encryption().variableKeyLength()) {
            a.add(SaAttribute.basic(IpsecAttribute.KEY_LENGTH.value(), t.keyBits()));
        }
        if (t.integrity() != null) {
            a.add(SaAttribute.basic(IpsecAttribute.AUTH_ALGORITHM.value(), t.integrity().authAlgorithm()));
        }
        return a;
    }

    /** One chosen protocol SA: the peer's SPI and the transform. */
    public record Chosen(int protocolId, Bytes peerSpi, IpsecTransform transform, int proposalNumber,
                         TransformPayload raw) {
    }

    /** The chosen conjunction, and the SA payload the responder sends back (without our SPIs filled). */
    public record Choice(List<Chosen> protocols) {
        public Optional<Chosen> get(int protocolId) {
            return protocols.stream().filter(c -> c.protocolId() == protocolId).findFirst();
        }

        public DhGroup pfsGroup() {
            for (Chosen c : protocols) {
                if (c.transform().pfsGroup() != null) {
                    return c.transform().pfsGroup();
                }
            }
            return null;
        }

        /** The SA payload echoing the chosen transforms with our SPIs. */
        public SaPayload reply(SaPayload offered, Map<Integer, Bytes> ourSpis) {
            List<ProposalPayload> ps = new ArrayList<>();
            for (Chosen c : protocols) {
                ps.add(new ProposalPayload(c.proposalNumber(), c.protocolId(), ourSpis.get(c.protocolId()),
                        List.of(c.raw())));
            }
            return new SaPayload(offered.doi(), offered.situation(), offered.situationData(), ps);
        }
    }

    /**
     * Responder selection (quick_inI1_outR1). Proposals with one number form a conjunction that
     * must be accepted whole; the first conjunction (in the peer's order) whose every proposal has
     * an acceptable transform wins.
     *
     * @param pfsRequired our policy has PFS
     * @param tunnelRequired the IDs describe subnets, so transport mode is impossible
     */
    public static Optional<Choice> select(SaPayload sa, long policy, boolean pfsRequired, Refusals why) {
        return select(sa, policy, pfsRequired, null, why);
    }

    /** As {@link #select(SaPayload, long, boolean, Refusals)}, accepting only transforms allowed by {@code only}. */
    public static Optional<Choice> select(SaPayload sa, long policy, boolean pfsRequired,
                                          List<AlgorithmList.EspAlgorithm> only, Refusals why) {
        Refusals offered = new Refusals();
        for (ProposalPayload p : sa.proposals()) {
            for (TransformPayload t : p.transforms()) {
                accept(p.protocolId(), t, offered);
            }
        }
        why.receivedAll(offered);
        List<List<ProposalPayload>> groups = new ArrayList<>();
        for (ProposalPayload p : sa.proposals()) {
            if (groups.isEmpty() || groups.get(groups.size() - 1).get(0).number() != p.number()) {
                groups.add(new ArrayList<>());
            }
            groups.get(groups.size() - 1).add(p);
        }
        for (List<ProposalPayload> g : groups) {
            Optional<Choice> c = selectConjunction(g, policy, pfsRequired, only, why);
            if (c.isPresent()) {
                return c;
            }
        }
        return Optional.empty();
    }

    private static Optional<Choice> selectConjunction(List<ProposalPayload> g, long policy, boolean pfsRequired,
                                                      List<AlgorithmList.EspAlgorithm> only, Refusals why) {
        List<Chosen> chosen = new ArrayList<>();
        boolean esp = false;
        boolean ah = false;
        boolean espAuth = false;
        for (ProposalPayload p : g) {
            String pname = "proposal " + p.number() + " " + ProtocolId.nameOf(p.protocolId());
            int expectedSpi = p.protocolId() == ProtocolId.IPCOMP.value() ? 2 : 4;
            if (p.protocolId() != ProtocolId.IPSEC_ESP.value() && p.protocolId() != ProtocolId.IPSEC_AH.value()
                    && p.protocolId() != ProtocolId.IPCOMP.value()) {
                why.refuse(pname, "protocol not supported in Quick Mode");
                return Optional.empty();
            }
            if (p.spi().length() != expectedSpi && !(expectedSpi == 2 && p.spi().length() == 4)) {
                why.refuse(pname, "SPI size " + p.spi().length() + " invalid");
                return Optional.empty();
            }
            Chosen c = null;
            for (TransformPayload t : p.transforms()) {
                Optional<IpsecTransform> ok = accept(p.protocolId(), t, why);
                if (ok.isPresent() && !allowedBy(only, ok.get())) {
                    why.refuse(pname + " transform " + t.number(), ok.get().label()
                            + " is not in this connection's --esp list");
                    continue;
                }
                if (ok.isPresent()) {
                    c = new Chosen(p.protocolId(), p.spi(), ok.get(), p.number(), t);
                    break;
                }
            }
            if (c == null) {
                return Optional.empty();
            }
            chosen.add(c);
            if (p.protocolId() == ProtocolId.IPSEC_ESP.value()) {
                esp = true;
                espAuth = c.transform().integrity() != null;
            } else if (p.protocolId() == ProtocolId.IPSEC_AH.value()) {
                ah = true;
            } else if ((policy & Policy.COMPRESS) == 0) {
                why.refuse("proposal " + p.number(), "IPCOMP offered but compression not in our policy");
                return Optional.empty();
            }
        }
        String what = "proposal " + g.get(0).number();
        if ((policy & Policy.ENCRYPT) != 0 && !esp) {
            why.refuse(what, "our policy requires ESP encryption");
            return Optional.empty();
        }
        if ((policy & Policy.ENCRYPT) == 0 && esp) {
            why.refuse(what, "ESP offered but our policy does not encrypt");
            return Optional.empty();
        }
        if ((policy & Policy.AUTHENTICATE) != 0 && !ah && !espAuth) {
            why.refuse(what, "our policy requires AH or authenticated ESP");
            return Optional.empty();
        }
        if (esp && !espAuth && !ah) {
            why.refuse(what, "ESP without authentication is only acceptable together with AH");
            return Optional.empty();
        }
        DhGroup group = null;
        for (Chosen c : chosen) {
            DhGroup cg = c.transform().pfsGroup();
            if (c.protocolId() == ProtocolId.IPCOMP.value()) {
                continue;
            }
            if (group == null) {
                group = cg;
            } else if (cg != null && cg != group) {
                why.refuse(what, "different GROUP_DESCRIPTIONs within one SA");
                return Optional.empty();
            }
        }
        if (pfsRequired && group == null) {
            why.refuse(what, "we require PFS but the Quick Mode SA specifies no GROUP_DESCRIPTION");
            return Optional.empty();
        }
        return Optional.of(new Choice(chosen));
    }

    private static boolean allowedBy(List<AlgorithmList.EspAlgorithm> only, IpsecTransform t) {
        if (only == null || t.protocolId() == ProtocolId.IPCOMP.value()) {
            return true;
        }
        for (AlgorithmList.EspAlgorithm a : only) {
            if (t.protocolId() == ProtocolId.IPSEC_AH.value()) {
                if (a.integrity() == t.integrity()) {
                    return true;
                }
                continue;
            }
            if (a.encryption() == null || a.encryption() != t.encryption()) {
                continue;
            }
            boolean bits = !a.encryption().variableKeyLength() || a.keyBits() == t.keyBits();
            boolean integ = t.integrity() == null || a.integrity() == t.integrity();
            if (bits && integ) {
                return true;
            }
        }
        return false;
    }

    /** Initiator: check the responder's SA (one proposal per protocol we offered, one transform each). */
    public static Optional<Choice> checkReply(SaPayload sa, Map<Integer, List<IpsecTransform>> offered, Refusals why) {
        List<Chosen> out = new ArrayList<>();
        for (ProposalPayload p : sa.proposals()) {
            if (p.transforms().size() != 1 || !offered.containsKey(p.protocolId())) {
                why.refuse("responder's " + ProtocolId.nameOf(p.protocolId()) + " proposal",
                        "must be one transform of a protocol we offered");
                return Optional.empty();
            }
            Optional<IpsecTransform> t = accept(p.protocolId(), p.transforms().get(0), why);
            if (t.isEmpty()) {
                return Optional.empty();
            }
            boolean wasOffered = offered.get(p.protocolId()).stream().anyMatch(o -> sameAlgorithms(o, t.get()));
            if (!wasOffered) {
                why.refuse("responder's " + ProtocolId.nameOf(p.protocolId()) + " transform",
                        t.get().label() + " is not one we proposed");
                return Optional.empty();
            }
            out.add(new Chosen(p.protocolId(), p.spi(), t.get(), p.number(), p.transforms().get(0)));
        }
        if (out.size() != offered.size()) {
            why.refuse("responder's SA", "does not answer every protocol we proposed");
            return Optional.empty();
        }
        return Optional.of(new Choice(out));
    }

    private static boolean sameAlgorithms(IpsecTransform a, IpsecTransform b) {
        return a.transformId() == b.transformId() && a.encryption() == b.encryption() && a.keyBits() == b.keyBits()
                && a.integrity() == b.integrity() && a.pfsGroup() == b.pfsGroup()
                && a.encapsulation() == b.encapsulation();
    }

    static Optional<IpsecTransform> accept(int proto, TransformPayload t, Refusals why) {
        String name = ProtocolId.nameOf(proto) + " transform " + t.number();
        EncryptionAlgorithm enc = null;
        IntegrityAlgorithm integ = null;
        if (proto == ProtocolId.IPSEC_ESP.value()) {
            enc = EncryptionAlgorithm.fromEsp(t.transformId());
            if (enc == null) {
                why.received(EspTransformId.nameOf(t.transformId()));
                why.refuse(name, EspTransformId.nameOf(t.transformId()) + " not supported");
                return Optional.empty();
            }
        } else if (proto == ProtocolId.IPCOMP.value() && t.transformId() != IpcompTransformId.IPCOMP_DEFLATE.value()) {
            why.received(IpcompTransformId.nameOf(t.transformId()));
            why.refuse(name, IpcompTransformId.nameOf(t.transformId()) + " not supported");
            return Optional.empty();
        }
        int encaps = EncapsulationMode.TRANSPORT.value();
        int keyBits = 0;
        boolean keyLengthGiven = false; // an explicit 0 is a bad length, not "none given"
        Duration life = Duration.ofSeconds(28800); // RFC 2407 §4.5: default 28800 s
        DhGroup group = null;
        int lifeType = -1;
        Set<Integer> seen = new HashSet<>();
        try {
            for (SaAttribute a : t.attributes()) {
                IpsecAttribute at = IpsecAttribute.fromValue(a.type());
                if (at == null) {
                    why.refuse(name, "unknown attribute type " + a.type());
                    return Optional.empty();
                }
                if (!seen.add(a.type()) && at != IpsecAttribute.SA_LIFE_TYPE && at != IpsecAttribute.SA_LIFE_DURATION) {
                    why.refuse(name, "attribute " + at.name() + " repeated");
                    return Optional.empty();
                }
                long v = a.numericValue();
                switch (at) {
                    case SA_LIFE_TYPE -> lifeType = (int) v;
                    case SA_LIFE_DURATION -> {
                        if (lifeType == LifeType.SECONDS.value()) {
                            // pluto(8): "the maximum acceptable lifetime is one day"; larger is clamped
                            life = Duration.ofSeconds(Math.min(v < 0 ? Long.MAX_VALUE : v, MAX_IPSEC_LIFETIME.toSeconds()));
                        } else if (lifeType != LifeType.KILOBYTES.value()) {
                            why.refuse(name, "SA_LIFE_DURATION without a valid SA_LIFE_TYPE");
                            return Optional.empty();
                        }
                        lifeType = -1;
                    }
                    case GROUP_DESCRIPTION -> {
                        group = DhGroup.fromOakley((int) v);
                        if (group == null) {
                            why.refuse(name, "PFS group " + org.jswan.ike.wire.OakleyGroupId.nameOf((int) v)
                                    + " not supported");
                            return Optional.empty();
                        }
                    }
                    case ENCAPSULATION_MODE -> encaps = (int) v;
                    case AUTH_ALGORITHM -> {
                        integ = IntegrityAlgorithm.fromAuthAlgorithm((int) v);
                        if (integ == null) {
                            why.refuse(name, "auth algorithm " + org.jswan.ike.wire.AuthAlgorithm.nameOf((int) v)
                                    + " not supported");
                            return Optional.empty();
                        }
                    }
                    case KEY_LENGTH -> {
                        keyBits = (int) v;
                        keyLengthGiven = true;
                    }
                    default -> {
                        why.refuse(name, "attribute " + at.name() + " not supported");
                        return Optional.empty();
                    }
                }
            }
        } catch (MalformedMessageException e) {
            why.refuse(name, e.detail());
            return Optional.empty();
        }
        if (EncapsulationMode.fromValue(encaps) == null) {
            why.refuse(name, "encapsulation mode " + encaps + " not supported");
            return Optional.empty();
        }
        if (enc != null) {
            if (enc.variableKeyLength()) {
                keyBits = keyLengthGiven ? keyBits : enc.defaultKeyBits();
                if (!enc.keyLengthValid(keyBits)) {
                    why.refuse(name, "key length " + keyBits + " not valid for " + enc.name());
                    return Optional.empty();
                }
            } else if (keyLengthGiven) {
                why.refuse(name, "KEY_LENGTH given for fixed-length cipher " + enc.name());
                return Optional.empty();
            } else {
                keyBits = enc.defaultKeyBits();
            }
        }
        if (proto == ProtocolId.IPSEC_AH.value()) {
            IntegrityAlgorithm byId = IntegrityAlgorithm.fromAhTransform(t.transformId());
            if (byId == null || (integ != null && integ != byId)) {
                why.received(AhTransformId.nameOf(t.transformId()));
                why.refuse(name, AhTransformId.nameOf(t.transformId()) + " not supported or auth algorithm mismatch");
                return Optional.empty();
            }
            integ = byId;
        }
        IpsecTransform out = new IpsecTransform(proto, t.transformId(), enc, keyBits, integ, encaps, life, group);
        why.received(ProtocolId.nameOf(proto) + ":" + out.label());
        return Optional.of(out);
    }
}
