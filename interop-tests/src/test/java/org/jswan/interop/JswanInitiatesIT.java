package org.jswan.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * jswan initiates (whack --initiate), charon responds. Each test loads a responder-only charon
 * config for its scenario, adds a jswan connection, and checks both sides as issue 3 defines a
 * pass: charon ESTABLISHED + INSTALLED TUNNEL-in-UDP, jswan STATE_QUICK_I2, the same SPIs.
 *
 * <p>charon as responder takes the first of its own proposals that jswan offered
 * ({@code prefer_configured_proposals}); so "charon accepts only X" while jswan offers all four
 * suites proves that jswan offers (and then uses) X correctly whatever its position.
 */
@Interop(jswan = true)
@EnabledIfSystemProperty(named = "jswan.natt", matches = "true",
        disabledReason = "needs NAT-T: issue 3 (run with -Djswan.natt=true once jswan floats to 4500)")
class JswanInitiatesIT extends JswanScenarios {
    static final String ALL_IKE = Arrays.stream(Proposals.Ike.values()).map(p -> p.name)
            .collect(Collectors.joining(","));
    static final String ALL_ESP = Arrays.stream(Proposals.Esp.values()).map(p -> p.name)
            .collect(Collectors.joining(","));

    /** What charon accepts when a test does not narrow it: every suite of issue 3, with and without PFS. */
    static String[] charonAcceptsAllIke() {
        return Arrays.stream(Proposals.Ike.values()).map(p -> p.name).toArray(String[]::new);
    }

    static String[] charonAcceptsAllEsp() {
        String[] plain = Arrays.stream(Proposals.Esp.values()).map(p -> p.name).toArray(String[]::new);
        String[] pfs = Arrays.stream(Proposals.Esp.values()).flatMap(p -> java.util.stream.Stream.of(
                p.charon("modp1024"), p.charon("modp1536"), p.charon("modp2048"))).toArray(String[]::new);
        String[] all = Arrays.copyOf(plain, plain.length + pfs.length);
        System.arraycopy(pfs, 0, all, plain.length, pfs.length);
        return all;
    }

    @Test
    void subnet_to_subnet_without_pfs() {
        loadCharon(charonConn(charonAcceptsAllIke()).child(subnetChild(charonAcceptsAllEsp())));
        addJswan(subnets());

        jswanInitiates();

        SwanctlSas.IkeSa ike = requireEstablished("net", "STATE_QUICK_I2");
        assertEquals(null, ike.child("net").orElseThrow().dhGroup(), "no PFS: no DH group in Quick Mode");
    }

    @Test
    void subnet_to_subnet_with_pfs() {
        loadCharon(charonConn(charonAcceptsAllIke()).child(subnetChild(charonAcceptsAllEsp())));
        addJswan(subnets().pfs(true));

        jswanInitiates();

        SwanctlSas.IkeSa ike = requireEstablished("net", "STATE_QUICK_I2");
        // pluto's PFS group is the Phase 1 group
        assertEquals(ike.dhGroup(), ike.child("net").orElseThrow().dhGroup(), "PFS with the ISAKMP SA's group");
    }

    @Test
    void host_to_host_without_pfs() {
        loadCharon(charonConn(charonAcceptsAllIke()).child(hostChild(charonAcceptsAllEsp())));
        addJswan(hosts());

        jswanInitiates();

        SwanctlSas.IkeSa ike = requireEstablished("host", "STATE_QUICK_I2");
        assertEquals(java.util.List.of(Testbed.LEFT_IP + "/32"), ike.child("host").orElseThrow().remoteTs());
    }

    @Test
    void host_to_host_with_pfs() {
        loadCharon(charonConn(charonAcceptsAllIke()).child(hostChild(charonAcceptsAllEsp())));
        addJswan(hosts().pfs(true));

        jswanInitiates();

        SwanctlSas.IkeSa ike = requireEstablished("host", "STATE_QUICK_I2");
        assertEquals(ike.dhGroup(), ike.child("host").orElseThrow().dhGroup(), "PFS with the ISAKMP SA's group");
    }

    /** charon accepts exactly one Phase 1 suite; jswan offers all four and must end up with that one. */
    @ParameterizedTest(name = "phase 1 {0}")
    @EnumSource(Proposals.Ike.class)
    void charon_accepts_only_one_phase_1_suite(Proposals.Ike suite) {
        loadCharon(charonConn(suite.name).child(subnetChild(charonAcceptsAllEsp())));
        addJswan(subnets().ike(ALL_IKE));

        jswanInitiates();

        assertIke(suite, requireEstablished("net", "STATE_QUICK_I2"));
        assertFalse(jswanLog("ISAKMP SA established").isEmpty(), "jswan logs the established ISAKMP SA");
    }

    /** charon accepts exactly one ESP suite; jswan offers all four and must end up with that one. */
    @ParameterizedTest(name = "ESP {0}")
    @EnumSource(Proposals.Esp.class)
    void charon_accepts_only_one_esp_suite(Proposals.Esp suite) {
        loadCharon(charonConn(charonAcceptsAllIke()).child(subnetChild(suite.name)));
        addJswan(subnets().esp(ALL_ESP));

        jswanInitiates();

        assertEsp(suite, requireEstablished("net", "STATE_QUICK_I2").child("net").orElseThrow());
    }

    /** jswan narrowed to one suite each (--ike, --esp) while charon accepts them all: that one is used. */
    @ParameterizedTest(name = "jswan --ike {0}")
    @EnumSource(Proposals.Ike.class)
    void jswan_restricted_to_one_suite_gets_it_from_a_charon_accepting_all(Proposals.Ike suite) {
        Proposals.Esp esp = Proposals.Esp.values()[suite.ordinal()];
        loadCharon(charonConn(charonAcceptsAllIke()).child(subnetChild(charonAcceptsAllEsp())));
        addJswan(subnets().ike(suite.name).esp(esp.name).pfs(true));

        jswanInitiates();

        SwanctlSas.IkeSa ike = requireEstablished("net", "STATE_QUICK_I2");
        assertIke(suite, ike);
        assertEsp(esp, ike.child("net").orElseThrow());
        assertEquals(suite.dh, ike.child("net").orElseThrow().dhGroup(), "PFS group = phase 1 group");
    }
}
