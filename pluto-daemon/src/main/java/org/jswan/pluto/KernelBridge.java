package org.jswan.pluto;

import java.util.ArrayList;
import java.util.List;
import org.jswan.ike.base.Bytes;
import org.jswan.ike.base.Endpoint;
import org.jswan.ike.engine.kernel.KernelRequest;
import org.jswan.ike.whack.Debug;
import org.jswan.klips.Kernel;
import org.jswan.klips.KernelException;
import org.jswan.klips.KeyMaterial;
import org.jswan.klips.SaParams;
import org.jswan.klips.SaProto;
import org.jswan.klips.SaRef;

/**
 * Carries out the engine's {@link KernelRequest}s on a klips-bridge {@link Kernel}: the one place
 * where ike-core's values become the bridge's (the bridge does not know ike-core).
 */
final class KernelBridge implements AutoCloseable {
    private final Kernel kernel;
    private final PlutoLog log;
    private final String firstUseNote;
    private boolean used;

    /**
     * @param firstUseNote logged once, with the first request (says that nothing is installed)
     */
    KernelBridge(Kernel kernel, PlutoLog log, String firstUseNote) {
        this.kernel = kernel;
        this.log = log;
        this.firstUseNote = firstUseNote;
    }

    String backendName() {
        return kernel.name();
    }

    private static org.jswan.klips.Eroute eroute(KernelRequest.Eroute er) {
        org.jswan.klips.Eroute.Op op = switch (er.op()) {
            case ADD -> org.jswan.klips.Eroute.Op.ADD;
            case REPLACE -> org.jswan.klips.Eroute.Op.REPLACE;
            case DELETE -> org.jswan.klips.Eroute.Op.DELETE;
        };
        SaRef sa = null;
        if (er.shunt() != null) {
            sa = org.jswan.klips.Shunt.valueOf(er.shunt().name()).ref();
        } else if (er.proto() != null) {
            SaProto p = er.proto() == KernelRequest.SaProto.AH ? SaProto.AH : SaProto.ESP;
            sa = new SaRef(p, er.spi(), er.src().toInetAddress(), er.dst().toInetAddress());
        }
        return new org.jswan.klips.Eroute(op, net(er.ourClient()), net(er.peerClient()), sa);
    }

    private static org.jswan.klips.Net net(org.jswan.ike.base.Subnet s) {
        return new org.jswan.klips.Net(s.network().toInetAddress(), s.prefixLength());
    }

    /** What the kernel counted on one SA pluto installed; empty when the backend counts nothing. */
    java.util.Optional<org.jswan.klips.SaCounters> counters(KernelRequest.SaSpec s) {
        return kernel.counters(ref(s));
    }

    /** ESP-in-UDP from the NAT-T socket goes to the kernel, never to the engine. */
    void espInUdp(Endpoint from, Endpoint to, Bytes packet) {
        kernel.espInUdp(from.address().toInetAddress(), from.port(), to.address().toInetAddress(), to.port(),
                packet.toArray());
    }

    void apply(KernelRequest request) {
        if (!used) {
            used = true;
            if (firstUseNote != null) {
                log.info(firstUseNote);
            }
        }
        log.debug(Debug.KLIPS, () -> "kernel: " + request.describe());
        try {
            if (request instanceof KernelRequest.AddSas add) {
                // KLIPS groups inner to outer: IPIP (tunnel mode), IPCOMP, ESP, AH
                List<KernelRequest.SaSpec> ordered = new ArrayList<>(add.sas());
                ordered.sort(java.util.Comparator.comparingInt(s -> groupOrder(s.proto())));
                org.jswan.klips.Net src = net(add.ourClient());
                org.jswan.klips.Net dst = net(add.peerClient());
                for (KernelRequest.SaSpec s : ordered) {
                    // tunnel mode starts at the engine's IPIP SA, the first of its group
                    kernel.addSa(params(s, s.proto() == KernelRequest.SaProto.IPIP).withFlow(src, dst)
                            .withDisableArrivalCheck(add.disableArrivalCheck()));
                }
                List<SaRef> refs = refs(ordered);
                for (int i = 0; i + 1 < refs.size(); i++) {
                    kernel.groupSas(refs.get(i), refs.get(i + 1));
                }
            } else if (request instanceof KernelRequest.DeleteSas del) {
                for (SaRef r : refs(del.sas())) {
                    kernel.deleteSa(r);
                }
            } else if (request instanceof KernelRequest.Eroute er) {
                kernel.eroute(eroute(er));
            } else {
                log.error("kernel request not understood: " + request.describe());
            }
        } catch (KernelException e) {
            log.error("kernel (" + kernel.name() + "): " + e.getMessage());
        }
    }

    private static List<SaRef> refs(List<KernelRequest.SaSpec> sas) {
        List<SaRef> out = new ArrayList<>();
        for (KernelRequest.SaSpec s : sas) {
            out.add(ref(s));
        }
        return out;
    }

    private static SaRef ref(KernelRequest.SaSpec s) {
        return new SaRef(proto(s.proto()), s.spi(), s.src().toInetAddress(), s.dst().toInetAddress());
    }

    private static SaProto proto(KernelRequest.SaProto p) {
        return switch (p) {
            case AH -> SaProto.AH;
            case ESP -> SaProto.ESP;
            case IPCOMP -> SaProto.IPCOMP;
            case IPIP -> SaProto.IPIP;
        };
    }

    /** Position in a KLIPS SA group, first processed on output first. */
    private static int groupOrder(KernelRequest.SaProto p) {
        return switch (p) {
            case IPIP -> 0;
            case IPCOMP -> 1;
            case ESP -> 2;
            case AH -> 3;
        };
    }

    private static SaParams params(KernelRequest.SaSpec s, boolean tunnel) {
        return new SaParams(ref(s), s.inbound(), tunnel, s.encryptAlg(), key(s.encryptKey()), s.integrityAlg(),
                key(s.integrityKey()), s.natSrcPort(), s.natDstPort());
    }

    /** The bytes stay in the {@link org.jswan.ike.base.Secret} until a real backend asks for them. */
    private static KeyMaterial key(org.jswan.ike.base.Secret secret) {
        return secret == null ? KeyMaterial.NONE : new KeyMaterial(secret.length(), secret::expose);
    }

    @Override
    public void close() {
        kernel.close();
    }
}
