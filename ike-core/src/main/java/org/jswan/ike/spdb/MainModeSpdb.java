package org.jswan.ike.spdb;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jswan.ike.base.Bytes;
import org.jswan.ike.crypto.DhGroup;
import org.jswan.ike.crypto.EncryptionAlgorithm;
import org.jswan.ike.crypto.HashAlgorithm;
import org.jswan.ike.wire.Doi;
import org.jswan.ike.wire.KeyTransformId;
import org.jswan.ike.wire.LifeType;
import org.jswan.ike.wire.MalformedMessageException;
import org.jswan.ike.wire.OakleyAttribute;
import org.jswan.ike.wire.ProposalPayload;
import org.jswan.ike.wire.ProtocolId;
import org.jswan.ike.wire.SaAttribute;
import org.jswan.ike.wire.SaPayload;
import org.jswan.ike.wire.TransformPayload;
import org.jswan.ike.whack.Policy;

/**
 * Phase 1 policy: the Oakley transforms we propose and those we accept.
 *
 * <p>FreeS/WAN proposed 3DES with MD5/SHA1 and MODP1536/1024 only; jswan proposes AES and
 * SHA2 with MODP2048 first, then FreeS/WAN's four, because today's peers refuse the old ones.
 */
public final class MainModeSpdb {
    private MainModeSpdb() {
    }

    /** pluto(8) / reference §2.5: an ISAKMP SA lifetime above this is refused. */
    public static final Duration MAX_ISAKMP_LIFETIME = Duration.ofSeconds(86400);

    private static final List<OakleyTransform> CATALOGUE = List.of(
            t(EncryptionAlgorithm.AES_CBC, 256, HashAlgorithm.SHA2_256, DhGroup.MODP2048),
            t(EncryptionAlgorithm.AES_CBC, 128, HashAlgorithm.SHA1, DhGroup.MODP2048),
            t(EncryptionAlgorithm.TRIPLE_DES_CBC, 0, HashAlgorithm.MD5, DhGroup.MODP1536),
            t(EncryptionAlgorithm.TRIPLE_DES_CBC, 0, HashAlgorithm.SHA1, DhGroup.MODP1536),
            t(EncryptionAlgorithm.TRIPLE_DES_CBC, 0, HashAlgorithm.SHA1, DhGroup.MODP1024),
            t(EncryptionAlgorithm.TRIPLE_DES_CBC, 0, HashAlgorithm.MD5, DhGroup.MODP1024));

    private static OakleyTransform t(EncryptionAlgorithm e, int bits, HashAlgorithm h, DhGroup g) {
        return new OakleyTransform(e, bits, h, 0, g, Duration.ZERO);
    }

    /**
     * Our offer for a connection: the catalogue once per authentication method the policy allows
     * (RSA before PSK when both, as FreeS/WAN's mixed table alternated them).
     */
    public static List<OakleyTransform> proposal(long policy, Duration lifetime) {
        return proposal(policy, lifetime, null);
    }

    /** Our offer restricted to (and ordered by) {@code only} when it is not null (jswan {@code --ike}). */
    public static List<OakleyTransform> proposal(long policy, Duration lifetime, List<OakleyTransform> only) {
        List<OakleyTransform> out = new ArrayList<>();
        for (OakleyTransform c : only != null ? only : CATALOGUE) {
            if ((policy & Policy.RSASIG) != 0) {
                out.add(new OakleyTransform(c.encryption(), c.keyBits(), c.hash(), OakleyTransform.AUTH_RSA_SIG,
                        c.group(), lifetime));
            }
            if ((policy & Policy.PSK) != 0) {
                out.add(new OakleyTransform(c.encryption(), c.keyBits(), c.hash(), OakleyTransform.AUTH_PSK,
                        c.group(), lifetime));
            }
        }
        return out;
    }

    public static List<String> labels(List<OakleyTransform> ts) {
        List<String> out = new ArrayList<>();
        for (OakleyTransform t : ts) {
            out.add(t.label() + (t.authMethod() == OakleyTransform.AUTH_RSA_SIG ? "-RSASIG" : "-PSK"));
        }
        return out;
    }

    /** The SA payload of MI1: one ISAKMP proposal, one KEY_IKE transform per offer. */
    public static SaPayload encode(List<OakleyTransform> offer) {
        List<TransformPayload> ts = new ArrayList<>();
        int n = 1;
        for (OakleyTransform t : offer) {
            ts.add(new TransformPayload(n++, KeyTransformId.KEY_IKE.value(), attributes(t)));
        }
        ProposalPayload p = new ProposalPayload(1, ProtocolId.ISAKMP.value(), Bytes.EMPTY, ts);
        return new SaPayload(Doi.IPSEC, Doi.SIT_IDENTITY_ONLY, Bytes.EMPTY, List.of(p));
    }

