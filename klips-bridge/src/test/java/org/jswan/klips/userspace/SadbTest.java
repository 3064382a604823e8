package org.jswan.klips.userspace;

import static org.jswan.klips.userspace.Packets.GW_A;
import static org.jswan.klips.userspace.Packets.GW_B;
import static org.jswan.klips.userspace.Packets.NET_A;
import static org.jswan.klips.userspace.Packets.NET_B;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.jswan.klips.Eroute;
import org.jswan.klips.KernelException;
import org.jswan.klips.KeyMaterial;
import org.jswan.klips.SaParams;
import org.jswan.klips.SaProto;
import org.jswan.klips.SaRef;
import org.jswan.klips.Shunt;
import org.junit.jupiter.api.Test;

class SadbTest {
    private final Node a = new Node(GW_A, GW_B);

    private String refused(ThrowingRunnable r) {
        return assertThrows(KernelException.class, r::run).getMessage();
    }

    interface ThrowingRunnable {
        void run() throws Exception;
    }

    @Test
    void spisAreUniqueInRangeAndNeverBelow0x1000() throws Exception {
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < 500; i++) {
            long spi = a.dp.getSpi(SaProto.ESP, GW_A, 0x1000, 0xffff_ffffL);
            assertTrue(spi >= 0x1000 && spi <= 0xffff_ffffL);
            assertTrue(seen.add(spi), "unique");
        }
        long first = a.dp.getSpi(SaProto.ESP, GW_A, 0x1000, 0x1003);
        long second = a.dp.getSpi(SaProto.ESP, GW_A, 0x1000, 0x1003);
        assertTrue(first != second);
        a.dp.getSpi(SaProto.ESP, GW_A, 0x1000, 0x1003);
        a.dp.getSpi(SaProto.ESP, GW_A, 0x1000, 0x1003);
        assertTrue(refused(() -> a.dp.getSpi(SaProto.ESP, GW_A, 0x1000, 0x1003)).contains("no free SPI"));
        long cpi = a.dp.getSpi(SaProto.IPCOMP, GW_A, 256, 61439);
        assertTrue(cpi >= 256 && cpi <= 61439);
        assertTrue(refused(() -> a.dp.getSpi(SaProto.IPCOMP, GW_A, 256, 0x10000)).contains("bad range"));
    }

    @Test
    void anSpiInUseIsNotHandedOut() throws Exception {
        a.dp.addSa(Node.esp(a.in(SaProto.ESP, 0x1000), true, true, 0, 1));
        assertEquals(0x1001, a.dp.getSpi(SaProto.ESP, GW_A, 0x1000, 0x1001));
        assertEquals(0x1000, a.dp.getSpi(SaProto.ESP, GW_B, 0x1000, 0x1000), "another destination, another space");
    }

    @Test
    void addRefusesWhatItCannotCarry() throws Exception {
        SaRef r = a.out(SaProto.ESP, 0x1001);
        a.dp.addSa(Node.esp(r, false, true, 0, 1));
        assertTrue(refused(() -> a.dp.addSa(Node.esp(r, false, true, 0, 1))).contains("SA exists"));
        SaRef r2 = a.out(SaProto.ESP, 0x1002);
        assertTrue(refused(() -> a.dp.addSa(new SaParams(r2, false, true, 2, Packets.key(8, 1), 3,
                Packets.key(20, 1), 0, 0))).contains("encryption algorithm 2"));
        assertTrue(refused(() -> a.dp.addSa(new SaParams(r2, false, true, 12, Packets.key(16, 1), 0, null, 0, 0)))
                .contains("need one"));
        assertTrue(refused(() -> a.dp.addSa(new SaParams(r2, false, true, 12, Packets.key(17, 1), 3,
                Packets.key(20, 1), 0, 0))).contains("key of 17 bytes"));
        assertTrue(refused(() -> a.dp.addSa(new SaParams(r2, false, true, 12, Packets.key(16, 1), 5,
                Packets.key(20, 1), 0, 0))).contains("SADB_X_AALG_SHA2_256HMAC key of 20 bytes"));
        assertTrue(refused(() -> a.dp.addSa(new SaParams(r2, false, true, 12,
                new KeyMaterial(16, () -> new byte[15]), 3, Packets.key(20, 1), 0, 0))).contains("announced"));
        assertTrue(refused(() -> a.dp.addSa(new SaParams(new SaRef(SaProto.AH, 0x1003, GW_A, GW_B), false, true, 0,
                null, 3, Packets.key(20, 1), 4500, 4500))).contains("only ESP"));
        assertTrue(refused(() -> a.dp.addSa(new SaParams(new SaRef(SaProto.ESP, 0x1003, Packets.ip("2001:db8::1"),
                Packets.ip("2001:db8::2")), false, true, 12, Packets.key(16, 1), 3, Packets.key(20, 1), 0, 0)))
                .contains("IPv4"));
        assertTrue(refused(() -> a.dp.addSa(new SaParams(Shunt.PASS.ref(), false, true, 0, null, 0, null, 0, 0)))
                .contains("shunts"));
        assertTrue(refused(() -> a.dp.addSa(new SaParams(a.out(SaProto.IPCOMP, 0x10000), false, true, 2, null, 0,
                null, 0, 0))).contains("16 bits"));
        a.dp.addSa(new SaParams(new SaRef(SaProto.ESP, 0x1004, GW_A, GW_B), false, true, 3, Packets.key(24, 1), 2,
                Packets.key(16, 2), 0, 0));
    }

    @Test
    void keysAreFetchedOnceAndZeroised() throws Exception {
        byte[][] handedOut = new byte[1][];
        KeyMaterial k = new KeyMaterial(16, () -> {
            handedOut[0] = new byte[16];
            java.util.Arrays.fill(handedOut[0], (byte) 0x5a);
            return handedOut[0];
        });
        a.dp.addSa(new SaParams(a.out(SaProto.ESP, 0x1001), false, true, 12, k, 3, Packets.key(20, 1), 0, 0));
        for (byte x : handedOut[0]) {
            assertEquals(0, x, "the revealed copy is zeroised once the transform has it");
        }
    }

    @Test
    void deleteAndGroup() throws Exception {
        SaRef esp = a.out(SaProto.ESP, 0x1001);
        SaRef ah = a.out(SaProto.AH, 0x1002);
        a.dp.addSa(Node.esp(esp, false, true, 0, 1));
        a.dp.addSa(new SaParams(ah, false, true, 0, null, 3, Packets.key(20, 1), 0, 0));
        assertTrue(refused(() -> a.dp.groupSas(esp, a.out(SaProto.AH, 0x9999))).contains("no such SA"));
        a.dp.groupSas(esp, ah);
        assertEquals(2, a.dp.sadb.get(ah).chain().size());
        assertTrue(refused(() -> a.dp.groupSas(ah, esp)).contains("a loop"));
        SaRef other = new SaRef(SaProto.AH, 0x1003, GW_A, Packets.ip("192.0.2.3"));
        a.dp.addSa(new SaParams(other, false, true, 0, null, 3, Packets.key(20, 1), 0, 0));
        SaRef esp2 = a.out(SaProto.ESP, 0x1005);
        a.dp.addSa(Node.esp(esp2, false, true, 0, 1));
        assertTrue(refused(() -> a.dp.groupSas(esp2, other)).contains("different endpoints"));
        SaRef udp = a.out(SaProto.ESP, 0x1006);
        a.dp.addSa(Node.esp(udp, false, true, 4500, 1));
        SaRef ah2 = a.out(SaProto.AH, 0x1007);
        a.dp.addSa(new SaParams(ah2, false, true, 0, null, 3, Packets.key(20, 1), 0, 0));
        assertTrue(refused(() -> a.dp.groupSas(udp, ah2)).contains("applied last"));
        assertTrue(refused(() -> a.dp.groupSas(esp, ah2)).contains("already grouped"));
        a.dp.deleteSa(esp);
        assertEquals(1, a.dp.sadb.get(ah).chain().size(), "deleting one SA unlinks it");
        assertTrue(refused(() -> a.dp.deleteSa(esp)).contains("no such SA"));
    }

    @Test
    void erouteOperations() throws Exception {
        Eroute add = new Eroute(Eroute.Op.ADD, NET_A, NET_B, Shunt.TRAP.ref());
        a.dp.eroute(add);
        assertTrue(refused(() -> a.dp.eroute(add)).contains("it exists"));
        a.dp.eroute(new Eroute(Eroute.Op.REPLACE, NET_A, NET_B, a.out(SaProto.ESP, 0x1001)));
        assertEquals(1, a.dp.eroutes.entries().size());
        assertEquals("esp.1001@192.0.2.2", a.dp.eroutes.entries().get(0).target.toString());
        a.dp.eroute(new Eroute(Eroute.Op.DELETE, NET_A, NET_B, null));
        assertTrue(refused(() -> a.dp.eroute(new Eroute(Eroute.Op.DELETE, NET_A, NET_B, null))).contains("no such eroute"));
        assertTrue(refused(() -> a.dp.eroute(new Eroute(Eroute.Op.ADD, NET_A, NET_B, null))).contains("needs an SA"));
        assertTrue(refused(() -> a.dp.eroute(new Eroute(Eroute.Op.ADD, NET_A, NET_B,
                new SaRef(SaProto.INT, 0x999, GW_A, GW_A)))).contains("unknown shunt"));
        assertTrue(refused(() -> a.dp.eroute(new Eroute(Eroute.Op.ADD, NET_A, Packets.net("2001:db8::/32"),
                Shunt.PASS.ref()))).contains("families"));
        assertFalse(a.log.isEmpty());
    }

    @Test
    void shuntTextAndLookup() {
        assertEquals("%trap", Shunt.TRAP.ref().toString());
        assertEquals(0x104, Shunt.TRAP.spi());
        assertEquals(Shunt.REJECT, Shunt.of(new SaRef(SaProto.INT, 0x102, GW_A, GW_A)).orElseThrow());
        assertFalse(Shunt.of(a.out(SaProto.ESP, 0x102)).isPresent());
        assertEquals("int.999@192.0.2.1", new SaRef(SaProto.INT, 0x999, GW_A, GW_A).toString());
    }
}
