package org.jswan.ike.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.jswan.ike.base.IpAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AddressFormsTest {

    @ParameterizedTest
    @CsvSource({
        "1.2.3.4, 1.2.3.4",
        "10, 10.0.0.0",
        "10.1, 10.1.0.0",
        "10.1.2, 10.1.2.0",
        "128.009.000.032, 128.9.0.32",
        "0x80090020, 128.9.0.32",
        "0X0a000001, 10.0.0.1",
        "%any, 0.0.0.0",
        "%any6, ::",
        "3049:1::8007:2040, 3049:1::8007:2040",
        "::1, ::1"
    })
    void numericForms(String text, String printed) throws Exception {
        assertEquals(printed, AddressForms.address(text).toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"east.example", "3com.example", "1.example", "localhost", "a"})
    void namesAreNotNumeric(String text) throws Exception {
        assertEquals(Optional.empty(), AddressForms.numericAddress(text));
        assertFalse(AddressForms.looksNumeric(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "328.9.0.32", "128.9..32", "128.9.0.32.27", "128.9.0k32", "1.2.foo", "0x800x0020",
        "0x8009002g", "0h01020304", "3049:1::8007::2040", "1:2:3:4:5:6:7:8:9", "10."
    })
    void malformedNumbersAreErrors(String text) {
        assertThrows(TextFormException.class, () -> AddressForms.numericAddress(text));
        assertTrue(AddressForms.looksNumeric(text));
    }

    // Rows from ttosubnet(3)'s own regression table (FreeS/WAN lib/ttosubnet.c), facts only.
    @ParameterizedTest
    @CsvSource({
        "1.2.3.0/255.255.255.0, 1.2.3.0/24",
        "1.2.3.0/24, 1.2.3.0/24",
        "1.2.3.1/255.255.255.240, 1.2.3.0/28",
        "1.2.3.1/32, 1.2.3.1/32",
        "1.2.3.1/0, 0.0.0.0/0",
        "128.009.000.032/32, 128.9.0.32/32",
        "0x80090020/32, 128.9.0.32/32",
        "128.9.0.32/0xffFF0000, 128.9.0.0/16",
        "10/8, 10.0.0.0/8",
        "10.0/8, 10.0.0.0/8",
        "10.0.1/24, 10.0.1.0/24",
        "%default, 0.0.0.0/0",
        "3049:1::8007:2040/0, ::/0",
        "3049:1::8007:2040/128, 3049:1::8007:2040/128",
        "3049:1::8007:2040/ffff::0, 3049::/16",
        "3049:1::8007:2040/64, 3049:1::/64",
        "3049:12::9000:3200/ffff:fff0::, 3049:10::/28",
        "::/21, ::/21",
        "1:0:0:0:0:0:0:2/128, 1::2/128",
        "10.0.0.0/024, 10.0.0.0/24"
    })
    void ttosubnet(String text, String printed) throws Exception {
        assertEquals(printed, AddressForms.subnettot(AddressForms.ttosubnet(text)));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "1.2.3.1/255.255.127.0", "128.0x9.0.32/32", "0x800x0020/32", "128.9.0.32/0xff0000FF",
        "128.9.0.32/0x0000ffFF", "128.9.0.32/0x00ffFF0000", "128.9.0.32/0xffFF", "128.9.0.32.27/32",
        "128.9.0k32/32", "328.9.0.32/32", "128.9..32/32", "_", "_/_", "1.2.3.1", "1.2.3.1/_",
        "1.2.3.1/24._", "1.2.3.1/99", "3049:1::8007::2040/128", "3049:1::8007:2040/0000:ffff::0",
        "3049:1::8007:2040/ff1f::0", "3049:1::8007:x:2040/128", "3049:1t::8007:2040/128",
        "3049:1::80071:2040/128", "3049:12::9000:3200/128_", "3049:12::9000:3200/", "", "east/24",
        "10.0.0.0/ffff::"
    })
    void ttosubnetErrors(String text) {
        assertThrows(TextFormException.class, () -> AddressForms.ttosubnet(text));
    }

    @Test
    void anyAddressesAreTheUnspecifiedOnes() throws Exception {
        assertEquals(IpAddress.ANY4, AddressForms.address("%any"));
        assertEquals(IpAddress.ANY6, AddressForms.address("%any6"));
        assertThrows(TextFormException.class, () -> AddressForms.address("east.example"));
    }
}
