package org.jswan.whack;

import org.jswan.ike.base.IpAddress;
import org.jswan.ike.whack.Policy;
import org.jswan.ike.whack.WhackEnd;
import org.jswan.ike.whack.WhackMessage;

/**
 * The checks whack makes once every option is read (reference §1.7), in whack's order:
 * opportunistic pair, connection description, --name, --keyid, some action, lifetimes.
 * The first failure is whack's diagnostic and exit status 1.
 */
final class WhackChecks {
    /** OAKLEY_ISAKMP_SA_LIFETIME_MAXIMUM and SA_LIFE_DURATION_MAXIMUM: one day each. */
    static final long IKE_LIFETIME_MAXIMUM = 86400;
    static final long IPSEC_LIFETIME_MAXIMUM = 86400;

    private final WhackParser p;
    private final WhackMessage.Builder msg;

    WhackChecks(WhackParser p) {
        this.p = p;
        this.msg = p.msg;
    }

    void all() throws WhackExit {
        opportunisticPair();
        if (p.connectionForm) {
            connection();
        }
        nameNeeded();
        if ((p.optsSeen.contains(WhackOption.PUBKEYRSA) || p.optsSeen.contains(WhackOption.ADDKEY))
                && !p.optsSeen.contains(WhackOption.KEYID)) {
            throw p.diag("--addkey and --pubkeyrsa require --keyid");
        }
        if (!someAction()) {
            throw p.diag("no action specified; try --help for hints");
        }
        lifetimes();
    }

    private void opportunisticPair() throws WhackExit {
        boolean here = p.optsSeen.contains(WhackOption.OPPOHERE);
        boolean there = p.optsSeen.contains(WhackOption.OPPOTHERE);
        if (here != there) {
            throw p.diag("--oppohere and --oppothere must be used together");
        }
        if (here) {
            msg.oppoInitiate = true;
            // --tunnelipv4/--tunnelipv6 alone only qualify the opportunistic addresses.
            // FreeS/WAN: drops the connection form even if END options were given; jswan: keeps
            // it then, so that a stray --host is reported rather than silently ignored.
            boolean onlyTunnelFamily = p.cdSeen.stream()
                    .allMatch(o -> o == WhackOption.TUNNELIPV4 || o == WhackOption.TUNNELIPV6);
            if (onlyTunnelFamily && endless()) {
                p.connectionForm = false;
            }
        }
    }

    private boolean endless() {
        return p.endSeen.isEmpty() && p.endSeenBeforeTo.isEmpty();
    }

    private void connection() throws WhackExit {
        if (!p.cdSeen.contains(WhackOption.TO)) {
            throw p.diag("connection description must include --to");
        }
        if (msg.left.host().isAny() && msg.right.host().isAny()) {
            throw p.diag("hosts cannot both be 0.0.0.0 or 0::0");
        }
        WhackEnd left = end(msg.left, msg.right, !p.endSeenBeforeTo.contains(WhackOption.NEXTHOP));
        WhackEnd right = end(msg.right, msg.left, !p.endSeen.contains(WhackOption.NEXTHOP));
        msg.left = left;
        msg.right = right;
        if (clientFamily(left) != clientFamily(right)) {
            throw p.diag("endpoints clash: one is IPv4 and the other is IPv6");
        }
        long policy = msg.policy;
        if ((policy & Policy.OPPO) != 0) {
            if ((policy & Policy.ID_AUTH_MASK) != Policy.RSASIG) {
                throw p.diag("only RSASIG is supported for opportunism");
            }
            if ((policy & Policy.PFS) == 0) {
                throw p.diag("PFS required for opportunism");
            }
            if ((policy & Policy.ENCRYPT) == 0) {
                throw p.diag("encryption required for opportunism");
            }
        }
        if (Policy.neverNegotiate(policy)) {
            // Without --psk or --rsasig it can only be a shunt, and then it must say which.
            if ((policy & Policy.SHUNT_MASK) >>> Policy.SHUNT_SHIFT == Policy.SHUNT_TRAP) {
                throw p.diag("non-shunt connection must have --psk or --rsasig or both");
            }
        } else if (!Policy.hasIpsecPolicy(policy) && (left.hasClient() || right.hasClient())) {
            throw p.diag("must not specify clients for ISAKMP-only connection");
        }
        msg.connection = true;
    }