    /** pluto's attribute order: life type, life duration, encryption, [key length], hash, auth, group. */
    static List<SaAttribute> attributes(OakleyTransform t) {
        List<SaAttribute> a = new ArrayList<>();
        a.add(SaAttribute.basic(OakleyAttribute.LIFE_TYPE.value(), LifeType.SECONDS.value()));
        a.add(SaAttribute.number(OakleyAttribute.LIFE_DURATION.value(), t.lifetime().toSeconds()));
        a.add(SaAttribute.basic(OakleyAttribute.ENCRYPTION_ALGORITHM.value(), t.encryption().oakleyId()));
        if (t.encryption().variableKeyLength()) {
            a.add(SaAttribute.basic(OakleyAttribute.KEY_LENGTH.value(), t.keyBits()));
        }
        a.add(SaAttribute.basic(OakleyAttribute.HASH_ALGORITHM.value(), t.hash().oakleyId()));
        a.add(SaAttribute.basic(OakleyAttribute.AUTHENTICATION_METHOD.value(), t.authMethod()));
        a.add(SaAttribute.basic(OakleyAttribute.GROUP_DESCRIPTION.value(), t.group().oakleyId()));
        return a;
    }

    /** The responder's choice: which proposal and transform, the parsed values, and the reply SA. */
    public record Choice(OakleyTransform transform, SaPayload reply) {
    }

    /**
     * Responder selection (main_inI1_outR1): the first transform, in the peer's order, that our
     * policy accepts. {@code authAvailable} says whether we can do an auth method (e.g. a PSK
     * exists for this peer).
     */
    public static Optional<Choice> select(SaPayload sa, long policy, java.util.function.IntPredicate authAvailable,
                                          Refusals why) {
        return select(sa, policy, authAvailable, null, why);
    }

    /** As {@link #select(SaPayload, long, java.util.function.IntPredicate, Refusals)}, accepting only {@code only} if set. */
    public static Optional<Choice> select(SaPayload sa, long policy, java.util.function.IntPredicate authAvailable,
                                          List<OakleyTransform> only, Refusals why) {
        Refusals offered = new Refusals();
        for (ProposalPayload p : sa.proposals()) {
            for (TransformPayload t : p.transforms()) {
                accept(t, policy, a -> true, offered);
            }
        }
        why.receivedAll(offered);
        for (ProposalPayload p : sa.proposals()) {
            if (p.protocolId() != ProtocolId.ISAKMP.value()) {
                why.refuse("proposal " + p.number(), "protocol " + ProtocolId.nameOf(p.protocolId())
                        + " is not PROTO_ISAKMP");
                continue;
            }
            for (TransformPayload t : p.transforms()) {
                Optional<OakleyTransform> ok = accept(t, policy, authAvailable, why);
                if (ok.isPresent() && only != null && only.stream().noneMatch(o -> sameSuite(o, ok.get()))) {
                    why.refuse("Oakley transform " + t.number(), ok.get().label() + " is not in this connection's --ike list");
                    continue;
                }
                if (ok.isPresent()) {
                    ProposalPayload rp = new ProposalPayload(p.number(), p.protocolId(), p.spi(), List.of(t));
                    SaPayload reply = new SaPayload(sa.doi(), sa.situation(), sa.situationData(), List.of(rp));
                    return Optional.of(new Choice(ok.get(), reply));
                }
            }
        }
        return Optional.empty();
    }

    /** Same cipher (and key size), hash and group. */
    public static boolean sameSuite(OakleyTransform a, OakleyTransform b) {
        return a.encryption() == b.encryption() && a.hash() == b.hash() && a.group() == b.group()
                && (!a.encryption().variableKeyLength() || a.keyBits() == b.keyBits());
    }

    /** Initiator: the responder must return exactly one proposal with one acceptable transform. */
    public static Optional<OakleyTransform> checkReply(SaPayload sa, long policy, Refusals why) {
        if (sa.proposals().size() != 1 || sa.proposals().get(0).transforms().size() != 1) {
            why.refuse("responder's SA", "it must contain exactly one proposal with one transform");
            return Optional.empty();
        }
        return accept(sa.proposals().get(0).transforms().get(0), policy, m -> true, why);
    }

