package org.jswan.pluto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jswan.ike.base.IpAddress;
import org.jswan.ike.base.MonoTime;
import org.jswan.ike.base.Subnet;
import org.jswan.ike.engine.Input;
import org.jswan.ike.engine.kernel.KernelRequest;
import org.jswan.klips.Eroute;
import org.jswan.klips.Kernel;
import org.jswan.klips.Route;
import org.jswan.klips.SaCounters;
import org.jswan.klips.SaParams;
import org.jswan.klips.SaProto;
import org.jswan.klips.SaRef;
import org.junit.jupiter.api.Test;

/** The daemon reads the kernel's SA counters every 5 s and reports only those that moved. */
class SaUsageTest {
    /** A kernel whose counters the test sets. */
    static final class CountingKernel implements Kernel {
        final Map<Long, SaCounters> counters = new HashMap<>();
        final List<SaRef> asked = new ArrayList<>();

        @Override public String name() { return "counting"; }
        @Override public long getSpi(SaProto p, InetAddress s, InetAddress d, long min, long max) { return min; }
        @Override public void addSa(SaParams sa) { }
        @Override public void deleteSa(SaRef sa) { }
        @Override public void groupSas(SaRef inner, SaRef outer) { }
        @Override public void eroute(Eroute eroute) { }
        @Override public void route(Route route) { }
        @Override public void espInUdp(InetAddress s, int sp, InetAddress d, int dp, byte[] packet) { }
        @Override public void close() { }

        @Override
        public Optional<SaCounters> counters(SaRef sa) {
            asked.add(sa);
            return Optional.ofNullable(counters.get(sa.spi()));
        }
    }

    private static final IpAddress US = IpAddress.parse("192.0.2.1");
    private static final IpAddress PEER = IpAddress.parse("192.0.2.2");

    private static KernelRequest.SaSpec sa(KernelRequest.SaProto proto, long spi, boolean inbound) {
        return new KernelRequest.SaSpec(proto, spi, inbound ? PEER : US, inbound ? US : PEER, inbound, true, 12, null,
                2, null, 0, 0);
    }

    @Test
    void onlySasWhoseCountersMovedAreReportedEveryFiveSeconds() {
        CountingKernel k = new CountingKernel();
        SaUsage usage = new SaUsage(new KernelBridge(k, new PlutoLog((l, t) -> { }, 0), null));
        KernelRequest.SaSpec in = sa(KernelRequest.SaProto.ESP, 0x1001, true);
        KernelRequest.SaSpec out = sa(KernelRequest.SaProto.ESP, 0x2002, false);
        KernelRequest.SaSpec comp = sa(KernelRequest.SaProto.IPCOMP, 0x300, false);
        usage.observe(new KernelRequest.AddSas("net", 2, List.of(comp, in, out), Subnet.parse("198.51.100.0/24"),
                Subnet.parse("203.0.113.0/24"), false));
        assertEquals(2, usage.tracked(), "IPCOMP has no counters of its own");

        MonoTime t0 = MonoTime.ofSeconds(100);
        assertEquals(Optional.empty(), usage.poll(t0), "the first reading is one interval later");
        assertEquals(Optional.of(t0.plus(SaUsage.INTERVAL)), usage.nextDeadline());
        k.counters.put(0x2002L, new SaCounters(10, 840, 0, Optional.of(Duration.ofSeconds(3))));
        assertEquals(Optional.empty(), usage.poll(t0.plus(Duration.ofSeconds(4))), "not due yet");

        MonoTime t1 = t0.plus(Duration.ofSeconds(5));
        Input.SaUsed reading = usage.poll(t1).orElseThrow();
        assertEquals(t1, reading.now());
        List<Input.SaCount> r = reading.sas();
        assertEquals(1, r.size(), r.toString());
        assertEquals(0x2002, r.get(0).spi());
        assertEquals(PEER, r.get(0).dst());
        assertEquals(t1.minus(Duration.ofSeconds(3)), r.get(0).lastUsed());
        assertEquals(10, r.get(0).packets());
        assertEquals(840, r.get(0).bytes());

        assertEquals(Optional.empty(), usage.poll(t1.plus(Duration.ofSeconds(5))), "nothing moved");
        k.counters.put(0x1001L, new SaCounters(7, 588, 0, Optional.of(Duration.ZERO)));
        k.counters.put(0x2002L, new SaCounters(11, 924, 0, Optional.of(Duration.ZERO)));
        assertEquals(2, usage.poll(t1.plus(Duration.ofSeconds(10))).orElseThrow().sas().size());

        usage.observe(new KernelRequest.DeleteSas("net", 2, List.of(comp, in, out)));
        assertEquals(0, usage.tracked());
        k.asked.clear();
        assertEquals(Optional.empty(), usage.poll(t1.plus(Duration.ofSeconds(20))));
        assertTrue(k.asked.isEmpty(), "deleted SAs are not read");
        assertEquals(Optional.empty(), usage.nextDeadline());
    }
}
