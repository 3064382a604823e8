package org.jswan.whack;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalLong;
import org.jswan.ike.base.IpAddress;
import org.jswan.ike.base.Subnet;
import org.junit.jupiter.api.Test;

/** strtoul, ttodata, ttoaddr/ttosubnet/protoport as whack uses them. */
class TextConversionsTest {
    @Test
    void strtoulWhole() {
        assertEquals(OptionalLong.of(3600), Strtoul.whole("3600"));
        assertEquals(OptionalLong.of(255), Strtoul.whole("0xff"));
        assertEquals(OptionalLong.of(255), Strtoul.whole("0XFF"));
        assertEquals(OptionalLong.of(8), Strtoul.whole("010"));
        assertEquals(OptionalLong.of(0), Strtoul.whole("0"));
        assertEquals(OptionalLong.of(12), Strtoul.whole("  +12"));
        assertEquals(OptionalLong.of(-1L), Strtoul.whole("-1"), "wraps to ULONG_MAX");
        assertEquals(OptionalLong.of(-1L), Strtoul.whole("99999999999999999999999"), "saturates");
        assertEquals(OptionalLong.of(-1L), Strtoul.whole("18446744073709551615"));
        assertEquals(OptionalLong.of(-1L), Strtoul.whole("18446744073709551616"), "one past ULONG_MAX");
        assertEquals(OptionalLong.of(Long.MIN_VALUE), Strtoul.whole("0x8000000000000000"));
        for (String bad : new String[] {"", " ", "x", "0x", "08", "12 ", "1e3", "+", "--1", "١٢"}) {
            assertTrue(Strtoul.whole(bad).isEmpty(), bad);
        }
    }

    @Test
    void strtoulLeading() {
        assertEquals(21, Strtoul.leading("021 no connection named \"x\"\n"));
        assertEquals(4, Strtoul.leading("004 \"c\" #2: STATE_QUICK_I2"));
        assertEquals(0, Strtoul.leading("hello"));
        assertEquals(117, Strtoul.leading("117"));
    }

    @Test
    void ttodata() {
        assertArrayEquals(new byte[] {1, 2, (byte) 0xfe}, TtoData.decode("0x0102FE"));
        assertArrayEquals(new byte[] {1, 2, 3, 4}, TtoData.decode("0X01_02_0304"));
        assertArrayEquals(new byte[] {'a', 'b', 'c'}, TtoData.decode("0sYWJj"));
        assertArrayEquals(new byte[] {'a', 'b'}, TtoData.decode("0sYWI="));
        assertArrayEquals(new byte[] {'a'}, TtoData.decode("0sYQ=="));
        assertArrayEquals(new byte[] {'x', ' ', 'y'}, TtoData.decode("0tx y"));
        assertEquals(TtoData.MAX_BYTES, TtoData.decode("0x" + "00".repeat(TtoData.MAX_BYTES)).length);
        for (String bad : new String[] {"", "0", "12", "0q00", "0x0", "0x0g", "0x_0_0", "0sYQ", "0sY===", "0s=YQA",
            "0sYQ==YWJj", "0s", "0t", "0x" + "00".repeat(TtoData.MAX_BYTES + 1)}) {
            assertThrows(IllegalArgumentException.class, () -> TtoData.decode(bad), bad);
        }
    }

    @Test
    void addresses() {
        assertEquals(IpAddress.parse("192.0.2.1"), AddressText.address("192.0.2.1", AddressText.AF_INET));
        assertEquals(IpAddress.parse("2001:db8::1"), AddressText.address("2001:db8::1", AddressText.AF_INET6));
        assertEquals(IpAddress.parse("127.0.0.1"), AddressText.address("localhost", AddressText.AF_INET));
        assertThrows(IllegalArgumentException.class, () -> AddressText.address("1.2.3", AddressText.AF_INET));
        assertThrows(IllegalArgumentException.class, () -> AddressText.address("1.2.3.4", AddressText.AF_INET6));
        assertThrows(IllegalArgumentException.class, () -> AddressText.address("", AddressText.AF_INET));
    }

    @Test
    void subnets() {
        assertEquals(Subnet.parse("10.0.0.0/8"), AddressText.subnet("10.0.0.0/8", AddressText.AF_INET));
        assertEquals(Subnet.parse("10.0.0.0/8"), AddressText.subnet("10.0.0.0/255.0.0.0", AddressText.AF_INET));
        assertEquals(new Subnet(IpAddress.ANY6, 0), AddressText.subnet("%default", AddressText.AF_INET6));
        assertEquals(Subnet.parse("2001:db8::/32"), AddressText.subnet("2001:db8::/32", AddressText.AF_INET6));
        for (String bad : new String[] {"10.0.0.0", "10.0.0.0/33", "10.0.0.0/255.0.255.0", "10.0.0.1/8", "10.0.0.0/"}) {
            assertThrows(IllegalArgumentException.class, () -> AddressText.subnet(bad, AddressText.AF_INET), bad);
        }
    }

    @Test
    void protoPorts() {
        assertEquals(new AddressText.ProtoPort(17, 1701), AddressText.protoPort("17/1701"));
        assertEquals(new AddressText.ProtoPort(6, 0), AddressText.protoPort("tcp/%any"));
        assertEquals(new AddressText.ProtoPort(17, 500), AddressText.protoPort("udp/500"));
        for (String bad : new String[] {"tcp", "256/1", "tcp/70000", "nosuchproto/1", "/1", "tcp/"}) {
            assertThrows(IllegalArgumentException.class, () -> AddressText.protoPort(bad), bad);
        }
    }
}