    /** Parses one transform and says whether we accept it, logging the reason if not. */
    static Optional<OakleyTransform> accept(TransformPayload t, long policy, java.util.function.IntPredicate authAvailable,
                                            Refusals why) {
        String name = "Oakley transform " + t.number();
        if (t.transformId() != KeyTransformId.KEY_IKE.value()) {
            why.refuse(name, "transform ID " + t.transformId() + " is not KEY_IKE");
            return Optional.empty();
        }
        EncryptionAlgorithm enc = null;
        HashAlgorithm hash = null;
        DhGroup group = null;
        int auth = -1;
        int keyBits = 0;
        boolean keyLengthGiven = false; // an explicit 0 is a bad length, not "none given"
        int lifeType = -1;
        Duration life = Duration.ofSeconds(28800); // RFC 2407 §4.5 default when none is given
        Set<Integer> seen = new HashSet<>();
        StringBuilder label = new StringBuilder();
        try {
            for (SaAttribute a : t.attributes()) {
                if (!seen.add(a.type()) && a.type() != OakleyAttribute.LIFE_DURATION.value()
                        && a.type() != OakleyAttribute.LIFE_TYPE.value()) {
                    why.refuse(name, "attribute " + OakleyAttribute.nameOf(a.type()) + " repeated");
                    return Optional.empty();
                }
                long v = a.numericValue();
                OakleyAttribute at = OakleyAttribute.fromValue(a.type());
                if (at == null) {
                    why.refuse(name, "unknown attribute type " + a.type());
                    return Optional.empty();
                }
                switch (at) {
                    case ENCRYPTION_ALGORITHM -> {
                        enc = EncryptionAlgorithm.fromOakley((int) v);
                        label.append(org.jswan.ike.wire.OakleyEncryption.nameOf((int) v));
                        if (enc == null) {
                            why.refuse(name, "encryption " + org.jswan.ike.wire.OakleyEncryption.nameOf((int) v)
                                    + " not supported");
                            return Optional.empty();
                        }
                    }
                    case HASH_ALGORITHM -> {
                        hash = HashAlgorithm.fromOakley((int) v);
                        label.append('-').append(org.jswan.ike.wire.OakleyHash.nameOf((int) v));
                        if (hash == null) {
                            why.refuse(name, "hash " + org.jswan.ike.wire.OakleyHash.nameOf((int) v) + " not supported");
                            return Optional.empty();
                        }
                    }
                    case AUTHENTICATION_METHOD -> auth = (int) v;
                    case GROUP_DESCRIPTION -> {
                        group = DhGroup.fromOakley((int) v);
                        label.append('-').append(org.jswan.ike.wire.OakleyGroupId.nameOf((int) v));
                        if (group == null) {
                            why.refuse(name, "group " + org.jswan.ike.wire.OakleyGroupId.nameOf((int) v)
                                    + " not supported");
                            return Optional.empty();
                        }
                    }
                    case KEY_LENGTH -> {
                        keyBits = (int) v;
                        keyLengthGiven = true;
                    }
                    case LIFE_TYPE -> lifeType = (int) v;
                    case LIFE_DURATION -> {
                        if (lifeType == -1) {
                            why.refuse(name, "LIFE_DURATION without a preceding LIFE_TYPE");
                            return Optional.empty();
                        }
                        if (lifeType == LifeType.SECONDS.value()) {
                            if (v > MAX_ISAKMP_LIFETIME.toSeconds() || v < 0) {
                                why.refuse(name, "peer requested " + Long.toUnsignedString(v)
                                        + " seconds which exceeds our limit " + MAX_ISAKMP_LIFETIME.toSeconds()
                                        + " seconds");
                                return Optional.empty();
                            }
                            life = Duration.ofSeconds(v);
                        } else if (lifeType != LifeType.KILOBYTES.value()) {
                            why.refuse(name, "unknown life type " + lifeType);
                            return Optional.empty();
                        }
                        lifeType = -1;
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
        why.received(label.toString());
        if (enc == null || hash == null || group == null || auth == -1) {
            why.refuse(name, "missing " + (enc == null ? "ENCRYPTION_ALGORITHM" : hash == null ? "HASH_ALGORITHM"
                    : group == null ? "GROUP_DESCRIPTION" : "AUTHENTICATION_METHOD"));
            return Optional.empty();
        }
        if (enc.variableKeyLength()) {
            if (!keyLengthGiven) {
                keyBits = enc.defaultKeyBits();
            }
            if (!enc.keyLengthValid(keyBits)) {
                why.refuse(name, "key length " + keyBits + " not valid for " + enc.name());
                return Optional.empty();
            }
        } else if (keyLengthGiven) {
            why.refuse(name, "KEY_LENGTH given for fixed-length cipher " + enc.name());
            return Optional.empty();
        }
        if (auth == OakleyTransform.AUTH_PSK) {
            if ((policy & Policy.PSK) == 0) {
                why.refuse(name, "OAKLEY_PRESHARED_KEY not allowed by policy");
                return Optional.empty();
            }
        } else if (auth == OakleyTransform.AUTH_RSA_SIG) {
            if ((policy & Policy.RSASIG) == 0) {
                why.refuse(name, "OAKLEY_RSA_SIG not allowed by policy");
                return Optional.empty();
            }
        } else {
            why.refuse(name, "authentication method " + org.jswan.ike.wire.OakleyAuthMethod.nameOf(auth)
                    + " not supported");
            return Optional.empty();
        }
        if (!authAvailable.test(auth)) {
            why.refuse(name, auth == OakleyTransform.AUTH_PSK ? "no preshared key found for this peer"
                    : "no RSA key available");
            return Optional.empty();
        }
        return Optional.of(new OakleyTransform(enc, enc.variableKeyLength() ? keyBits : enc.defaultKeyBits() , hash, auth,
                group, life));
    }
}
