package org.jswan.pluto;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.jswan.ike.whack.Debug;

/**
 * pluto's command line (pluto(8) "Debugging", facts §8): every option of the man page, plus
 * jswan's {@code --nat-t-port}. Options whose behaviour a later piece of work delivers are
 * accepted, listed in {@link #notYetImplemented()}, and logged at start-up; none is ignored
 * silently.
 *
 * @param expanded the command line with {@code --optionsfrom} files expanded and names spelt
 *     out, as the daemon process is started with it
 */
record PlutoOptions(boolean help, boolean version, boolean noFork, boolean stderrLog, boolean noKlips,
                    boolean uniqueIds, List<String> interfaces, int ikePort, int natTPort, String ctlBase,
                    String secretsFile, String ipsecDir, boolean noRetransmits, boolean perPeerLog,
                    String perPeerLogBase, String adns, String lwdnsq, long debugging, boolean daemonChild,
                    List<String> notYetImplemented, List<String> expanded) {

    static final String DEFAULT_CTLBASE = "/var/run/pluto";
    static final String DEFAULT_SECRETS = "/etc/ipsec.secrets";
    static final String DEFAULT_IPSECDIR = "/etc/ipsec.d";
    static final String DEFAULT_PERPEERLOGBASE = "/var/log/pluto/peer";
    /** Internal: the process is the daemon that a pluto without --nofork started. Never abbreviated. */
    static final String DAEMON_CHILD = "jswan-daemon-child";

    /** One documented option: name, argument name (null for a flag), what it does. */
    private record Doc(String name, String arg, String help, boolean implemented) {
    }

    private static final List<Doc> DOCS = docs();

    private static List<Doc> docs() {
        List<Doc> d = new ArrayList<>();
        d.add(new Doc("help", null, "print this help and exit", true));
        d.add(new Doc("version", null, "print the version and exit", true));
        d.add(new Doc("optionsfrom", "filename", "read further options from filename", true));
        d.add(new Doc("nofork", null, "stay in the foreground; print \"Pluto initialized\" once ready", true));
        d.add(new Doc("stderrlog", null, "log to stderr instead of syslog (authpriv)", true));
        d.add(new Doc("noklips", null, "negotiate SAs but install none in any kernel", true));
        d.add(new Doc("uniqueids", null, "a new ISAKMP SA for a peer ID replaces its older ones", true));
        d.add(new Doc("interface", "interfacename", "consider only this interface (repeatable)", true));
        d.add(new Doc("ikeport", "portnumber", "UDP port for IKE (default 500)", true));
        d.add(new Doc("nat-t-port", "portnumber", "jswan: UDP port IKE floats to under NAT-T (default 4500 when --ikeport is 500, else none)", true));
        d.add(new Doc("ctlbase", "path", "control socket path.ctl, lock file path.pid (default "
                + DEFAULT_CTLBASE + ")", true));
        d.add(new Doc("secretsfile", "secrets-file", "secrets file (default " + DEFAULT_SECRETS + ")", true));
        d.add(new Doc("ipsecdir", "dirname", "directory of policy groups and certificates (default "
                + DEFAULT_IPSECDIR + ")", false));
        d.add(new Doc("noretransmits", null, "turn off all timed events", true));
        d.add(new Doc("perpeerlog", null, "also log to one file per peer", false));
        d.add(new Doc("perpeerlogbase", "dirname", "where per-peer logs go (default "
                + DEFAULT_PERPEERLOGBASE + ")", false));
        d.add(new Doc("adns", "pathname", "helper program for asynchronous DNS", false));
        d.add(new Doc("lwdnsq", "pathname", "lwdnsq helper program for asynchronous DNS", false));
        d.add(new Doc("debug-none", null, "no debugging output", true));
        d.add(new Doc("debug-all", null, "every debugging class except private", true));
        for (String n : Debug.NAMES) {
            d.add(new Doc("debug-" + n, null, debugHelp(n), true));
        }
        return List.copyOf(d);
    }

    private static String debugHelp(String name) {
        switch (name) {
            case "raw": return "show the raw bytes of messages";
            case "crypt": return "show encryption and decryption of messages";
            case "parsing": return "show the structure of input messages";
            case "emitting": return "show the structure of output messages";
            case "control": return "show pluto's decision making";
            case "lifecycle": return "log more detail of the life cycle of SAs";
            case "klips": return "show pluto's interaction with the kernel";
            case "dns": return "show pluto's interaction with DNS for KEY and TXT records";
            case "oppo": return "show why no DNS TXT record authorized opportunism";
            case "controlmore": return "show even more of pluto's decision making";
            case "private": return "allow debugging output that shows private keys";
            case "natt": return "jswan: show NAT traversal and DPD decisions";
            default: return "debugging class " + name;
        }
    }

    private static LongOptions parser() {
        List<LongOptions.Spec> specs = new ArrayList<>();
        for (Doc d : DOCS) {
            specs.add(new LongOptions.Spec(d.name(), d.arg() != null));
        }
        specs.add(new LongOptions.Spec(DAEMON_CHILD, false));
        return new LongOptions("pluto", specs, Set.of(DAEMON_CHILD), "optionsfrom");
    }

    static PlutoOptions parse(List<String> argv) throws UsageException {
        LongOptions.Parsed p = parser().parse(argv);
        boolean help = false, version = false, noFork = false, stderrLog = false, noKlips = false;
        boolean uniqueIds = false, noRetransmits = false, perPeerLog = false, child = false;
        List<String> interfaces = new ArrayList<>();
        int ikePort = 500, natTPort = -1;
        String ctlBase = DEFAULT_CTLBASE, secrets = DEFAULT_SECRETS, ipsecDir = DEFAULT_IPSECDIR;
        String perPeerLogBase = DEFAULT_PERPEERLOGBASE, adns = null, lwdnsq = null;
        long debugging = Debug.NONE;
        List<String> later = new ArrayList<>();
        for (LongOptions.Occurrence o : p.occurrences()) {
            String n = o.name();
            switch (n) {
                case "help": help = true; break;
                case "version": version = true; break;
                case "nofork": noFork = true; break;
                case "stderrlog": stderrLog = true; break;
                case "noklips": noKlips = true; break;
                case "uniqueids": uniqueIds = true; break;
                case "interface": interfaces.add(o.value()); break;
                case "ikeport": ikePort = port(n, o.value()); break;
                case "nat-t-port": natTPort = port(n, o.value()); break;
                case "ctlbase": ctlBase = nonEmpty(n, o.value()); break;
                case "secretsfile": secrets = nonEmpty(n, o.value()); break;
                case "ipsecdir": ipsecDir = nonEmpty(n, o.value()); break;
                case "noretransmits": noRetransmits = true; break;
                case "perpeerlog": perPeerLog = true; break;
                case "perpeerlogbase": perPeerLogBase = nonEmpty(n, o.value()); break;
                case "adns": adns = nonEmpty(n, o.value()); break;
                case "lwdnsq": lwdnsq = nonEmpty(n, o.value()); break;
                case "debug-none": debugging = Debug.NONE; break;
                case "debug-all": debugging = Debug.ALL; break;
                case DAEMON_CHILD: child = true; break;
                default:
                    // The only options left are the --debug-<class> ones.
                    debugging |= Debug.bitNamed(n.substring("debug-".length()));
                    break;
            }
            if (isLater(n) && !later.contains("--" + n)) {
                later.add("--" + n);
            }
        }
        if (natTPort == -1) {
            // NAT-T floats from 500 to 4500; a pluto on another IKE port (tests, the demo) has no
            // NAT-T port unless --nat-t-port names one, so two plutos on one address don't collide.
            natTPort = ikePort == 500 ? 4500 : 0;
        }
        return new PlutoOptions(help, version, noFork, stderrLog, noKlips, uniqueIds, List.copyOf(interfaces),
                ikePort, natTPort, ctlBase, secrets, ipsecDir, noRetransmits, perPeerLog, perPeerLogBase, adns,
                lwdnsq, debugging, child, List.copyOf(later), List.copyOf(p.expanded()));
    }

    private static boolean isLater(String name) {
        for (Doc d : DOCS) {
            if (d.name().equals(name)) {
                return !d.implemented();
            }
        }
        return false;
    }

    /** Numbers are read as strtoul(3) with base 0 reads them: 500, 0x1f4, 0764. */
    private static int port(String option, String text) throws UsageException {
        long v = -1;
        try {
            String t = text.trim();
            if (t.startsWith("0x") || t.startsWith("0X")) {
                v = Long.parseLong(t.substring(2), 16);
            } else if (t.length() > 1 && t.startsWith("0")) {
                v = Long.parseLong(t.substring(1), 8);
            } else {
                v = Long.parseLong(t);
            }
        } catch (NumberFormatException e) {
            v = -1;
        }
        if (v < 1 || v > 65535) {
            throw new UsageException(1, "pluto: bad --" + option + " \"" + text
                    + "\": must be a number from 1 to 65535");
        }
        return (int) v;
    }

    private static String nonEmpty(String option, String value) throws UsageException {
        if (value.isEmpty()) {
            throw new UsageException(1, "pluto: --" + option + " needs a non-empty argument");
        }
        return value;
    }

    /** The text of {@code --help}: a synopsis and one line per option. */
    static String helpText(String version) {
        StringBuilder sb = new StringBuilder();
        sb.append("Usage: pluto [options]\n");
        sb.append("IKEv1 keying daemon. Options (any unambiguous prefix is accepted):\n");
        for (Doc d : DOCS) {
            String left = "  --" + d.name() + (d.arg() == null ? "" : " " + d.arg());
            sb.append(left);
            sb.append(" ".repeat(Math.max(1, 34 - left.length())));
            sb.append(d.help());
            if (!d.implemented()) {
                sb.append(" (accepted; not yet implemented)");
            }
            sb.append('\n');
        }
        sb.append("Exit status: 0 started, 1 something was wrong, 10 the lock file already exists.\n");
        sb.append("jswan ").append(version).append('\n');
        return sb.toString();
    }

    /** Names of every documented option, for tests. */
    static List<String> documentedNames() {
        List<String> out = new ArrayList<>();
        for (Doc d : DOCS) {
            out.add(d.name());
        }
        return Collections.unmodifiableList(out);
    }
}
