package org.jswan.interop;

import java.util.ArrayList;
import java.util.List;

/**
 * A jswan connection as the whack command line that adds it:
 *
 * <pre>
 * --name NAME --host 192.0.2.1 [--client 198.51.100.0/24] --to --host 192.0.2.2
 *     [--client 203.0.113.0/24] --psk --encrypt [--tunnel] [--pfs] [--ike LIST] [--esp LIST]
 *     [--keyingtries N]
 * </pre>
 *
 * jswan's {@code --ike}/{@code --esp} lists restrict both what it proposes and what it accepts.
 */
final class WhackConn {
    private final String name;
    private String leftClient = Testbed.LEFT_NET;
    private String rightClient = Testbed.RIGHT_NET;
    private boolean tunnel = true;
    private String rightHost = Testbed.RIGHT_IP;
    private String leftNexthop;
    private boolean pfs;
    private String ike;
    private String esp;
    private Integer keyingTries;
    private final List<String> extra = new ArrayList<>();

    private WhackConn(String name) {
        this.name = name;
    }

    /** Subnet to subnet: 198.51.100.0/24 behind 192.0.2.1 to 203.0.113.0/24 behind 192.0.2.2. */
    static WhackConn subnets(String name) {
        return new WhackConn(name);
    }

    /** Host to host, tunnel mode: 192.0.2.1 to 192.0.2.2, no clients. */
    static WhackConn hosts(String name) {
        WhackConn c = new WhackConn(name);
        c.leftClient = null;
        c.rightClient = null;
        return c;
    }

    /** Host to host in transport mode: 192.0.2.1 to 192.0.2.2, no clients, no {@code --tunnel}. */
    static WhackConn transport(String name) {
        WhackConn c = hosts(name);
        c.tunnel = false;
        return c;
    }

    /**
     * Road warriors: 198.51.100.0/24 behind 192.0.2.1 to any peer ({@code --host %any}), whose
     * client is its own address; each peer that connects gets an instance {@code "NAME"[N] ADDRESS}.
     */
    static WhackConn roadWarriors(String name) {
        WhackConn c = new WhackConn(name);
        c.rightHost = "%any";
        c.rightClient = null;
        c.leftNexthop = "%direct"; // whack wants a nexthop opposite %any: the peers are on our link
        return c;
    }

    String name() {
        return name;
    }

    WhackConn clients(String left, String right) {
        this.leftClient = left;
        this.rightClient = right;
        return this;
    }

    WhackConn pfs(boolean on) {
        this.pfs = on;
        return this;
    }

    /** Phase 1 algorithms, e.g. "aes128-sha1-modp2048" (whack --ike). */
    WhackConn ike(String list) {
        this.ike = list;
        return this;
    }

    /** Phase 2 algorithms, e.g. "aes128-sha1" (whack --esp). */
    WhackConn esp(String list) {
        this.esp = list;
        return this;
    }

    WhackConn keyingTries(int n) {
        this.keyingTries = n;
        return this;
    }

    /** Any further whack options, appended as they are. */
    WhackConn with(String... options) {
        extra.addAll(List.of(options));
        return this;
    }

    List<String> args() {
        List<String> a = new ArrayList<>(List.of("--name", name, "--host", Testbed.LEFT_IP));
        if (leftClient != null) {
            a.add("--client");
            a.add(leftClient);
        }
        if (leftNexthop != null) {
            a.add("--nexthop");
            a.add(leftNexthop);
        }
        a.addAll(List.of("--to", "--host", rightHost));
        if (rightClient != null) {
            a.add("--client");
            a.add(rightClient);
        }
        a.add("--psk");
        a.add("--encrypt");
        if (leftClient == null && rightClient == null && tunnel) {
            a.add("--tunnel"); // host to host in tunnel mode: charon's kernel-libipsec has no transport
        }
        if (pfs) {
            a.add("--pfs");
        }
        if (ike != null) {
            a.add("--ike");
            a.add(ike);
        }
        if (esp != null) {
            a.add("--esp");
            a.add(esp);
        }
        if (keyingTries != null) {
            a.add("--keyingtries");
            a.add(Integer.toString(keyingTries));
        }
        a.addAll(extra);
        return a;
    }

    @Override
    public String toString() {
        return String.join(" ", args());
    }
}
