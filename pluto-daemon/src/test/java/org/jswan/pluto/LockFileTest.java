package org.jswan.pluto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LockFileTest {
    @Test
    void createdExclusivelyReadOnlyWithThePid(@TempDir Path dir) throws Exception {
        Path p = dir.resolve("pluto.pid");
        LockFile lf = LockFile.create(p);
        assertEquals("r--r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(p)));
        UsageException e = assertThrows(UsageException.class, () -> LockFile.create(p));
        assertEquals(10, e.status());
        assertEquals("pluto: lock file \"" + p + "\" already exists", e.getMessage());
        lf.writePidAndClose(4242);
        assertEquals("4242\n", Files.readString(p));
        lf.remove();
        assertFalse(Files.exists(p));
    }

    @Test
    void otherFailuresExitOne(@TempDir Path dir) {
        UsageException e = assertThrows(UsageException.class, () -> LockFile.create(dir.resolve("no/such/dir.pid")));
        assertEquals(1, e.status());
        assertEquals(true, e.getMessage().startsWith("pluto: unable to create lock file"));
    }
}
