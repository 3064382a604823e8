package org.jswan.klips.userspace;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jswan.klips.KernelException;

/**
 * Interface and route configuration through iproute2 — configuration only, never packets. Each
 * command gets its arguments as a list (no shell), and at most ten seconds.
 */
class LinkConfig {
    private static final long TIMEOUT_SECONDS = 10;

    /** Runs {@code ip ARGS...}; a non-zero exit is a KernelException carrying ip's message. */
    void ip(String... args) throws KernelException {
        List<String> cmd = new ArrayList<>();
        cmd.add("ip");
        cmd.addAll(Arrays.asList(args));
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new KernelException(String.join(" ", cmd) + ": " + e.getMessage(), e);
        }
        try {
            p.getOutputStream().close();
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new KernelException(String.join(" ", cmd) + ": no answer in " + TIMEOUT_SECONDS + " s, killed");
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (p.exitValue() != 0) {
                throw new KernelException(String.join(" ", cmd) + ": " + (out.isEmpty() ? "exit " + p.exitValue() : out));
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new KernelException(String.join(" ", cmd) + ": interrupted", e);
        } catch (IOException e) {
            throw new KernelException(String.join(" ", cmd) + ": " + e.getMessage(), e);
        }
    }

    void up(String iface, int mtu) throws KernelException {
        ip("link", "set", "dev", iface, "mtu", Integer.toString(mtu), "up");
    }

    void route(String net, String iface) throws KernelException {
        ip("route", "replace", net, "dev", iface);
    }

    void unroute(String net, String iface) throws KernelException {
        ip("route", "del", net, "dev", iface);
    }
}
