package org.jswan.klips.pfkey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Every structural fault a kernel refuses, with the errno it answers: {@code EMSGSIZE} when the
 * bytes are not the length the header claims (or not even a header), {@code EINVAL} otherwise.
 * Faults past the header keep the header, so an error reply can carry the request's seq and pid.
 */
class MalformedTest {
    static final String SA = "02 00 01 00 12 34 56 78 40 01 02 03 00 00 00 00";
    static final String DST_V4 = "03 00 06 00 00 00 00 00 02 00 00 00 c0 00 02 02 00 00 00 00 00 00 00 00";

    /** A SADB_ADD (ESP, seq 9, pid 4242) with these extensions, header length set right. */
    static byte[] add(String extensions) {
        return message(3, 3, extensions);
    }

    static byte[] message(int type, int satype, String extensions) {
        byte[] ext = Hex.parse(extensions);
        byte[] b = new byte[16 + ext.length];
        b[0] = 2;
        b[1] = (byte) type;
        b[3] = (byte) satype;
        b[4] = (byte) (b.length / 8);
        b[5] = (byte) (b.length / 8 >>> 8);
        b[8] = 9;
        b[12] = (byte) 0x92;
        b[13] = 0x10;
        System.arraycopy(ext, 0, b, 16, ext.length);
        return b;
    }

    static PfKeyException refused(Errno errno, byte[] bytes) {
        PfKeyException e = assertThrows(PfKeyException.class, () -> PfKeyMessage.decode(bytes));
        assertEquals(errno, e.errno(), e.getMessage());
        assertTrue(e.getMessage().startsWith(errno.name() + ": "), e.getMessage());
        return e;
    }

    /** Refused past the header: the exception names the request so the reply can echo it. */
    static PfKeyException refusedAfterHeader(byte[] bytes, String messageContains) {
        PfKeyException e = refused(Errno.EINVAL, bytes);
        assertTrue(e.header().isPresent(), "header kept");
        assertEquals(9, e.header().get().seq());
        assertEquals(0x1092, e.header().get().pid());
        assertTrue(e.getMessage().contains(messageContains), e.getMessage());
        return e;
    }

    @Test
    void wellFormedBaseline() throws Exception {
        assertEquals(2, PfKeyMessage.decode(add(SA + DST_V4)).extensions().size());
    }

    // ---- the base header -------------------------------------------------------------------

    @Test
    void shorterThanAHeader() {
        refused(Errno.EMSGSIZE, new byte[0]);
        PfKeyException e = refused(Errno.EMSGSIZE, Arrays.copyOf(add(""), 15));
        assertFalse(e.header().isPresent());
        assertTrue(e.getMessage().contains("shorter than the 16-byte sadb_msg"), e.getMessage());
    }

    @Test
    void lengthMismatch() {
        byte[] b = add(SA);
        b[4] = 2; // says 16 bytes, 32 came
        assertTrue(refused(Errno.EMSGSIZE, b).getMessage().contains("sadb_msg_len 2 (16 bytes), but 32 bytes arrived"));
        b[4] = 5; // says more than came
        refused(Errno.EMSGSIZE, b);
        b[4] = 0;
        refused(Errno.EMSGSIZE, b);
        refused(Errno.EMSGSIZE, Arrays.copyOf(add(SA), 31)); // cut inside an extension
        byte[] odd = Arrays.copyOf(add(""), 17); // not a multiple of 8
        odd[4] = 2;
        refused(Errno.EMSGSIZE, odd);
    }

    @Test
    void wrongVersion() {
        byte[] b = add("");
        b[0] = 1;
        assertTrue(refused(Errno.EINVAL, b).getMessage().contains("not PF_KEY_V2"));
        b[0] = 3;
        refused(Errno.EINVAL, b);
    }

    @Test
    void reservedNotZero() {
        byte[] b = add("");
        b[7] = 1;
        refused(Errno.EINVAL, b);
    }

