package org.jswan.ike.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jswan.ike.base.Bytes;
import org.jswan.ike.base.IpAddress;
import org.jswan.ike.base.MonoTime;
import org.jswan.ike.base.Rng;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Cookies from the secret of the day, and EVENT_REINIT_SECRET in status. */
class CookieSecretTest {
    @TempDir
    Path dir;

    @Test
    void cookiesAreDistinctNonZeroAndTheSecretIsReplacedHourly() {
        CookieSecret s = new CookieSecret(Rng.seeded(5));
        MonoTime t = MonoTime.ofSeconds(10);
        IpAddress peer = IpAddress.parse("192.0.2.2");
        Set<Bytes> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            Bytes c = s.cookie(t, peer, i % 2 == 0 ? null : Bytes.fromHex("0102030405060708"));
            assertEquals(8, c.length());
            assertTrue(!c.isAllZero());
            assertTrue(seen.add(c), "cookie repeated after " + i);
        }
        assertEquals(t.plus(Duration.ofSeconds(3600)), s.nextReinit(t));
        assertEquals(t.plus(Duration.ofSeconds(3600)), s.nextReinit(t.plus(Duration.ofSeconds(3599))));
        assertEquals(t.plus(Duration.ofSeconds(7200)), s.nextReinit(t.plus(Duration.ofSeconds(3600))));
        // a pluto idle for a day draws one new secret, not 24
        assertEquals(t.plus(Duration.ofSeconds(3600L * 26)), s.nextReinit(t.plus(Duration.ofSeconds(3600L * 25 + 5))));
    }

    @Test
    void theSameCounterWithAnotherSecretGivesAnotherCookie() {
        IpAddress peer = IpAddress.parse("192.0.2.2");
        MonoTime t = MonoTime.ofSeconds(10);
        CookieSecret a = new CookieSecret(Rng.seeded(5));
        CookieSecret b = new CookieSecret(Rng.seeded(5));
        assertEquals(a.cookie(t, peer, null), b.cookie(t, peer, null), "same secret, same counter");
        Bytes afterRefresh = b.cookie(t.plus(Duration.ofSeconds(3600)), peer, null);
        assertNotEquals(a.cookie(t, peer, null), afterRefresh);
    }

    @Test
    void statusShowsTheSecondsToTheNextReinit() {
        Sim sim = new Sim(dir);
        Sim.Node n = sim.node("west", "192.0.2.1", 500, "", 3);
        List<String> first = sim.status(n);
        assertTrue(first.contains("000 EVENT_REINIT_SECRET in 3600s"), first.toString());
        sim.run(Duration.ofSeconds(1000));
        assertTrue(sim.status(n).contains("000 EVENT_REINIT_SECRET in 2600s"), sim.status(n).toString());
        sim.run(Duration.ofSeconds(2700));
        assertTrue(sim.status(n).contains("000 EVENT_REINIT_SECRET in 3500s"), sim.status(n).toString());
    }
}
