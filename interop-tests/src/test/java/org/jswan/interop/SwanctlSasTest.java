package org.jswan.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code swanctl --list-sas --raw} as charon 5.9.8 prints it (captured in this lab). */
class SwanctlSasTest {
    static final String EVENT = "list-sa event {t {uniqueid=1 version=1 state=ESTABLISHED local-host=192.0.2.1"
            + " local-port=4500 local-id=192.0.2.1 remote-host=192.0.2.2 remote-port=4500 remote-id=192.0.2.2"
            + " initiator=yes initiator-spi=649a31667cab32b0 responder-spi=f339167bce98ff71 nat-remote=yes nat-any=yes"
            + " encr-alg=AES_CBC encr-keysize=128 integ-alg=HMAC_SHA1_96 prf-alg=PRF_HMAC_SHA1 dh-group=MODP_2048"
            + " established=3 rekey-time=13669 child-sas {net-1 {name=net uniqueid=1 reqid=1 state=INSTALLED"
            + " mode=TUNNEL protocol=ESP encap=yes spi-in=deb22e13 spi-out=fad14a7a encr-alg=AES_CBC"
            + " encr-keysize=128 integ-alg=HMAC_SHA1_96 bytes-in=0 packets-in=0 bytes-out=0 packets-out=0"
            + " rekey-time=3366 life-time=3957 install-time=3 local-ts=[198.51.100.0/24] remote-ts=[203.0.113.0/24]}}}}";

    @Test
    void one_ike_sa_with_one_child() {
        List<SwanctlSas.IkeSa> sas = SwanctlSas.parse(List.of(EVENT, "list-sas reply {}"));

        assertEquals(1, sas.size());
        SwanctlSas.IkeSa ike = sas.get(0);
        assertEquals("t", ike.name());
        assertTrue(ike.established());
        assertTrue(ike.initiator());
        assertEquals("4500", ike.remotePort());
        assertEquals("649a31667cab32b0", ike.initiatorSpi());
        assertEquals("AES_CBC-128/HMAC_SHA1_96/PRF_HMAC_SHA1/MODP_2048", ike.proposal());
        assertTrue(Proposals.Ike.AES128_SHA1_MODP2048.matches(ike));

        SwanctlSas.ChildSa c = ike.child("net").orElseThrow();
        assertTrue(c.installed());
        assertEquals("TUNNEL-in-UDP", c.modeLabel());
        assertEquals(0xdeb22e13L, c.spiIn());
        assertEquals(0xfad14a7aL, c.spiOut());
        assertEquals(List.of("198.51.100.0/24"), c.localTs());
        assertEquals(List.of("203.0.113.0/24"), c.remoteTs());
        assertEquals("ESP:AES_CBC-128/HMAC_SHA1_96", c.proposal());
        assertTrue(Proposals.Esp.AES128_SHA1.matches(c));
        assertEquals("0", c.raw().get("packets-in"));
    }

    @Test
    void pfs_group_3des_without_keysize_and_several_selectors() {
        String line = "list-sa event {jswan {uniqueid=7 state=ESTABLISHED encr-alg=3DES_CBC integ-alg=HMAC_MD5_96"
                + " prf-alg=PRF_HMAC_MD5 dh-group=MODP_1024 child-sas {net-9 {name=net state=INSTALLED mode=TUNNEL"
                + " protocol=ESP encap=no spi-in=0000abcd spi-out=ffffffff encr-alg=3DES_CBC integ-alg=HMAC_MD5_96"
                + " dh-group=MODP_1024 local-ts=[10.0.0.0/8 192.0.2.2/32] remote-ts=[]}}}}";
        SwanctlSas.IkeSa ike = SwanctlSas.parse(List.of(line)).get(0);

        assertTrue(Proposals.Ike.TDES_MD5_MODP1024.matches(ike), ike.proposal());
        SwanctlSas.ChildSa c = ike.child("net").orElseThrow();
        assertEquals("TUNNEL", c.modeLabel());
        assertEquals(0xffffffffL, c.spiOut());
        assertEquals("ESP:3DES_CBC/HMAC_MD5_96/MODP_1024", c.proposal());
        assertEquals(List.of("10.0.0.0/8", "192.0.2.2/32"), c.localTs());
        assertEquals(List.of(), c.remoteTs());
    }

    @Test
    void no_sas_and_a_broken_line() {
        assertEquals(List.of(), SwanctlSas.parse(List.of("list-sas reply {}")));
        assertThrows(IllegalArgumentException.class, () -> SwanctlSas.parse(List.of("list-sa event {t {state=X")));
    }
}
