package org.jswan.klips.pfkey;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/** Any well-formed message survives encode → decode unchanged, and decodes to the same bytes. */
class RoundTripTest {

    @Property(tries = 2000, seed = "2367")
    void encodeThenDecodeIsIdentity(@ForAll long seed) throws PfKeyException {
        PfKeyMessage m = new RandomMessages(seed).message();
        byte[] wire = m.encode();
        assertEquals(0, wire.length % 8, "64-bit aligned");
        assertEquals(wire.length / 8, Byte.toUnsignedInt(wire[4]) | Byte.toUnsignedInt(wire[5]) << 8, "sadb_msg_len");
        PfKeyMessage back = PfKeyMessage.decode(wire);
        assertEquals(m, back);
        assertArrayEquals(wire, back.encode());
    }
}
