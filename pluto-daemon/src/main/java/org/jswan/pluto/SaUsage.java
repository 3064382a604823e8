package org.jswan.pluto;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jswan.ike.base.IpAddress;
import org.jswan.ike.base.MonoTime;
import org.jswan.ike.engine.Input;
import org.jswan.ike.engine.kernel.KernelRequest;
import org.jswan.klips.SaCounters;

/**
 * Reads the kernel's counters of the AH and ESP SAs pluto installed, every {@link #INTERVAL}, and
 * gives the changes to the engine as one {@link Input.SaUsed} (status "used Ns ago" and traffic,
 * --dontrekey's "recently used"). KLIPS kept these in {@code /proc/net/ipsec_spi}; reading them is
 * a lookup per SA, and only SAs whose packet count moved reach the engine.
 */
final class SaUsage {
    /** How often the counters are read. */
    static final Duration INTERVAL = Duration.ofSeconds(5);

    private record Key(KernelRequest.SaProto proto, long spi, IpAddress dst) {
    }

    private static final class Tracked {
        final KernelRequest.SaSpec spec;
        long reportedPackets = -1;

        Tracked(KernelRequest.SaSpec spec) {
            this.spec = spec;
        }
    }

    private final KernelBridge kernel;
    private final Map<Key, Tracked> sas = new LinkedHashMap<>();
    private MonoTime next;

    SaUsage(KernelBridge kernel) {
        this.kernel = kernel;
    }

    /** Follows what the engine installs and removes. */
    void observe(KernelRequest request) {
        if (request instanceof KernelRequest.AddSas add) {
            for (KernelRequest.SaSpec s : add.sas()) {
                if (s.proto() == KernelRequest.SaProto.AH || s.proto() == KernelRequest.SaProto.ESP) {
                    sas.put(key(s), new Tracked(s));
                }
            }
        } else if (request instanceof KernelRequest.DeleteSas del) {
            for (KernelRequest.SaSpec s : del.sas()) {
                sas.remove(key(s));
            }
        }
    }

    private static Key key(KernelRequest.SaSpec s) {
        return new Key(s.proto(), s.spi(), s.dst());
    }

    /** When the next reading is due; empty while no SA is installed. */
    Optional<MonoTime> nextDeadline() {
        return sas.isEmpty() || next == null ? Optional.empty() : Optional.of(next);
    }

    /** If a reading is due at {@code now} and some SA's counters moved since the last one: those SAs. */
    Optional<Input.SaUsed> poll(MonoTime now) {
        if (sas.isEmpty()) {
            next = null;
            return Optional.empty();
        }
        if (next == null) {
            next = now.plus(INTERVAL);
            return Optional.empty();
        }
        if (now.isBefore(next)) {
            return Optional.empty();
        }
        next = now.plus(INTERVAL);
        List<Input.SaCount> out = new ArrayList<>();
        for (Tracked t : sas.values()) {
            Optional<SaCounters> c = kernel.counters(t.spec);
            if (c.isEmpty() || c.get().packets() == t.reportedPackets) {
                continue;
            }
            t.reportedPackets = c.get().packets();
            MonoTime lastUsed = c.get().idle().map(now::minus).orElse(null);
            out.add(new Input.SaCount(t.spec.spi(), t.spec.dst(), lastUsed, c.get().packets(), c.get().bytes()));
        }
        return out.isEmpty() ? Optional.empty() : Optional.of(new Input.SaUsed(out, now));
    }

    int tracked() {
        return sas.size();
    }
}
