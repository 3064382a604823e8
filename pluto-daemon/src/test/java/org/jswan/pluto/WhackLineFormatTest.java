package org.jswan.pluto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WhackLineFormatTest {
    private static String line(int rc, String text) {
        return new String(WhackLineFormat.encode(rc, text), StandardCharsets.ISO_8859_1);
    }

    @Test
    void rcIsThreeDigitsThenSpace() {
        assertEquals("000  \n", line(0, " "));
        assertEquals("004 \"conn\" #1: STATE_QUICK_I2: sent QI2, IPsec SA established\n",
                line(4, "\"conn\" #1: STATE_QUICK_I2: sent QI2, IPsec SA established"));
        assertEquals("117 x\n", line(117, "x"));
        assertEquals("214 x\n", line(214, "x"));
    }

    @Test
    void nonPrintablesAndBackslashAreOctal() {
        assertEquals("002 a\\012b\\011c\\134d\\177\\000\n", line(2, "a\nb\tc\\d\u007f\u0000"));
        // Each byte of a non-ASCII character's UTF-8 form is escaped.
        assertEquals("002 caf\\303\\251\n", line(2, "café"));
    }

    @Test
    void linesAreCappedAt1024BytesWithoutSplittingAnEscape() {
        byte[] b = WhackLineFormat.encode(2, "x".repeat(5000));
        assertEquals(1024, b.length);
        assertEquals('\n', b[1023]);
        String s = line(2, "x".repeat(1018) + "\n");
        // 4 prefix + 1018 x leaves 1 byte: not enough for \012, so it is cut before it.
        assertEquals(1023, s.length());
        assertTrue(s.endsWith("x\n"));
    }
}
