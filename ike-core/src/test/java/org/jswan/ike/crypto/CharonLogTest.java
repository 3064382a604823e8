package org.jswan.ike.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.jswan.ike.base.Bytes;
import org.junit.jupiter.api.Test;

/** The test-side reader of charon's hex dumps. */
class CharonLogTest {
    @Test
    void assemblesDumpsPerThreadAcrossInterleavedLines() {
        CharonLog log = CharonLog.parse("""
                07:03:18.205 08[IKE] <psk-tunnel|1> SKEYID => 20 bytes @ 0x7f2a18005f30
                07:03:18.205 08[IKE] <psk-tunnel|1>    0: 31 39 60 79 6D E3 0C AE 36 09 0A F0 19 3A 87 16  19`ym...6....:..
                07:03:18.214 04[JOB]   watching 14 for reading
                07:03:18.205 09[IKE] <1> other => 2 bytes @ 0x1
                07:03:18.205 09[IKE] <1>    0: 0A 0B                                            ..
                07:03:18.205 08[IKE] <psk-tunnel|1>   16: A2 EC A0 ED                                      ....
                07:03:18.205 08[IKE] <psk-tunnel|1> empty => 0 bytes @ (nil)
                07:03:18.205 08[IKE] <psk-tunnel|1> SKEYID => 1 bytes @ 0x2
                07:03:18.205 08[IKE] <psk-tunnel|1>    0: FF                                               .
                """);
        assertEquals(Bytes.fromHex("313960796DE30CAE36090AF0193A8716A2ECA0ED"), log.first("SKEYID"));
        assertEquals(2, log.all("SKEYID").size());
        assertEquals(Bytes.fromHex("0a0b"), log.only("other"));
        assertEquals(Bytes.EMPTY, log.only("empty"));
        assertThrows(IllegalArgumentException.class, () -> log.only("SKEYID"));
        assertThrows(IllegalArgumentException.class, () -> log.first("missing"));
    }

    @Test
    void reportsGapsAndTruncatedDumps() {
        assertThrows(IllegalStateException.class, () -> CharonLog.parse("""
                07:03:18.205 08[IKE] <1> x => 20 bytes @ 0x1
                07:03:18.205 08[IKE] <1>    0: 31 39 60 79 6D E3 0C AE 36 09 0A F0 19 3A 87 16  ................
                07:03:18.205 08[IKE] <1>   32: A2 EC A0 ED                                      ....
                """));
        assertThrows(IllegalStateException.class, () -> CharonLog.parse("""
                07:03:18.205 08[IKE] <1> x => 20 bytes @ 0x1
                07:03:18.205 08[IKE] <1>    0: 31 39 60 79 6D E3 0C AE 36 09 0A F0 19 3A 87 16  ................
                07:03:18.205 08[IKE] <1> something else
                """));
        assertThrows(IllegalStateException.class, () -> CharonLog.parse("""
                07:03:18.205 08[IKE] <1> x => 20 bytes @ 0x1
                """));
    }
}
