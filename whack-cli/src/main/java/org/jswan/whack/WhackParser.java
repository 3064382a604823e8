package org.jswan.whack;

import java.util.EnumSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import org.jswan.ike.base.IpAddress;
import org.jswan.ike.base.Subnet;
import org.jswan.ike.whack.Debug;
import org.jswan.ike.whack.Policy;
import org.jswan.ike.whack.WhackCodec;
import org.jswan.ike.whack.WhackEncodeException;
import org.jswan.ike.whack.WhackEnd;
import org.jswan.ike.whack.WhackMessage;

/**
 * whack's command line to a {@link WhackMessage}: one pass over the options as getopt_long
 * returns them ({@link ArgScanner}), each filling the message; then whack's sanity checks
 * ({@link WhackChecks}), the magic, and the encoding. Everything that stops whack before it
 * talks to pluto is a {@link WhackExit}.
 */
final class WhackParser {
    static final String DEFAULT_CTLBASE = "/var/run/pluto";
    static final String CTL_SUFFIX = ".ctl";
    /** {@code sizeof(sun_path)}: the path and its NUL. */
    private static final int SUN_PATH = 108;

    /** What whack sends, and where to. */
    record Request(WhackMessage message, byte[] bytes, String ctlPath) {
    }

    final WhackMessage.Builder msg = WhackMessage.builder();
    final Set<WhackOption> optsSeen = EnumSet.noneOf(WhackOption.class);
    final Set<WhackOption> cdSeen = EnumSet.noneOf(WhackOption.class);
    /** END options seen for the end being described; {@link #endSeenBeforeTo} keeps the left's. */
    Set<WhackOption> endSeen = EnumSet.noneOf(WhackOption.class);
    Set<WhackOption> endSeenBeforeTo = EnumSet.noneOf(WhackOption.class);
    /** FreeS/WAN's OPT_CD: some END or CD option asks for a connection description. */
    boolean connectionForm;
    private boolean afterTo;
    /** The option that first relied on the address family (so --ipv6 must come before it). */
    private String afUsedBy;
    private String tunnelAfUsedBy;
    private String label;
    private String ctlbase = DEFAULT_CTLBASE;
    private final OptionsFrom optionsFrom = new OptionsFrom();
    private final String version;

    private WhackParser(String version) {
        this.version = version;
    }

    static Request parse(List<String> args, String version) throws WhackExit {
        return new WhackParser(version).run(args);
    }

    private Request run(List<String> args) throws WhackExit {
        ArgScanner scanner = new ArgScanner(args);
        for (ArgScanner.Match m = scanner.next(); m != null; m = scanner.next()) {
            remember(m);
            long number = m.option().arg == WhackOption.Arg.NUMBER ? number(m.argument()) : 0;
            switch (m.option().kind) {
                case SPECIAL -> special(m, scanner);
                case OPT -> whole(m, number);
                case END -> end(m, number);
                case CD -> description(m, number);
                case DEBUG -> debug(m.option());
                default -> throw new IllegalStateException(m.option().name());
            }
        }
        if (!scanner.nonOptions().isEmpty()) {
            throw diagq("unexpected argument", scanner.nonOptions().get(0));
        }
        new WhackChecks(this).all();
        msg.magic = basicOnly() ? WhackCodec.WHACK_BASIC_MAGIC : WhackCodec.WHACK_MAGIC;
        WhackMessage message = msg.build();
        try {
            return new Request(message, WhackCodec.encode(message), ctlbase + CTL_SUFFIX);
        } catch (WhackEncodeException e) {
            throw diag(e.getMessage());
        }
    }

    /** Duplicate detection per group, as whack's three "seen" sets do it. */
    private void remember(ArgScanner.Match m) throws WhackExit {
        Set<WhackOption> seen;
        switch (m.option().kind) {
            case OPT -> seen = optsSeen;
            case END -> seen = endSeen;
            case CD -> seen = cdSeen;
            default -> {
                return;
            }
        }
        if (!seen.add(m.option())) {
            throw diagq("duplicated flag", m.spelled());
        }
        if (m.option().kind != WhackOption.Kind.OPT) {
            connectionForm = true;
        }
    }

    private long number(String arg) throws WhackExit {
        OptionalLong v = Strtoul.whole(arg);
        if (v.isEmpty()) {
            throw diagq("badly formed numeric argument", arg);
        }
        return v.getAsLong();
    }

