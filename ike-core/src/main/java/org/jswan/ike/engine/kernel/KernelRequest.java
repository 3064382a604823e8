package org.jswan.ike.engine.kernel;

import java.util.List;
import org.jswan.ike.base.IpAddress;
import org.jswan.ike.base.Secret;
import org.jswan.ike.base.Subnet;

/** A request to the kernel bridge. {@link #describe()} is what {@code --noklips} logs. */
public sealed interface KernelRequest {
    String describe();

    /**
     * Protocol of one SA. IPIP is KLIPS's tunnel-mode SA (the "tunnel SPI", shown as
     * {@code tun.1001@...}): never on the wire, grouped before the others.
     */
    enum SaProto {
        AH("ah"), ESP("esp"), IPCOMP("comp"), IPIP("tun");

        private final String prefix;

        SaProto(String prefix) {
            this.prefix = prefix;
        }

        /** pluto's name in an SA's text form, {@code esp.1234@192.0.2.2}. */
        public String prefix() {
            return prefix;
        }
    }

    /**
     * One SA to install. {@code inbound} SAs have {@code dst} = us. Keys are secrets and print as
     * {@code <secret N bytes>}.
     */
    record SaSpec(SaProto proto, long spi, IpAddress src, IpAddress dst, boolean inbound, boolean tunnel,
                  int encryptAlg, Secret encryptKey, int integrityAlg, Secret integrityKey,
                  int natSrcPort, int natDstPort) {
    }

    /**
     * Add a group of SAs that together protect one direction (outermost last).
     * {@code disableArrivalCheck} is the connection's {@code --disablearrivalcheck}: inbound
     * packets are not checked against the client subnets.
     */
    record AddSas(String connection, long serial, List<SaSpec> sas, Subnet ourClient, Subnet peerClient,
                  boolean disableArrivalCheck) implements KernelRequest {
        @Override
        public String describe() {
            StringBuilder sb = new StringBuilder("add");
            for (SaSpec s : sas) {
                sb.append(' ').append(s.proto().prefix()).append(s.src().isV4() ? '.' : ':')
                        .append(Long.toHexString(s.spi())).append('@').append(s.dst());
            }
            return sb + " for " + ourClient + "===" + peerClient + (disableArrivalCheck ? " (disablearrivalcheck)" : "");
        }
    }

    /** KLIPS's shunts: what an eroute does with a packet when it names no SA. */
    enum Shunt { TRAP, PASS, DROP, REJECT, HOLD }

    /**
     * Add, replace or delete the eroute {@code ourClient → peerClient}: to the SA group whose
     * outermost SA is {@code proto}/{@code spi}@{@code dst}, or to {@code shunt} when that is set.
     */
    record Eroute(Op op, String connection, long serial, Subnet ourClient, Subnet peerClient, SaProto proto, long spi,
                  IpAddress src, IpAddress dst, Shunt shunt, boolean tunnel) implements KernelRequest {
        public enum Op { ADD, REPLACE, DELETE }

        @Override
        public String describe() {
            String target = shunt != null ? "%" + shunt.name().toLowerCase()
                    : (proto == null ? "?" : (tunnel ? "tun" : proto.name().toLowerCase())) + (dst.isV4() ? '.' : ':')
                    + Long.toHexString(spi) + "@" + dst;
            return op.name().toLowerCase() + " eroute " + ourClient + " -> " + peerClient
                    + (op == Op.DELETE ? "" : " => " + target);
        }
    }

    /** Delete SAs by protocol, SPI and destination. */
    record DeleteSas(String connection, long serial, List<SaSpec> sas) implements KernelRequest {
        @Override
        public String describe() {
            StringBuilder sb = new StringBuilder("delete");
            for (SaSpec s : sas) {
                sb.append(' ').append(s.proto().prefix()).append(s.src().isV4() ? '.' : ':')
                        .append(Long.toHexString(s.spi())).append('@').append(s.dst());
            }
            return sb.toString();
        }
    }
}
