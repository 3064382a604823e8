package org.jswan.ike.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.jswan.ike.base.Bytes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TextFormsTest {

    @Test
    void hexWithAndWithoutUnderscores() throws Exception {
        assertEquals(Bytes.fromHex("0123456789abcdef"), TextForms.ttodata("0x0123456789abcdef"));
        assertEquals(Bytes.fromHex("0123456789abcdef"), TextForms.ttodata("0X0123_4567_89AB_cdef"));
        assertEquals(Bytes.fromHex("01020304"), TextForms.ttodata("0x01_02_03_04"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0x_0102", "0x0102_", "0x01__02", "0x0_102", "0x012", "0x01g2", "0x"})
    void badHexIsRefused(String text) {
        assertThrows(TextFormException.class, () -> TextForms.ttodata(text));
    }

    @Test
    void base64WithPadding() throws Exception {
        assertEquals(Bytes.of(0x01, 0x03), TextForms.ttodata("0sAQM="));
        assertEquals(Bytes.of(0x03), TextForms.ttodata("0sAw=="));
        assertEquals(Bytes.of(0xfb, 0xff, 0xbf), TextForms.ttodata("0S+/+/"));
        assertEquals(Bytes.copyOf("any carnal pleas".getBytes(StandardCharsets.US_ASCII)),
                TextForms.ttodata("0sYW55IGNhcm5hbCBwbGVhcw=="));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "0sAQM", // incomplete group
        "0sA===", // '=' too early in the group
        "0sAQ=M", // data after '='
        "0sAw==AAAA", // padding before the last group
        "0sAx==", // non-zero padding bits
        "0sAQN=", // non-zero padding bits
        "0sAQ*=", // not a base64 character
        "0s"
    })
    void badBase64IsRefused(String text) {
        assertThrows(TextFormException.class, () -> TextForms.ttodata(text));
    }

    @Test
    void rawText() throws Exception {
        assertEquals(Bytes.copyOf("hello world # not a comment".getBytes(StandardCharsets.US_ASCII)),
                TextForms.ttodata("0thello world # not a comment"));
        assertEquals(Bytes.of(0xe9), TextForms.ttodata("0T\u00e9"));
        assertThrows(TextFormException.class, () -> TextForms.ttodata("0t"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "secret", "1234", "0q1234", "x0123"})
    void missingPrefixIsRefused(String text) {
        assertThrows(TextFormException.class, () -> TextForms.ttodata(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "0xdeadbeefSECRETzz", "0xdead_beef_CAFE__BABE_SECRET", "0sSECRETSECRETSECRET!===",
        "0sSECRETx", "SECRETSECRET", "0zSECRET", "0xSECRET"
    })
    void errorsNeverRepeatTheInput(String text) {
        TextFormException e = assertThrows(TextFormException.class, () -> TextForms.ttodata(text));
        assertFalse(e.getMessage().contains("SECRET"), e.getMessage());
        assertFalse(e.getMessage().toLowerCase().contains("dead"), e.getMessage());
    }

    @Test
    void datatotFormats() {
        Bytes b = Bytes.fromHex("0102030405060708090a");
        assertEquals("0x0102030405060708090a", TextForms.datatot(b, 'x'));
        assertEquals("0x01020304_05060708_090a", TextForms.datatot(b, 'h'));
        assertEquals("0x01020304_05060708_090a", TextForms.datatot(b, (char) 0));
        assertEquals("0102030405060708090a", TextForms.datatot(b, (char) 16));
        assertEquals("0sAQIDBAUGBwgJCg==", TextForms.datatot(b, 's'));
        assertEquals("AQIDBAUGBwgJCg==", TextForms.datatot(b, (char) 64));
        assertThrows(IllegalArgumentException.class, () -> TextForms.datatot(b, 'q'));
        assertThrows(IllegalArgumentException.class, () -> TextForms.datatot(Bytes.EMPTY, 'x'));
    }

    @Property(seed = "20250101")
    void hexRoundTrip(@ForAll @Size(min = 1, max = 80) byte[] raw) throws Exception {
        Bytes b = Bytes.copyOf(raw);
        assertEquals(b, TextForms.ttodata(TextForms.datatot(b, 'x')));
        assertEquals(b, TextForms.ttodata(TextForms.datatot(b, 'h')));
    }

    @Property(seed = "20250101")
    void base64RoundTrip(@ForAll @Size(min = 1, max = 80) byte[] raw) throws Exception {
        Bytes b = Bytes.copyOf(raw);
        String text = TextForms.datatot(b, 's');
        assertEquals(b, TextForms.ttodata(text));
        assertEquals(java.util.Base64.getEncoder().encodeToString(raw), text.substring(2));
    }
}
