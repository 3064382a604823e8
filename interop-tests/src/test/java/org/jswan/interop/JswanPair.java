package org.jswan.interop;

import java.nio.file.Path;

/**
 * Two jswan plutos with their userspace KLIPS, west in the testbed's left namespace and east in
 * its right one, sharing one PSK: the fixture of the jswan ↔ jswan ITs. {@link #close} stops both
 * plutos and removes the testbed, also after a failed start.
 */
final class JswanPair implements AutoCloseable {
    private final Path dir;
    private Testbed bed;
    private Jswan west;
    private Jswan east;

    private JswanPair(Path dir) {
        this.dir = dir;
    }

    /**
     * Creates the testbed and starts both plutos ({@code --debug-control --debug-klips}), their
     * files under {@code test}'s artifacts directory.
     */
    static JswanPair start(Class<?> test, String psk) {
        JswanPair p = new JswanPair(Artifacts.forClass(test));
        try {
            p.bed = Testbed.create();
            Jswan.Options o = Jswan.Options.psk(psk).with("--debug-control", "--debug-klips");
            p.west = Jswan.start(p.bed.left(), p.dir.resolve("west"), p.bed.shortDir(), o);
            p.east = Jswan.start(p.bed.right(), p.dir.resolve("east"), p.bed.shortDir(), o);
        } catch (RuntimeException | AssertionError e) {
            p.close();
            throw e;
        }
        return p;
    }

    Testbed bed() {
        return bed;
    }

    Jswan west() {
        return west;
    }

    Jswan east() {
        return east;
    }

    Path dir() {
        return dir;
    }

    @Override
    public void close() {
        try {
            if (west != null) {
                west.close();
            }
            if (east != null) {
                east.close();
            }
        } finally {
            west = null;
            east = null;
            if (bed != null) {
                bed.close();
                bed = null;
            }
        }
    }
}