    /**
     * §1.2: WHACK_BASIC_MAGIC iff nothing but --status and --shutdown was asked for (the
     * special options --label, --optionsfrom do not count; --ctlbase does).
     */
    private boolean basicOnly() {
        Set<WhackOption> rest = EnumSet.noneOf(WhackOption.class);
        rest.addAll(optsSeen);
        rest.remove(WhackOption.STATUS);
        rest.remove(WhackOption.SHUTDOWN);
        return rest.isEmpty() && cdSeen.isEmpty() && !connectionForm && !msg.options;
    }

    // ------------------------------------------------------------------ option groups

    private void special(ArgScanner.Match m, ArgScanner scanner) throws WhackExit {
        switch (m.option()) {
            case HELP -> throw new WhackExit(0, "", Usage.text(version));
            case VERSION -> throw new WhackExit(0, Usage.versionLine(version) + "\n", "");
            case LABEL -> label = m.argument();
            case OPTIONSFROM -> scanner.insertHere(optionsFrom.read(m.argument()));
            default -> throw new IllegalStateException(m.option().name());
        }
    }

    private void whole(ArgScanner.Match m, long number) throws WhackExit {
        String arg = m.argument();
        switch (m.option()) {
            case CTLBASE -> {
                if ((arg + CTL_SUFFIX).getBytes(java.nio.charset.StandardCharsets.UTF_8).length >= SUN_PATH) {
                    throw diagq("<ctlbase>" + CTL_SUFFIX + " must be fewer than " + SUN_PATH + " characters", arg);
                }
                ctlbase = arg;
            }
            case NAME -> msg.name = arg;
            case KEYID -> {
                msg.key = true;
                msg.keyId = arg;
            }
            case ADDKEY -> msg.addKey = true;
            case PUBKEYRSA -> pubkey(arg);
            case MYID -> {
                msg.myid = true;
                msg.myId = arg;
            }
            case ROUTE -> msg.route = true;
            case UNROUTE -> msg.unroute = true;
            case INITIATE -> msg.initiate = true;
            case TERMINATE -> msg.terminate = true;
            case DELETE -> msg.delete = true;
            case DELETESTATE -> {
                msg.deleteState = true;
                msg.deleteStateNo = number;
            }
            case CRASH -> {
                msg.crash = true;
                msg.crashPeer = address(arg, msg.addrFamily);
            }
            case LISTEN -> msg.listen = true;
            case UNLISTEN -> msg.unlisten = true;
            case STATUS -> msg.status = true;
            case SHUTDOWN -> msg.shutdown = true;
            case OPPOHERE -> msg.oppoMyClient = oppoClient(m);
            case OPPOTHERE -> msg.oppoPeerClient = oppoClient(m);
            case ASYNCHRONOUS -> msg.async = true;
            case XAUTHUSER -> msg.xauthUser = arg;
            case XAUTHPASS -> msg.xauthPass = arg;
            default -> throw new IllegalStateException(m.option().name());
        }
    }

    private void pubkey(String arg) throws WhackExit {
        try {
            msg.keyVal = org.jswan.ike.base.Bytes.copyOf(TtoData.decode(arg));
            msg.pubkeyAlg = WhackMessage.PUBKEY_ALG_RSA;
        } catch (IllegalArgumentException e) {
            // FreeS/WAN: echoes the key text after the reason; jswan: omits it, keys stay out of logs.
            throw diag("PSK data malformed (" + e.getMessage() + ")");
        }
    }

    private IpAddress oppoClient(ArgScanner.Match m) throws WhackExit {
        tunnelAfUsedBy = m.spelled();
        IpAddress a = address(m.argument(), msg.tunnelAddrFamily);
        if (a.isAny()) {
            throw diagq("0.0.0.0 or 0::0 isn't a valid client address", m.argument());
        }
        return a;
    }

    private WhackEnd current() {
        return afterTo ? msg.right : msg.left;
    }

    private void setCurrent(WhackEnd e) {
        if (afterTo) {
            msg.right = e;
        } else {
            msg.left = e;
        }
    }

