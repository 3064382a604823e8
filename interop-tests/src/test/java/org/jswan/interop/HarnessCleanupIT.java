package org.jswan.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The harness leaves nothing behind: namespaces, their veth, charon (by PID), the short socket
 * directory — whether the test closes them normally, throws half-way, or forgets them and the
 * JVM's shutdown hook ({@link Teardown}) has to.
 */
@Interop(jswan = false)
class HarnessCleanupIT {
    private static Path dir;

    @BeforeAll
    static void workDir() {
        dir = Artifacts.forClass(HarnessCleanupIT.class);
    }

    /** What a testbed with a running charon consists of, to check afterwards. */
    private record Footprint(List<String> namespaces, long charonPid, Path shortDir) {
        void requireGone() {
            for (String ns : namespaces) {
                assertFalse(Netns.exists(ns), "namespace " + ns + " still exists");
            }
            assertFalse(Files.exists(Path.of("/proc", Long.toString(charonPid)))
                    && Daemon.exe(charonPid).equals(Prerequisites.CHARON.toString()), "charon " + charonPid + " runs");
            assertFalse(Files.exists(shortDir), shortDir + " still exists");
            assertTrue(Teardown.live().stream().noneMatch(r -> namespaces.stream().anyMatch(r::contains)),
                    "still registered for teardown: " + Teardown.live());
        }
    }

    private static Footprint startCharonIn(Testbed bed, String name) {
        Charon c = Charon.start(bed.right(), dir.resolve(name), bed.shortDir(), new StrongswanConf(),
                CharonSelfTestIT.conf(false));
        assertTrue(c.running());
        assertTrue(Netns.exists(bed.left().name()) && Netns.exists(bed.right().name()));
        assertEquals(List.of(c.pid()), bed.right().pids(), "only our charon runs in " + bed.right().name());
        return new Footprint(List.of(bed.left().name(), bed.right().name()), c.pid(), bed.shortDir());
    }

    @Test
    void closing_the_testbed_stops_charon_and_removes_the_namespaces() {
        Footprint f;
        try (Testbed bed = Testbed.create()) {
            f = startCharonIn(bed, "closed");
        }
        f.requireGone();
    }

    @Test
    void a_test_that_throws_half_way_still_leaves_nothing_behind() {
        Footprint[] f = new Footprint[1];
        assertThrows(IllegalStateException.class, () -> {
            try (Testbed bed = Testbed.create()) {
                f[0] = startCharonIn(bed, "thrown");
                throw new IllegalStateException("a test failing half-way");
            }
        });
        f[0].requireGone();
    }

    @Test
    void what_a_test_forgot_is_removed_by_the_shutdown_hook() {
        Testbed bed = Testbed.create();
        Footprint f = startCharonIn(bed, "forgotten");

        Teardown.closeAll(); // what the JVM's shutdown hook runs

        f.requireGone();
    }

    @Test
    void an_interface_name_and_namespace_name_are_unique_per_run() {
        try (Testbed a = Testbed.create(); Testbed b = Testbed.create()) {
            assertFalse(a.left().name().equals(b.left().name()));
            assertFalse(a.leftInterface().equals(b.leftInterface()));
            assertTrue(a.left().name().startsWith("jsw-" + ProcessHandle.current().pid() + "-"));
            assertTrue(a.leftInterface().length() <= 15, "IFNAMSIZ: " + a.leftInterface());
            // both pairs work side by side: same addresses, separate namespaces
            assertTrue(b.left().exec(Duration.ofSeconds(5), "ping", "-c", "1", "-W", "2", Testbed.RIGHT_IP).ok());
        }
    }

    @Test
    void a_host_added_to_the_testbed_goes_with_it() {
        String name;
        try (Testbed bed = Testbed.create()) {
            Netns h = bed.addHost('c', "192.0.2.3");
            name = h.name();
            assertTrue(Netns.exists(name));
            assertTrue(bed.hostInterface('c').length() <= 15, "IFNAMSIZ: " + bed.hostInterface('c'));
            // jswan's side reaches it over its own veth, and the charon's side does not
            assertTrue(bed.left().exec(Duration.ofSeconds(5), "ping", "-c", "1", "-W", "2", "192.0.2.3").ok());
            assertFalse(h.exec(Duration.ofSeconds(5), "ping", "-c", "1", "-W", "1", Testbed.RIGHT_IP).ok());
        }
        assertFalse(Netns.exists(name), name + " still exists");
    }
}