    /** whack's check_end: families agree, the nexthop defaults to the other host. */
    private WhackEnd end(WhackEnd me, WhackEnd other, boolean defaultNexthop) throws WhackExit {
        int caf = msg.addrFamily;
        if (family(me.host()) != caf) {
            throw p.diag("address family of host inconsistent");
        }
        if (defaultNexthop) {
            if (other.host().isAny()) {
                throw p.diag("nexthop must be specified when other host is a %any or %opportunistic");
            }
            me = me.withNexthop(other.host());
        }
        if (family(me.nexthop()) != caf) {
            throw p.diag("address family of nexthop inconsistent");
        }
        if (me.hasClient() && family(me.client().network()) != msg.tunnelAddrFamily) {
            throw p.diag("address family of client subnet inconsistent");
        }
        if (me.protocol() != other.protocol()) {
            throw p.diag("the protocol for leftprotoport and rightprotoport must be the same");
        }
        return me;
    }

    /** A missing client stands for the host alone, in the host's family (anyaddr-anyaddr). */
    private int clientFamily(WhackEnd e) {
        return e.hasClient() ? family(e.client().network()) : msg.addrFamily;
    }

    private static int family(IpAddress a) {
        return a.isV6() ? AddressText.AF_INET6 : AddressText.AF_INET;
    }

    /** --name is needed by the forms that act on a connection and pointless elsewhere. */
    private void nameNeeded() throws WhackExit {
        boolean needsName = p.connectionForm;
        for (WhackOption o : new WhackOption[] {WhackOption.ROUTE, WhackOption.UNROUTE,
            WhackOption.INITIATE, WhackOption.TERMINATE, WhackOption.DELETE}) {
            needsName |= p.optsSeen.contains(o);
        }
        boolean hasName = p.optsSeen.contains(WhackOption.NAME);
        if (needsName && !hasName) {
            throw p.diag("missing --name <connection_name>");
        }
        if (!needsName && !msg.options && hasName) {
            throw p.diag("no reason for --name");
        }
    }

    private boolean someAction() {
        return msg.connection || msg.key || msg.myid || msg.delete || msg.deleteState
                || msg.initiate || msg.oppoInitiate || msg.terminate || msg.route || msg.unroute
                || msg.listen || msg.unlisten || msg.crash || msg.status || msg.options
                || msg.shutdown;
    }

    /** time_t and unsigned long arithmetic, as whack's check_life_time does it. */
    private void lifetimes() throws WhackExit {
        long margin = msg.rekeyMarginSeconds;
        long fuzz = msg.rekeyFuzzPercent;
        if (margin != 0 && Long.divideUnsigned(Long.divideUnsigned(fuzz * margin * 4, margin), 4) != fuzz) {
            throw p.diag("rekeymargin or rekeyfuzz values are so large that they cause overflow");
        }
        lifetime(msg.ikeLifetimeSeconds, IKE_LIFETIME_MAXIMUM, "ikelifetime");
        lifetime(msg.ipsecLifetimeSeconds, IPSEC_LIFETIME_MAXIMUM, "ipseclifetime");
    }

    private void lifetime(long life, long limit, String which) throws WhackExit {
        long margin = msg.rekeyMarginSeconds;
        long fuzz = msg.rekeyFuzzPercent;
        long mint = Long.divideUnsigned(margin * (100 + fuzz), 100);
        if (life > limit) {
            throw p.diag(which + " [" + Long.toUnsignedString(life) + " seconds] must be less than "
                    + limit + " seconds");
        }
        if ((msg.policy & Policy.DONT_REKEY) == 0 && life <= mint) {
            throw p.diag(which + " [" + Long.toUnsignedString(life) + "] must be greater than"
                    + " rekeymargin*(100+rekeyfuzz)/100 [" + Long.toUnsignedString(margin) + "*(100+"
                    + Long.toUnsignedString(fuzz) + ")/100 = " + Long.toUnsignedString(mint) + "]");
        }
    }
}
