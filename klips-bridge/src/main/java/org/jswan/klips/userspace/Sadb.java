package org.jswan.klips.userspace;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.random.RandomGenerator;
import org.jswan.klips.KernelException;
import org.jswan.klips.KeyMaterial;
import org.jswan.klips.SaParams;
import org.jswan.klips.SaProto;
import org.jswan.klips.SaRef;
import org.jswan.klips.esp.AhTransform;
import org.jswan.klips.esp.EncryptionAlgorithm;
import org.jswan.klips.esp.EspTransform;
import org.jswan.klips.esp.IntegrityAlgorithm;
import org.jswan.klips.esp.IpComp;

/**
 * The security association database, keyed as KLIPS keyed it by (destination, protocol, SPI);
 * for IPCOMP the SPI is the 16-bit CPI. Lookups are lock-free; changes are synchronised.
 */
final class Sadb {
    /** What names an SA: destination address, protocol and SPI. */
    record Key(InetAddress dst, SaProto proto, long spi) {
        static Key of(SaRef r) {
            return new Key(r.dst(), r.proto(), r.proto() == SaProto.IPCOMP ? r.spi() & 0xffff : r.spi());
        }

        @Override
        public String toString() {
            return new SaRef(proto, spi, dst, dst).toString();
        }
    }

    private static final int LARVAL_MAX = 4096;

    private final Map<Key, SaEntry> sas = new ConcurrentHashMap<>();
    private final Set<Key> larval = new HashSet<>();
    private final Deque<Key> larvalOrder = new ArrayDeque<>();
    private final RandomGenerator rng;
    private final int ipcompThreshold;
    private long nextSpi = -1;

    Sadb(RandomGenerator rng, int ipcompThreshold) {
        this.rng = rng;
        this.ipcompThreshold = ipcompThreshold;
    }

    SaEntry get(SaRef ref) {
        return sas.get(Key.of(ref));
    }

    SaEntry get(InetAddress dst, SaProto proto, long spi) {
        return sas.get(new Key(dst, proto, spi));
    }

    List<SaEntry> all() {
        return new ArrayList<>(sas.values());
    }

    /**
     * {@code SADB_GETSPI}: an unused SPI in {@code [min, max]}, reserved until the SA is added.
     * As pluto chose them for KLIPS (facts §7.3): the first at random, then counting up.
     */
    synchronized long getSpi(SaProto proto, InetAddress dst, long min, long max) throws KernelException {
        long top = proto == SaProto.IPCOMP ? 0xffffL : 0xffff_ffffL;
        if (min < 0 || max > top || min > max) {
            throw new KernelException("getspi: bad range 0x" + Long.toHexString(min) + "-0x" + Long.toHexString(max));
        }
        long span = max - min + 1;
        if (nextSpi < 0) {
            nextSpi = rng.nextLong(1L << 32);
        }
        for (long tries = 0; tries < Math.min(span, 1L << 20); tries++) {
            long spi = min + Math.floorMod(nextSpi++, span);
            Key k = new Key(dst, proto, spi);
            if (!sas.containsKey(k) && !larval.contains(k)) {
                larval.add(k);
                larvalOrder.addLast(k);
                if (larvalOrder.size() > LARVAL_MAX) {
                    larval.remove(larvalOrder.removeFirst());
                }
                return spi;
            }
        }
        throw new KernelException("getspi: no free SPI in 0x" + Long.toHexString(min) + "-0x" + Long.toHexString(max));
    }

    /** {@code SADB_ADD}: builds the SA's transform from its keys, which are then zeroised. */
    synchronized SaEntry add(SaParams p) throws KernelException {
        SaRef r = p.sa();
        if (r.proto() == SaProto.INT) {
            throw new KernelException("cannot add " + r + ": shunts are eroute targets, not SAs");
        }
        if (!(r.src() instanceof Inet4Address) || !(r.dst() instanceof Inet4Address)) {
            throw new KernelException("cannot add " + r + ": the userspace KLIPS carries IPv4 outer addresses only");
        }
        if (r.proto() == SaProto.IPCOMP && r.spi() > 0xffff) {
            throw new KernelException("cannot add " + r + ": a CPI has 16 bits");
        }
        if (p.udpEncapsulated() && r.proto() != SaProto.ESP) {
            throw new KernelException("cannot add " + r + ": only ESP is UDP-encapsulated (RFC 3948)");
        }
        Key k = Key.of(r);
        if (sas.containsKey(k)) {
            throw new KernelException("cannot add " + r + ": SA exists");
        }
        SaEntry e = build(p);
        sas.put(k, e);
        larval.remove(k);
        return e;
    }

