package org.jswan.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * charon initiates (swanctl --initiate), jswan responds: jswan must accept what charon offers,
 * pick correctly among several offers, and reach STATE_QUICK_R2 with the SPIs charon installed.
 *
 * <p>As responder pluto takes the first of the initiator's transforms that it accepts (its own
 * {@code --ike}/{@code --esp} lists only filter), so with several offers the expected choice is
 * charon's first acceptable one.
 */
@Interop(jswan = true)
@EnabledIfSystemProperty(named = "jswan.natt", matches = "true",
        disabledReason = "needs NAT-T: issue 3 (run with -Djswan.natt=true once jswan floats to 4500)")
class CharonInitiatesIT extends JswanScenarios {
    /** jswan accepts every suite of issue 3 (and nothing else). */
    static final String ALL_IKE = JswanInitiatesIT.ALL_IKE;
    static final String ALL_ESP = JswanInitiatesIT.ALL_ESP;

    @Test
    void subnet_to_subnet_without_pfs() {
        loadCharon(charonConn(Proposals.Ike.AES128_SHA1_MODP2048.name).child(subnetChild("aes128-sha1")));
        addJswan(subnets());

        charonInitiates("net");

        SwanctlSas.IkeSa ike = requireEstablished("net", "STATE_QUICK_R2");
        assertEquals(null, ike.child("net").orElseThrow().dhGroup(), "no PFS");
    }

    @Test
    void subnet_to_subnet_with_pfs() {
        loadCharon(charonConn(Proposals.Ike.AES128_SHA1_MODP2048.name).child(subnetChild("aes128-sha1-modp2048")));
        addJswan(subnets().pfs(true));

        charonInitiates("net");

        SwanctlSas.IkeSa ike = requireEstablished("net", "STATE_QUICK_R2");
        assertEquals("MODP_2048", ike.child("net").orElseThrow().dhGroup(), "PFS");
    }

    @Test
    void host_to_host_without_pfs() {
        loadCharon(charonConn(Proposals.Ike.AES128_SHA1_MODP2048.name).child(hostChild("aes128-sha1")));
        addJswan(hosts());

        charonInitiates("host");

        requireEstablished("host", "STATE_QUICK_R2");
    }

    @Test
    void host_to_host_with_pfs() {
        loadCharon(charonConn(Proposals.Ike.TDES_SHA1_MODP1536.name).child(hostChild("3des-sha1-modp1536")));
        addJswan(hosts().pfs(true));

        charonInitiates("host");

        SwanctlSas.IkeSa ike = requireEstablished("host", "STATE_QUICK_R2");
        assertEquals("MODP_1536", ike.child("host").orElseThrow().dhGroup(), "PFS");
    }

    /** charon offers exactly one Phase 1 suite; jswan (accepting the four) takes it. */
    @ParameterizedTest(name = "phase 1 {0}")
    @EnumSource(Proposals.Ike.class)
    void charon_offers_only_one_phase_1_suite(Proposals.Ike suite) {
        loadCharon(charonConn(suite.name).child(subnetChild("aes128-sha1")));
        addJswan(subnets().ike(ALL_IKE));

        charonInitiates("net");

        assertIke(suite, requireEstablished("net", "STATE_QUICK_R2"));
    }

    /** charon offers exactly one ESP suite; jswan (accepting the four) takes it. */
    @ParameterizedTest(name = "ESP {0}")
    @EnumSource(Proposals.Esp.class)
    void charon_offers_only_one_esp_suite(Proposals.Esp suite) {
        loadCharon(charonConn(Proposals.Ike.AES128_SHA1_MODP2048.name).child(subnetChild(suite.name)));
        addJswan(subnets().esp(ALL_ESP));

        charonInitiates("net");

        assertEsp(suite, requireEstablished("net", "STATE_QUICK_R2").child("net").orElseThrow());
    }

    /** charon offers all four Phase 1 suites; jswan restricted to one (--ike) picks that one. */
    @ParameterizedTest(name = "jswan --ike {0}")
    @EnumSource(Proposals.Ike.class)
    void jswan_picks_its_one_phase_1_suite_among_several(Proposals.Ike suite) {
        loadCharon(charonConn(reversedIke()).child(subnetChild("aes128-sha1")));
        addJswan(subnets().ike(suite.name));

        charonInitiates("net");

        assertIke(suite, requireEstablished("net", "STATE_QUICK_R2"));
    }

    /** charon offers all four ESP suites; jswan restricted to one (--esp) picks that one. */
    @ParameterizedTest(name = "jswan --esp {0}")
    @EnumSource(Proposals.Esp.class)
    void jswan_picks_its_one_esp_suite_among_several(Proposals.Esp suite) {
        loadCharon(charonConn(Proposals.Ike.AES128_SHA1_MODP2048.name).child(subnetChild(reversedEsp())));
        addJswan(subnets().esp(suite.name));

        charonInitiates("net");

        assertEsp(suite, requireEstablished("net", "STATE_QUICK_R2").child("net").orElseThrow());
    }

    /** Several offers, jswan accepting all: pluto takes the initiator's first (AES256-SHA256 here). */
    @Test
    void with_several_acceptable_offers_jswan_takes_charons_first() {
        loadCharon(charonConn(reversedIke()).child(subnetChild(reversedEsp())));
        addJswan(subnets().ike(ALL_IKE).esp(ALL_ESP));

        charonInitiates("net");

        SwanctlSas.IkeSa ike = requireEstablished("net", "STATE_QUICK_R2");
        assertIke(Proposals.Ike.AES256_SHA256_MODP2048, ike);
        assertEsp(Proposals.Esp.AES256_SHA256, ike.child("net").orElseThrow());
    }

    /** The four suites strongest first (the reverse of jswan's --ike list order). */
    static String[] reversedIke() {
        Proposals.Ike[] v = Proposals.Ike.values();
        return Arrays.stream(v).map(p -> v[v.length - 1 - p.ordinal()].name).toArray(String[]::new);
    }

    static String[] reversedEsp() {
        Proposals.Esp[] v = Proposals.Esp.values();
        return Arrays.stream(v).map(p -> v[v.length - 1 - p.ordinal()].name).toArray(String[]::new);
    }
}