    private void end(ArgScanner.Match m, long number) throws WhackExit {
        WhackEnd e = current();
        String arg = m.argument();
        switch (m.option()) {
            case ID -> e = e.withId(arg);
            case CERT -> e = e.withCert(arg);
            case CA -> e = e.withCa(arg);
            case HOST -> e = host(e, m);
            case IKEPORT -> {
                if (number == 0 || Long.compareUnsigned(number, 0xffff) > 0) {
                    throw diagq("<host-port> must be a number between 1 and 65535", arg);
                }
                e = e.withHostPort((int) number);
            }
            case NEXTHOP -> {
                afUsedBy = m.spelled();
                e = e.withNexthop(arg.equals("%direct") ? AddressText.any(msg.addrFamily)
                        : address(arg, msg.addrFamily));
            }
            case CLIENT, CLIENTWITHIN -> e = client(e, m);
            case CLIENTPROTOPORT -> {
                try {
                    AddressText.ProtoPort pp = AddressText.protoPort(arg);
                    e = e.withProtoPort(pp.protocol(), pp.port());
                } catch (IllegalArgumentException x) {
                    throw diagq(x.getMessage(), arg);
                }
            }
            case DNSKEYONDEMAND -> e = e.withKeyFromDnsOnDemand(true);
            case UPDOWN -> e = e.withUpdown(arg);
            default -> throw new IllegalStateException(m.option().name());
        }
        setCurrent(e);
    }

    /** {@code --host}: an address, or one of the keywords %any, %opportunistic, %group. */
    private WhackEnd host(WhackEnd e, ArgScanner.Match m) throws WhackExit {
        afUsedBy = m.spelled();
        String arg = m.argument();
        IpAddress any = AddressText.any(msg.addrFamily);
        long extra;
        switch (arg) {
            case "%any" -> extra = 0;
            case "%opportunistic" -> extra = Policy.TUNNEL | Policy.OPPO;
            case "%group" -> extra = Policy.TUNNEL | Policy.GROUP;
            case "%opportunisticgroup" -> extra = Policy.TUNNEL | Policy.OPPO | Policy.GROUP;
            default -> {
                return e.withHost(address(arg, msg.addrFamily));
            }
        }
        msg.policy |= extra;
        e = e.withHost(any);
        if ((extra & Policy.OPPO) != 0) {
            // The peer's client is whoever the traffic says: any subnet; key from DNS.
            if (!endSeen.add(WhackOption.CLIENT)) {
                throw diag("--host " + arg + " clashes with --client");
            }
            tunnelAfUsedBy = m.spelled();
            e = e.withClient(new Subnet(AddressText.any(msg.tunnelAddrFamily), 0), false)
                    .withKeyFromDnsOnDemand(true);
        }
        return e;
    }

    /** {@code --client} / {@code --clientwithin}: a subnet in the tunnel family; implies TUNNEL. */
    private WhackEnd client(WhackEnd e, ArgScanner.Match m) throws WhackExit {
        WhackOption other = m.option() == WhackOption.CLIENT ? WhackOption.CLIENTWITHIN : WhackOption.CLIENT;
        if (endSeen.contains(other)) {
            throw diag("--" + m.spelled() + " conflicts with --" + other.primaryName);
        }
        tunnelAfUsedBy = m.spelled();
        Subnet s;
        try {
            s = AddressText.subnet(m.argument(), msg.tunnelAddrFamily);
        } catch (IllegalArgumentException x) {
            throw diagq(x.getMessage(), m.argument());
        }
        msg.policy |= Policy.TUNNEL;
        return e.withClient(s, m.option() == WhackOption.CLIENTWITHIN);
    }

    private void description(ArgScanner.Match m, long number) throws WhackExit {
        WhackOption o = m.option();
        switch (o) {
            case TO -> {
                if (!endSeen.contains(WhackOption.HOST)) {
                    throw diag("connection missing --host before --to");
                }
                afterTo = true;
                endSeenBeforeTo = endSeen;
                endSeen = EnumSet.noneOf(WhackOption.class);
            }
            case PSK -> msg.policy |= Policy.PSK;
            case RSASIG -> msg.policy |= Policy.RSASIG;
            case ENCRYPT -> msg.policy |= Policy.ENCRYPT;
            case AUTHENTICATE -> msg.policy |= Policy.AUTHENTICATE;
            case COMPRESS -> msg.policy |= Policy.COMPRESS;
            case TUNNEL -> msg.policy |= Policy.TUNNEL;
            case PFS -> msg.policy |= Policy.PFS;
            case DISABLEARRIVALCHECK -> msg.policy |= Policy.DISABLEARRIVALCHECK;
            case DONTREKEY -> msg.policy |= Policy.DONT_REKEY;
            case FORCEENCAPS -> msg.policy |= Policy.FORCEENCAPS;
            case INITIATEONTRAFFIC -> shunt(Policy.SHUNT_TRAP);
            case PASS -> shunt(Policy.SHUNT_PASS);
            case DROP -> shunt(Policy.SHUNT_DROP);
            case REJECT -> shunt(Policy.SHUNT_REJECT);
            case FAILNONE -> fail(0);
            case FAILPASS -> fail(Policy.SHUNT_PASS);
            case FAILDROP -> fail(Policy.SHUNT_DROP);
            case FAILREJECT -> fail(Policy.SHUNT_REJECT);
            case IPV4, IPV6, TUNNELIPV4, TUNNELIPV6 -> family(o);
            case IKELIFETIME -> msg.ikeLifetimeSeconds = number;
            case IPSECLIFETIME -> msg.ipsecLifetimeSeconds = number;
            case REKEYMARGIN -> msg.rekeyMarginSeconds = number;
            case REKEYFUZZ -> msg.rekeyFuzzPercent = number;
            case KEYINGTRIES -> msg.keyingTries = number;
            case DPDDELAY -> msg.dpdDelaySeconds = number;
            case DPDTIMEOUT -> msg.dpdTimeoutSeconds = number;
            case DPDACTION -> msg.dpdAction = dpdAction(m.argument());
            case IKE -> msg.ike = m.argument();
            case ESP -> msg.esp = m.argument();
            default -> throw new IllegalStateException(o.name());
        }
    }

