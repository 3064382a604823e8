package org.jswan.pluto;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;
import org.jswan.ike.base.IpAddress;
import org.jswan.ike.conn.Resolver;
import org.jswan.ike.engine.Input;
import org.jswan.ike.secrets.SecretsTable;

/**
 * What {@code whack --listen} makes pluto look at (facts §1.5 step 6): the machine's interfaces
 * that are up, with their IPv4 and IPv6 addresses, loopback included; and ipsec.secrets.
 * "Up" is the interface's IFF_UP flag, as pluto tested it: an interface that is up but has no
 * carrier yet (a veth whose peer came up a moment ago, a cable being plugged in) counts, where
 * {@link NetworkInterface#isUp} would also want IFF_RUNNING.
 *
 * <p>With {@code --interface}, only the named interfaces are kept, plus the KLIPS virtual
 * interfaces {@code ipsecN}, which the engine pairs with the real interface of the same address.
 */
final class ListenScan {
    private static final Pattern KLIPS_VIRTUAL = Pattern.compile("ipsec[0-9]+");

    private final List<String> only;
    private final String secretsFile;
    private final PlutoLog log;
    private final Resolver resolver;

    ListenScan(List<String> only, String secretsFile, Resolver resolver, PlutoLog log) {
        this.only = List.copyOf(only);
        this.secretsFile = secretsFile;
        this.resolver = resolver;
        this.log = log;
    }

    Input.ListenFacts scan() {
        return new Input.ListenFacts(interfaces(), loadSecrets());
    }

    List<Input.NetInterface> interfaces() {
        List<Input.NetInterface> out = new ArrayList<>();
        try {
            for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                add(ni, out);
                for (NetworkInterface sub : Collections.list(ni.getSubInterfaces())) {
                    add(sub, out);
                }
            }
        } catch (SocketException e) {
            log.error("unable to list network interfaces: " + e.getMessage());
        }
        return List.copyOf(out);
    }

    private void add(NetworkInterface ni, List<Input.NetInterface> out) throws SocketException {
        if (!ni.isUp() && !administrativelyUp(ni.getName())) {
            return;
        }
        String name = ni.getName();
        if (!only.isEmpty() && !only.contains(name) && !KLIPS_VIRTUAL.matcher(name).matches()) {
            return;
        }
        for (InetAddress a : Collections.list(ni.getInetAddresses())) {
            Input.NetInterface n = new Input.NetInterface(name, IpAddress.of(a));
            if (!out.contains(n)) {
                out.add(n);
            }
        }
    }

    /** IFF_UP in {@code /sys/class/net/NAME/flags} (this network namespace's), false if unreadable. */
    static boolean administrativelyUp(String name) {
        if (name.isEmpty() || name.contains("/") || name.contains(":")) {
            return false;
        }
        try {
            return flagsUp(java.nio.file.Files.readString(java.nio.file.Path.of("/sys/class/net", name, "flags")));
        } catch (java.io.IOException | RuntimeException e) {
            return false;
        }
    }

    /** The IFF_UP bit of a {@code flags} text such as {@code 0x1003}. */
    static boolean flagsUp(String flags) {
        String t = flags.trim();
        if (t.startsWith("0x")) {
            t = t.substring(2);
        }
        try {
            return (Long.parseLong(t, 16) & 0x1) != 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** Reads {@code --secretsfile} (a glob) afresh: the table and the lines to log. */
    Input.SecretsLoad loadSecrets() {
        return SecretsTable.load(secretsFile, resolver);
    }

    String secretsFile() {
        return secretsFile;
    }
}