    @Test
    void unknownMessageType() {
        for (int t : new int[] {0, 17, 0x7f, 0xff}) {
            PfKeyException e = refused(Errno.EINVAL, message(t, 3, ""));
            assertTrue(e.getMessage().contains("unknown message type " + t), e.getMessage());
            assertFalse(e.header().isPresent());
        }
    }

    @Test
    void unknownSaType() {
        for (int st : new int[] {1, 4, 12, 0xff}) {
            assertTrue(refused(Errno.EINVAL, message(3, st, "")).getMessage().contains("unknown SA type " + st));
        }
    }

    // ---- extension headers -----------------------------------------------------------------

    @Test
    void extensionLengthZero() {
        refusedAfterHeader(add("00 00 01 00 12 34 56 78"), "sadb_ext_len is 0");
    }

    @Test
    void extensionOverrunsTheMessage() {
        refusedAfterHeader(add("03 00 01 00 12 34 56 78 40 01 02 03 00 00 00 00"), "overruns the message");
        refusedAfterHeader(add(SA + "ff ff 06 00 00 00 00 00"), "overruns the message");
    }

    @Test
    void reservedExtensionType() {
        refusedAfterHeader(add("01 00 00 00 00 00 00 00"), "extension type 0");
    }

    @Test
    void duplicateExtensions() {
        refusedAfterHeader(add(SA + DST_V4 + SA), "second SADB_EXT_SA at offset 56");
        refusedAfterHeader(add("01 00 63 00 00 00 00 00 01 00 63 00 00 00 00 00"), "second ext type 99");
        // X_SA2 has the SA layout but is another type: not a duplicate.
        assertThrows(IllegalArgumentException.class, () -> new PfKeyMessage(SadbMsg.of(SadbMsgType.ADD,
                SaType.ESP, 1, 1), new SadbSpirange(1, 2), new SadbSpirange(3, 4)));
    }

    // ---- extension bodies ------------------------------------------------------------------

    @Test
    void fixedSizeExtensionsMustBeExactlyTheirSize() {
        refusedAfterHeader(add("01 00 01 00 12 34 56 78"), "SADB_EXT_SA at offset 16: 8 bytes, not 16");
        refusedAfterHeader(add("03 00 01 00 12 34 56 78 40 01 02 03 00 00 00 00 00 00 00 00 00 00 00 00"),
                "24 bytes, not 16");
        refusedAfterHeader(add("03 00 02 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00"),
                "SADB_EXT_LIFETIME_CURRENT");
        refusedAfterHeader(add("01 00 10 00 00 10 00 00"), "SADB_EXT_SPIRANGE");
        refusedAfterHeader(add("02 00 12 00 03 00 00 00 00 00 00 00 00 00 00 00"), "SADB_X_EXT_SATYPE2");
        refusedAfterHeader(add("02 00 1c 00 11 94 00 00 00 00 00 00 00 00 00 00"), "SADB_X_EXT_NAT_T_SPORT");
    }

    @Test
    void saStateOutOfRange() {
        refusedAfterHeader(add("02 00 01 00 12 34 56 78 40 04 02 03 00 00 00 00"), "SA state 4");
    }

    @Test
    void addressFaults() {
        // family 0 and AF_UNIX 1
        refusedAfterHeader(add("03 00 06 00 00 00 00 00 00 00 00 00 c0 00 02 02 00 00 00 00 00 00 00 00"),
                "address family 0");
        refusedAfterHeader(add("03 00 06 00 00 00 00 00 01 00 00 00 c0 00 02 02 00 00 00 00 00 00 00 00"),
                "address family 1");
        // AF_INET6 in the 3 words an AF_INET needs
        refusedAfterHeader(add("03 00 06 00 00 00 00 00 0a 00 00 00 c0 00 02 02 00 00 00 00 00 00 00 00"),
                "needs 16 more bytes");
        // AF_INET in 5 words
        refusedAfterHeader(add("05 00 06 00 00 00 00 00 02 00 00 00 c0 00 02 02 00 00 00 00 00 00 00 00"
                + "00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00"), "40 bytes for a sockaddr_in address extension of 24");
        // prefix length 33 on IPv4
        refusedAfterHeader(add("03 00 06 00 00 21 00 00 02 00 00 00 c0 00 02 02 00 00 00 00 00 00 00 00"),
                "prefix length 33 > 32");
        // too short for any sockaddr
        refusedAfterHeader(add("01 00 06 00 00 00 00 00"), "SADB_EXT_ADDRESS_DST");
    }