    private SaEntry build(SaParams p) throws KernelException {
        SaRef r = p.sa();
        switch (r.proto()) {
            case ESP: {
                EncryptionAlgorithm enc = EncryptionAlgorithm.fromPfkey(p.encryptAlg()).orElseThrow(
                        () -> new KernelException("cannot add " + r + ": encryption algorithm " + p.encryptAlg()
                                + " not supported"));
                IntegrityAlgorithm integ = integrity(p);
                byte[] ek = key(p.encryptKey(), r, "encryption");
                byte[] ik = key(p.integrityKey(), r, "integrity");
                try {
                    if (!enc.acceptsKeyLength(ek.length)) {
                        throw new KernelException("cannot add " + r + ": " + enc.pfkeyName() + " key of " + ek.length
                                + " bytes");
                    }
                    checkIntegrityKey(r, integ, ik);
                    return new SaEntry(p, new EspTransform(r.spi(), enc, ek, integ, ik), null, null,
                            enc.pfkeyName() + "/" + integ.pfkeyName());
                } finally {
                    Arrays.fill(ek, (byte) 0);
                    Arrays.fill(ik, (byte) 0);
                }
            }
            case AH: {
                IntegrityAlgorithm integ = integrity(p);
                byte[] ik = key(p.integrityKey(), r, "integrity");
                try {
                    checkIntegrityKey(r, integ, ik);
                    return new SaEntry(p, null, new AhTransform(r.spi(), integ, ik), null, integ.pfkeyName());
                } finally {
                    Arrays.fill(ik, (byte) 0);
                }
            }
            case IPCOMP:
                // pluto negotiates DEFLATE only; 0 ("unspecified") is taken as DEFLATE
                if (p.encryptAlg() != 0 && p.encryptAlg() != IpComp.CALG_DEFLATE) {
                    throw new KernelException("cannot add " + r + ": compression algorithm " + p.encryptAlg()
                            + " not supported");
                }
                return new SaEntry(p, null, null, new IpComp((int) r.spi(), ipcompThreshold), "SADB_X_CALG_DEFLATE");
            case IPIP:
                return new SaEntry(p, null, null, null, "IPIP");
            default:
                throw new KernelException("cannot add " + r);
        }
    }

    private static IntegrityAlgorithm integrity(SaParams p) throws KernelException {
        return IntegrityAlgorithm.fromPfkey(p.integrityAlg()).orElseThrow(() -> new KernelException(
                "cannot add " + p.sa() + ": integrity algorithm " + p.integrityAlg() + " not supported"
                        + (p.integrityAlg() == 0 ? " (ESP and AH need one)" : "")));
    }

    private static void checkIntegrityKey(SaRef r, IntegrityAlgorithm integ, byte[] ik) throws KernelException {
        // RFC 4868 §2.1.1 (and RFC 2403/2404): the key is as long as the hash output
        if (ik.length != integ.keyLength()) {
            throw new KernelException("cannot add " + r + ": " + integ.pfkeyName() + " key of " + ik.length + " bytes");
        }
    }

    private static byte[] key(KeyMaterial k, SaRef r, String what) throws KernelException {
        byte[] b = k.reveal();
        if (b == null || b.length != k.length()) {
            throw new KernelException("cannot add " + r + ": " + what + " key not as long as announced");
        }
        return b;
    }

    /** {@code SADB_DELETE}: removes the SA and unlinks it from its group. */
    synchronized SaEntry delete(SaRef ref) throws KernelException {
        SaEntry e = sas.remove(Key.of(ref));
        if (e == null) {
            throw new KernelException("cannot delete " + ref + ": no such SA");
        }
        if (e.inner != null) {
            e.inner.outer = null;
        }
        if (e.outer != null) {
            e.outer.inner = null;
        }
        e.close();
        return e;
    }

    /** {@code SADB_X_GRPSA}: {@code inner} is applied before {@code outer} on output. */
    synchronized void group(SaRef innerRef, SaRef outerRef) throws KernelException {
        SaEntry in = get(innerRef);
        SaEntry out = get(outerRef);
        if (in == null || out == null) {
            throw new KernelException("cannot group " + innerRef + " with " + outerRef + ": no such SA "
                    + (in == null ? innerRef : outerRef));
        }
        if (in == out || (in.outer != null && in.outer != out) || (out.inner != null && out.inner != in)) {
            throw new KernelException("cannot group " + innerRef + " with " + outerRef + ": already grouped");
        }
        if (!in.ref.src().equals(out.ref.src()) || !in.ref.dst().equals(out.ref.dst())) {
            throw new KernelException("cannot group " + innerRef + " with " + outerRef + ": different endpoints");
        }
        if (in.params.udpEncapsulated()) {
            throw new KernelException("cannot group " + innerRef + " with " + outerRef
                    + ": a UDP-encapsulated ESP SA must be applied last (RFC 3948 carries ESP only)");
        }
        if (out.proto() == SaProto.IPIP) {
            throw new KernelException("cannot group " + innerRef + " with " + outerRef
                    + ": the IPIP SA is applied first, before every other SA of its group");
        }
        for (SaEntry e : out.chain()) {
            if (e == in) {
                throw new KernelException("cannot group " + innerRef + " with " + outerRef + ": a loop");
            }
        }
        in.outer = out;
        out.inner = in;
    }

    /** Whether {@link #getSpi} handed out this SPI and no SA has it yet. */
    synchronized boolean isLarval(SaRef ref) {
        return larval.contains(Key.of(ref));
    }

    /** {@code SADB_FLUSH}: removes every SA of {@code proto}, or every SA when it is null. */
    synchronized void flush(SaProto proto) {
        for (SaEntry e : all()) {
            if (proto == null || e.proto() == proto) {
                sas.remove(Key.of(e.ref));
                e.inner = null;
                e.outer = null;
                e.close();
            }
        }
        for (SaEntry e : sas.values()) {
            if (e.inner != null && !sas.containsValue(e.inner)) {
                e.inner = null;
            }
            if (e.outer != null && !sas.containsValue(e.outer)) {
                e.outer = null;
            }
        }
    }

    synchronized void clear() {
        for (SaEntry e : sas.values()) {
            e.close();
        }
        sas.clear();
        larval.clear();
        larvalOrder.clear();
    }
}
