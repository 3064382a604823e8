package org.jswan.klips;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NoKernelTest {
    private final List<String> lines = new ArrayList<>();
    private final NoKernel kernel = new NoKernel(lines::add);

    private static InetAddress ip(String s) throws Exception {
        return InetAddress.getByName(s);
    }

    @Test
    void saysWhatItWouldDoAndNeverRevealsKeys() throws Exception {
        boolean[] revealed = {false};
        KeyMaterial key = new KeyMaterial(24, () -> {
            revealed[0] = true;
            return new byte[24];
        });
        SaRef ref = new SaRef(SaProto.ESP, 0x1234, ip("192.0.2.1"), ip("192.0.2.2"));
        kernel.addSa(new SaParams(ref, false, true, 3, key, 2, KeyMaterial.NONE, 0, 0));
        kernel.deleteSa(ref);
        assertEquals(2, lines.size());
        assertTrue(lines.get(0).startsWith("none: would add esp.1234@192.0.2.2 outbound tunnel"), lines.get(0));
        assertTrue(lines.get(0).contains("<key 24 bytes>"));
        assertEquals("none: would delete esp.1234@192.0.2.2", lines.get(1));
        assertFalse(revealed[0], "the none backend must not fetch key bytes");
    }

    @Test
    void spisStayInRange() throws Exception {
        long a = kernel.getSpi(SaProto.ESP, ip("192.0.2.1"), ip("192.0.2.2"), 0x1000, 0x1001);
        long b = kernel.getSpi(SaProto.ESP, ip("192.0.2.1"), ip("192.0.2.2"), 0x1000, 0x1001);
        long c = kernel.getSpi(SaProto.ESP, ip("192.0.2.1"), ip("192.0.2.2"), 0x1000, 0x1001);
        assertEquals(0x1000, a);
        assertEquals(0x1001, b);
        assertEquals(0x1000, c);
        assertThrows(KernelException.class, () -> kernel.getSpi(SaProto.AH, ip("::1"), ip("::1"), 5, 4));
    }

    @Test
    void saIdTextFollowsKlips() throws Exception {
        assertEquals("ah:10ff@2001:db8:0:0:0:0:0:1",
                new SaRef(SaProto.AH, 0x10ff, ip("2001:db8::2"), ip("2001:db8::1")).toString());
        assertThrows(IllegalArgumentException.class,
                () -> new SaRef(SaProto.ESP, 1L << 32, ip("192.0.2.1"), ip("192.0.2.2")));
    }
}