    @Test
    void keyFaults() {
        // 128 bits in 8 bytes of key data
        refusedAfterHeader(add("02 00 08 00 80 00 00 00 00 01 02 03 04 05 06 07"), "128 key bits in 8 bytes");
        // 64 bits followed by a whole word of padding
        refusedAfterHeader(add("03 00 08 00 40 00 00 00 00 01 02 03 04 05 06 07 00 00 00 00 00 00 00 00"),
                "64 key bits in 16 bytes");
    }

    @Test
    void identityShorterThanItsHeader() {
        refusedAfterHeader(add("01 00 0a 00 02 00 00 00"), "less than sadb_ident's 16");
    }

    @Test
    void sensitivityBitmapsMustFit() {
        // sens_len 1 but no bitmap word
        refusedAfterHeader(add("02 00 0c 00 00 00 00 00 00 01 00 00 00 00 00 00"), "the bitmaps need 24");
        refusedAfterHeader(add("01 00 0c 00 00 00 00 00"), "less than sadb_sens's 16");
    }

    @Test
    void proposalAndSupportedMustHoldWholeEntries() {
        refusedAfterHeader(add("02 00 0d 00 40 00 00 00 03 0c 00 00 a0 00 a0 00"), "whole 72-byte sadb_combs");
        // sadb_alg is one word, so a SUPPORTED always holds whole ones: 2 here
        byte[] twoAlgs = add("03 00 0e 00 00 00 00 00 02 00 80 00 80 00 00 00 03 00 a0 00 a0 00 00 00");
        assertEquals(2, ((SadbSupported) decodeOk(twoAlgs).extensions().get(0)).algs().size());
        // X_SATYPE2 naming an unknown SA type
        refusedAfterHeader(add("01 00 12 00 04 00 00 00"), "unknown SA type 4");
    }

    static PfKeyMessage decodeOk(byte[] b) {
        try {
            return PfKeyMessage.decode(b);
        } catch (PfKeyException e) {
            throw new AssertionError(e);
        }
    }

    // ---- what each request must carry ------------------------------------------------------

    @Test
    void requestsMustCarryTheirExtensions() throws Exception {
        PfKeyException e = assertThrows(PfKeyException.class,
                () -> RequiredExtensions.check(PfKeyMessage.decode(add(DST_V4))));
        assertEquals(Errno.EINVAL, e.errno());
        assertTrue(e.getMessage().contains("SADB_ADD without SADB_EXT_SA"), e.getMessage());
        e = assertThrows(PfKeyException.class,
                () -> RequiredExtensions.check(PfKeyMessage.decode(add(SA + DST_V4))));
        assertTrue(e.getMessage().contains("SADB_ADD without SADB_EXT_ADDRESS_SRC"), e.getMessage());
        e = assertThrows(PfKeyException.class, () -> RequiredExtensions.check(PfKeyMessage.decode(message(7, 0, ""))));
        assertTrue(e.getMessage().contains("SADB_REGISTER needs an SA type"), e.getMessage());
        RequiredExtensions.check(PfKeyMessage.decode(message(9, 0, ""))); // FLUSH of every type
        RequiredExtensions.check(PfKeyMessage.decode(message(7, 3, ""))); // REGISTER ESP
        // error replies carry only the header
        byte[] err = add("");
        err[2] = 17;
        RequiredExtensions.check(PfKeyMessage.decode(err));
    }

    @Test
    void everyBuiltRequestPassesTheCheck() throws Exception {
        for (PfKeyMessage m : BuildersTest.everyRequest()) {
            RequiredExtensions.check(PfKeyMessage.decode(m.encode()));
        }
    }
}
