package org.jswan.whack;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Every long option whack knows, grouped as FreeS/WAN's whack groups them (reference §1.7).
 * The group decides duplicate detection and the magic: {@link Kind#OPT} options are
 * remembered in one set for the whole command line, {@link Kind#END} options per end (the set
 * starts afresh at {@code --to}), {@link Kind#CD} options (connection description) in a third
 * set; {@link Kind#DEBUG} and {@link Kind#SPECIAL} options may repeat.
 */
enum WhackOption {
    // ---- special: neither remembered nor counted for the magic ----
    HELP("help", Kind.SPECIAL, Arg.NONE),
    VERSION("version", Kind.SPECIAL, Arg.NONE),
    LABEL("label", Kind.SPECIAL, Arg.TEXT),
    OPTIONSFROM("optionsfrom", Kind.SPECIAL, Arg.TEXT),

    // ---- whole-command options ----
    CTLBASE("ctlbase", Kind.OPT, Arg.TEXT),
    NAME("name", Kind.OPT, Arg.TEXT),
    KEYID("keyid", Kind.OPT, Arg.TEXT),
    ADDKEY("addkey", Kind.OPT, Arg.NONE),
    PUBKEYRSA("pubkeyrsa", Kind.OPT, Arg.TEXT),
    MYID("myid", Kind.OPT, Arg.TEXT),
    ROUTE("route", Kind.OPT, Arg.NONE),
    UNROUTE("unroute", Kind.OPT, Arg.NONE),
    INITIATE("initiate", Kind.OPT, Arg.NONE),
    TERMINATE("terminate", Kind.OPT, Arg.NONE),
    DELETE("delete", Kind.OPT, Arg.NONE),
    DELETESTATE("deletestate", Kind.OPT, Arg.NUMBER),
    CRASH("crash", Kind.OPT, Arg.TEXT),
    LISTEN("listen", Kind.OPT, Arg.NONE),
    UNLISTEN("unlisten", Kind.OPT, Arg.NONE),
    STATUS("status", Kind.OPT, Arg.NONE),
    SHUTDOWN("shutdown", Kind.OPT, Arg.NONE),
    OPPOHERE("oppohere", Kind.OPT, Arg.TEXT),
    OPPOTHERE("oppothere", Kind.OPT, Arg.TEXT),
    ASYNCHRONOUS("asynchronous", Kind.OPT, Arg.NONE),
    XAUTHUSER("xauthuser", Kind.OPT, Arg.TEXT),
    XAUTHPASS("xauthpass", Kind.OPT, Arg.TEXT),

    // ---- one end of a connection: before --to the left, after it the right ----
    ID("id", Kind.END, Arg.TEXT),
    CERT("cert", Kind.END, Arg.TEXT),
    CA("ca", Kind.END, Arg.TEXT),
    HOST("host", Kind.END, Arg.TEXT),
    IKEPORT("ikeport", Kind.END, Arg.NUMBER),
    NEXTHOP("nexthop", Kind.END, Arg.TEXT),
    CLIENT("client", Kind.END, Arg.TEXT),
    CLIENTWITHIN("clientwithin", Kind.END, Arg.TEXT),
    CLIENTPROTOPORT("clientprotoport", Kind.END, Arg.TEXT),
    DNSKEYONDEMAND("dnskeyondemand", Kind.END, Arg.NONE),
    UPDOWN("updown", Kind.END, Arg.TEXT),

    // ---- connection description ----
    TO("to", Kind.CD, Arg.NONE),
    PSK("psk", Kind.CD, Arg.NONE),
    RSASIG("rsasig", Kind.CD, Arg.NONE),
    ENCRYPT("encrypt", Kind.CD, Arg.NONE),
    AUTHENTICATE("authenticate", Kind.CD, Arg.NONE),
    COMPRESS("compress", Kind.CD, Arg.NONE),
    TUNNEL("tunnel", Kind.CD, Arg.NONE),
    PFS("pfs", Kind.CD, Arg.NONE),
    DISABLEARRIVALCHECK("disablearrivalcheck", Kind.CD, Arg.NONE),
    INITIATEONTRAFFIC("initiateontraffic", Kind.CD, Arg.NONE),
    PASS("pass", Kind.CD, Arg.NONE),
    DROP("drop", Kind.CD, Arg.NONE),
    REJECT("reject", Kind.CD, Arg.NONE),
    FAILNONE("failnone", Kind.CD, Arg.NONE),
    FAILPASS("failpass", Kind.CD, Arg.NONE),
    FAILDROP("faildrop", Kind.CD, Arg.NONE),
    FAILREJECT("failreject", Kind.CD, Arg.NONE),
    DONTREKEY("dontrekey", Kind.CD, Arg.NONE),
    FORCEENCAPS("forceencaps", Kind.CD, Arg.NONE),
    IKE("ike", Kind.CD, Arg.TEXT),
    ESP("esp", Kind.CD, Arg.TEXT),
    IPV4("ipv4", Kind.CD, Arg.NONE),
    IPV6("ipv6", Kind.CD, Arg.NONE),
    TUNNELIPV4("tunnelipv4", Kind.CD, Arg.NONE),
    TUNNELIPV6("tunnelipv6", Kind.CD, Arg.NONE),
    IKELIFETIME("ikelifetime", Kind.CD, Arg.NUMBER),
    IPSECLIFETIME("ipseclifetime", Kind.CD, Arg.NUMBER),
    /** Also spelled {@code --rekeywindow} (obsolete); both spellings are one option. */
    REKEYMARGIN("rekeymargin", Kind.CD, Arg.NUMBER, "rekeywindow"),
    REKEYFUZZ("rekeyfuzz", Kind.CD, Arg.NUMBER),
    KEYINGTRIES("keyingtries", Kind.CD, Arg.NUMBER),
    DPDDELAY("dpddelay", Kind.CD, Arg.NUMBER),
    DPDTIMEOUT("dpdtimeout", Kind.CD, Arg.NUMBER),
    DPDACTION("dpdaction", Kind.CD, Arg.TEXT),

    // ---- debugging ----
    // FreeS/WAN: the table spells "debug-all]", reached only as a prefix; jswan: "debug-all",
    // because every spelling and abbreviation then behaves exactly the same.
    DEBUG_NONE("debug-none", Kind.DEBUG, Arg.NONE),
    DEBUG_ALL("debug-all", Kind.DEBUG, Arg.NONE),
    DEBUG_RAW("debug-raw", Kind.DEBUG, Arg.NONE),
    DEBUG_CRYPT("debug-crypt", Kind.DEBUG, Arg.NONE),
    DEBUG_PARSING("debug-parsing", Kind.DEBUG, Arg.NONE),
    DEBUG_EMITTING("debug-emitting", Kind.DEBUG, Arg.NONE),
    DEBUG_CONTROL("debug-control", Kind.DEBUG, Arg.NONE),
    DEBUG_LIFECYCLE("debug-lifecycle", Kind.DEBUG, Arg.NONE),
    DEBUG_KLIPS("debug-klips", Kind.DEBUG, Arg.NONE),
    DEBUG_DNS("debug-dns", Kind.DEBUG, Arg.NONE),
    DEBUG_OPPO("debug-oppo", Kind.DEBUG, Arg.NONE),
    DEBUG_CONTROLMORE("debug-controlmore", Kind.DEBUG, Arg.NONE),
    DEBUG_PRIVATE("debug-private", Kind.DEBUG, Arg.NONE),
    DEBUG_NATT("debug-natt", Kind.DEBUG, Arg.NONE);

    enum Kind { SPECIAL, OPT, END, CD, DEBUG }

    enum Arg { NONE, TEXT, NUMBER }

    /** One row of the getopt_long table: a spelling and the option it stands for. */
    record Spelling(String name, WhackOption option) {
    }

    final String primaryName;
    final Kind kind;
    final Arg arg;
    private final String[] aliases;

    WhackOption(String name, Kind kind, Arg arg, String... aliases) {
        this.primaryName = name;
        this.kind = kind;
        this.arg = arg;
        this.aliases = aliases;
    }

    boolean takesArgument() {
        return arg != Arg.NONE;
    }

    private static final List<Spelling> TABLE;

    static {
        List<Spelling> t = new ArrayList<>();
        for (WhackOption o : values()) {
            t.add(new Spelling(o.primaryName, o));
            for (String a : o.aliases) {
                t.add(new Spelling(a, o));
            }
        }
        TABLE = Collections.unmodifiableList(t);
    }

    /** All spellings in table order, the order getopt_long lists ambiguous candidates in. */
    static List<Spelling> table() {
        return TABLE;
    }
}
