package org.jswan.whack;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** whack's {@code --help} text and {@code --version} line. */
final class Usage {
    private Usage() {
    }

    /** The Maven project version, filtered into {@code whack-version.txt} at build time. */
    static String version() {
        try (InputStream in = Usage.class.getResourceAsStream("whack-version.txt")) {
            if (in != null) {
                String v = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
                if (!v.isEmpty() && !v.startsWith("${")) {
                    return v;
                }
            }
        } catch (IOException e) {
            // fall through
        }
        return "unknown";
    }

    static String versionLine(String version) {
        return "jswan whack " + version + " (FreeS/WAN 2.0x compatible)";
    }

    static String text(String version) {
        return String.join("\n",
                "Usage:",
                "",
                "all forms: [--optionsfrom <filename>] [--ctlbase <path>] [--label <string>]",
                "",
                "help: whack [--help] [--version]",
                "",
                "connection: whack --name <connection_name> \\",
                "   [--id <id>] [--cert <path>] [--ca <distinguished name>] \\",
                "   [--host <ip-address> | %any | %opportunistic] [--ikeport <port-number>] \\",
                "   [--nexthop <ip-address> | %direct] \\",
                "   [--client <subnet> | --clientwithin <address range>] \\",
                "   [--clientprotoport <protocol>/<port>] [--dnskeyondemand] [--updown <updown>] \\",
                "   --to <same options as above for the other end> \\",
                "   [--psk] [--rsasig] [--encrypt] [--authenticate] [--compress] [--tunnel] \\",
                "   [--pfs] [--disablearrivalcheck] [--forceencaps] \\",
                "   [--ike <enc-hash-group,...>] [--esp <enc-auth,...>] \\",
                "   [--initiateontraffic | --pass | --drop | --reject] \\",
                "   [--failnone | --failpass | --faildrop | --failreject] \\",
                "   [--ipv4 | --ipv6] [--tunnelipv4 | --tunnelipv6] \\",
                "   [--ikelifetime <seconds>] [--ipseclifetime <seconds>] \\",
                "   [--rekeymargin <seconds>] [--rekeyfuzz <percentage>] \\",
                "   [--keyingtries <count>] [--dontrekey] [--delete] \\",
                "   [--dpddelay <seconds>] [--dpdtimeout <seconds>] \\",
                "   [--dpdaction clear | hold | restart]",
                "",
                "public key: whack --keyid <id> [--addkey] [--pubkeyrsa <key>]",
                "",
                "myid: whack --myid <id>",
                "",
                "listen: whack (--listen | --unlisten)",
                "",
                "route: whack (--route | --unroute) --name <connection_name>",
                "",
                "initiation: whack (--initiate | --terminate) --name <connection_name> \\",
                "   [--xauthuser <user>] [--xauthpass <pass>] [--asynchronous]",
                "",
                "opportunistic initiation: whack [--tunnelipv4 | --tunnelipv6] \\",
                "   --oppohere <ip-address> --oppothere <ip-address>",
                "",
                "delete: whack --delete --name <connection_name>",
                "",
                "deletestate: whack --deletestate <state_object_number>",
                "",
                "crash: whack --crash <ip-address>",
                "",
                "debug: whack [--name <connection_name>] \\",
                "   [--debug-none] [--debug-all] [--debug-raw] [--debug-crypt] \\",
                "   [--debug-parsing] [--debug-emitting] [--debug-control] \\",
                "   [--debug-lifecycle] [--debug-klips] [--debug-dns] [--debug-oppo] \\",
                "   [--debug-controlmore] [--debug-natt] [--debug-private]",
                "",
                "status: whack --status",
                "",
                "shutdown: whack --shutdown",
                "",
                versionLine(version),
                "");
    }
}