    private void shunt(long kind) {
        msg.policy = (msg.policy & ~Policy.SHUNT_MASK) | (kind << Policy.SHUNT_SHIFT);
    }

    private void fail(long kind) {
        msg.policy = (msg.policy & ~Policy.FAIL_MASK) | (kind << Policy.FAIL_SHIFT);
    }

    private int dpdAction(String arg) throws WhackExit {
        switch (arg) {
            case "clear":
                return 1;
            case "hold":
                return 2;
            case "restart":
                return 3;
            default:
                throw diagq("--dpdaction must be clear, hold or restart", arg);
        }
    }

    /** --ipv4/--ipv6 (hosts) and --tunnelipv4/--tunnelipv6 (clients); each before its first use. */
    private void family(WhackOption o) throws WhackExit {
        boolean tunnel = o == WhackOption.TUNNELIPV4 || o == WhackOption.TUNNELIPV6;
        boolean v6 = o == WhackOption.IPV6 || o == WhackOption.TUNNELIPV6;
        WhackOption opposite = tunnel ? (v6 ? WhackOption.TUNNELIPV4 : WhackOption.TUNNELIPV6)
                : (v6 ? WhackOption.IPV4 : WhackOption.IPV6);
        if (cdSeen.contains(opposite)) {
            throw diag("--" + o.primaryName + " conflicts with --" + opposite.primaryName);
        }
        if (!tunnel && !v6) {
            return; // --ipv4 is the default: nothing to change, nothing to check.
        }
        String usedBy = tunnel ? tunnelAfUsedBy : afUsedBy;
        if (usedBy != null) {
            throw diagq("--" + o.primaryName + " must precede", usedBy);
        }
        int af = v6 ? AddressText.AF_INET6 : AddressText.AF_INET;
        if (tunnel) {
            tunnelAfUsedBy = o.primaryName;
            msg.tunnelAddrFamily = af;
            return;
        }
        afUsedBy = o.primaryName;
        msg.addrFamily = af;
        // The clients follow the hosts unless told otherwise or already read.
        if (!cdSeen.contains(WhackOption.TUNNELIPV4) && !cdSeen.contains(WhackOption.TUNNELIPV6)
                && tunnelAfUsedBy == null) {
            msg.tunnelAddrFamily = af;
        }
    }

    private void debug(WhackOption o) {
        msg.options = true;
        switch (o) {
            case DEBUG_NONE -> msg.debugging = Debug.NONE;
            case DEBUG_ALL -> msg.debugging |= Debug.ALL;
            default -> msg.debugging |= Debug.bitNamed(o.primaryName.substring("debug-".length()));
        }
    }

    private IpAddress address(String arg, int family) throws WhackExit {
        try {
            return AddressText.address(arg, family);
        } catch (IllegalArgumentException e) {
            throw diagq(e.getMessage(), arg);
        }
    }

    // ------------------------------------------------------------------ diagnostics

    /** whack's diag(): {@code whack error: [<label> ]["<name>" ]<message>}, exit 1. */
    WhackExit diag(String message) {
        StringBuilder sb = new StringBuilder("whack error: ");
        if (label != null) {
            sb.append(label).append(' ');
        }
        if (msg.name != null) {
            sb.append('"').append(msg.name).append("\" ");
        }
        return WhackExit.error(1, sb.append(message).toString());
    }

    /** whack's diagq(): the message followed by the offending text in quotes. */
    WhackExit diagq(String message, String what) {
        return diag(message + " \"" + what + "\"");
    }
}
