package org.jswan.whack;

import static org.jswan.whack.ParserFixture.error;
import static org.jswan.whack.ParserFixture.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.jswan.ike.whack.Policy;
import org.junit.jupiter.api.Test;

/** whack's own diagnostics (reference §1.7): each text, each with exit status 1. */
class WhackErrorsTest {
    private static final String CONN = "--name c --host 10.0.0.1 --to --host 10.0.0.2 --psk ";

    @Test
    void getoptDiagnostics() {
        assertEquals("whack: option '--re' is ambiguous; possibilities: '--reject' '--rekeymargin'"
                + " '--rekeywindow' '--rekeyfuzz'", error("--re"));
        assertEquals("whack: option '--init' is ambiguous; possibilities: '--initiate'"
                + " '--initiateontraffic'", error("--init --name c"),
                "as in FreeS/WAN 2.x, where --initiateontraffic shares the prefix");
        assertEquals("whack: option '--debug-c' is ambiguous; possibilities: '--debug-crypt' '--debug-control'"
                + " '--debug-controlmore'", error("--debug-c"));
        assertEquals("whack: unrecognized option '--frobnicate=3'", error("--frobnicate=3"));
        assertEquals("whack: option '--name' requires an argument", error("--status --name"));
        assertEquals("whack: option '--status' doesn't allow an argument", error("--stat=yes"));
        assertEquals("whack: invalid option -- 'x'", error("-x"));
        assertEquals("whack error: unexpected argument \"secret\"", error("--route secret"),
                "non-options are permuted to the end and then refused");
        assertEquals("whack error: unexpected argument \"--name\"", error("--status -- --name"));
    }

    @Test
    void duplicatedFlags() {
        assertEquals("whack error: \"c\" duplicated flag \"name\"", error("--name c --name d"));
        assertEquals("whack error: \"c\" duplicated flag \"host\"", error("--name c --host 10.0.0.1 --host 10.0.0.3"));
        assertEquals("whack error: \"c\" duplicated flag \"psk\"", error(CONN + "--psk"));
        assertEquals("whack error: \"c\" duplicated flag \"to\"", error(CONN + "--to"));
        assertEquals("whack error: \"c\" duplicated flag \"rekeywindow\"", error(CONN + "--rekeymargin 1 --rekeyw 2"));
        assertEquals("whack error: duplicated flag \"status\"", error("--status --status"));
        // The same END option on both ends is no duplicate; repeated debug options are fine.
        assertTrue(parse(CONN + "--debug-raw --debug-raw").connection());
    }

    @Test
    void numbers() {
        assertEquals("whack error: \"c\" badly formed numeric argument \"12x\"", error(CONN + "--ikelifetime 12x"));
        assertEquals("whack error: badly formed numeric argument \"\"", error("--deletestate="));
        assertEquals("whack error: badly formed numeric argument \"0x\"", error("--deletestate 0x"));
        assertEquals("whack error: badly formed numeric argument \"09\"", error("--deletestate 09"));
        assertEquals("whack error: \"c\" <host-port> must be a number between 1 and 65535 \"0\"",
                error("--name c --host 10.0.0.1 --ikeport 0"));
        assertEquals("whack error: \"c\" <host-port> must be a number between 1 and 65535 \"65536\"",
                error("--name c --host 10.0.0.1 --ikeport 65536"));
        assertEquals(65535, parse("--name c --host 10.0.0.1 --ikeport 0xffff --to --host 10.0.0.2 --psk")
                .left().hostPort());
    }

    @Test
    void nameRules() {
        assertEquals("whack error: missing --name <connection_name>", error("--route"));
        assertEquals("whack error: missing --name <connection_name>", error("--initiate"));
        assertEquals("whack error: missing --name <connection_name>", error("--terminate"));
        assertEquals("whack error: missing --name <connection_name>", error("--unroute"));
        assertEquals("whack error: missing --name <connection_name>", error("--delete"));
        assertEquals("whack error: missing --name <connection_name>",
                error("--host 10.0.0.1 --to --host 10.0.0.2 --psk"));
        assertEquals("whack error: \"c\" no reason for --name", error("--name c --listen"));
        assertEquals("whack error: \"c\" no reason for --name", error("--name c --status"));
    }

    @Test
    void keysAndActions() {
        assertEquals("whack error: --addkey and --pubkeyrsa require --keyid", error("--pubkeyrsa 0x01"));
        assertEquals("whack error: --addkey and --pubkeyrsa require --keyid", error("--addkey"));
        assertEquals("whack error: no action specified; try --help for hints", error(""));
        assertEquals("whack error: no action specified; try --help for hints", error("--ctlbase /tmp/x"));
        assertEquals("whack error: no action specified; try --help for hints", error("--xauthuser a"));
    }

    @Test
    void malformedKeyIsNotEchoed() {
        for (String key : List.of("0xABCDE", "0x12zz", "0sAQ=", "0sAQ!!", "AQOquw==", "0q1234", "0x", "0s=AAA")) {
            String e = error(1, List.of("--keyid", "k", "--pubkeyrsa", key));
            assertTrue(e.startsWith("whack error: PSK data malformed ("), e);
            assertFalse(e.contains(key), "the key text must not be echoed: " + e);
        }
        assertEquals("whack error: PSK data malformed (odd number of hex digits)", error("--keyid k --pubkeyrsa 0x123"));
        assertEquals("whack error: PSK data malformed (unknown format prefix)", error("--keyid k --pubkeyrsa 1234"));
        String big = "0x" + "ab".repeat(1029);
        assertTrue(error("--keyid k --pubkeyrsa " + big).contains("too long"));
    }

    @Test
    void lifetimes() {
        assertEquals("whack error: \"c\" ikelifetime [86401 seconds] must be less than 86400 seconds",
                error(CONN + "--ikelifetime 86401"));
        assertEquals("whack error: \"c\" ipseclifetime [90000 seconds] must be less than 86400 seconds",
                error(CONN + "--ipseclifetime 90000"));
        assertEquals(86400, parse(CONN + "--ikelifetime 86400").ikeLifetimeSeconds());
        assertEquals("whack error: \"silly\" ikelifetime [900] must be greater than"
                + " rekeymargin*(100+rekeyfuzz)/100 [540*(100+100)/100 = 1080]",
                error("--name silly --host 127.0.0.1 --to --host 127.0.0.2 --ikelifetime 900"
                        + " --ipseclifetime 800 --keyingtries 3 --psk"));
        assertEquals("whack error: \"c\" ipseclifetime [1000] must be greater than"
                + " rekeymargin*(100+rekeyfuzz)/100 [500*(100+100)/100 = 1000]",
                error(CONN + "--rekeymargin 500 --ipseclifetime 1000"));
        // --dontrekey skips the second check, not the first.
        assertEquals(900, parse("--name silly --host 127.0.0.1 --to --host 127.0.0.2 --ikelifetime 900"
                + " --ipseclifetime 800 --keyingtries 3 --psk --dontrekey").ikeLifetimeSeconds());
        assertEquals("whack error: \"c\" ikelifetime [90000 seconds] must be less than 86400 seconds",
                error(CONN + "--dontrekey --ikelifetime 90000"));
        assertEquals("whack error: \"c\" rekeymargin or rekeyfuzz values are so large that they cause overflow",
                error(CONN + "--rekeymargin 0x4000000000000000 --rekeyfuzz 2"));
    }

    @Test
    void connectionChecks() {
        assertEquals("whack error: \"c\" connection missing --host before --to", error("--name c --to"));
        assertEquals("whack error: \"c\" connection description must include --to",
                error("--name c --host 10.0.0.1 --psk"));
        assertEquals("whack error: \"c\" hosts cannot both be 0.0.0.0 or 0::0",
                error("--name c --host %any --to --host 0.0.0.0 --psk"));
        assertEquals("whack error: \"c\" non-shunt connection must have --psk or --rsasig or both",
                error("--name c --host 10.0.0.1 --to --host 10.0.0.2 --encrypt"));
        assertEquals("whack error: \"c\" must not specify clients for ISAKMP-only connection",
                error("--name c --host 10.0.0.1 --client 10.1.0.0/16 --to --host 10.0.0.2 --psk"));
        assertEquals("whack error: \"c\" must not specify clients for ISAKMP-only connection",
                error("--name c --host 10.0.0.1 --client 10.1.0.0/16 --to --host 10.0.0.2 --psk --tunnel"),
                "TUNNEL alone asks for no IPsec SA");
        assertEquals("whack error: \"rw\" nexthop must be specified when other host is a %any or %opportunistic",
                error("--name rw --host 10.0.0.1 --to --host %any --psk"));
        assertEquals("whack error: \"c\" the protocol for leftprotoport and rightprotoport must be the same",
                error(CONN + "--encrypt --clientprotoport tcp/80"));
        assertEquals(Policy.SHUNT_PASS << Policy.SHUNT_SHIFT | Policy.TUNNEL,
                parse("--name p --host 10.0.0.1 --client 10.1.0.0/16 --to --host 10.0.0.2 --pass").policy(),
                "a shunt connection may have clients");
    }

    @Test
    void opportunismChecks() {
        String oe = "--name oe --host 10.0.0.1 --nexthop 10.0.0.254 --to --host %opportunistic ";
        assertEquals("whack error: \"oe\" only RSASIG is supported for opportunism", error(oe + "--psk --encrypt --pfs"));
        assertEquals("whack error: \"oe\" only RSASIG is supported for opportunism",
                error(oe + "--psk --rsasig --encrypt --pfs"));
        assertEquals("whack error: \"oe\" PFS required for opportunism", error(oe + "--rsasig --encrypt"));
        assertEquals("whack error: \"oe\" encryption required for opportunism", error(oe + "--rsasig --pfs"));
        assertEquals("whack error: \"oe\" --host %opportunistic clashes with --client",
                error("--name oe --host 10.0.0.1 --to --client 10.9.0.0/16 --host %opportunistic"));
        assertEquals("whack error: \"oe\" duplicated flag \"client\"",
                error("--name oe --host 10.0.0.1 --to --host %opportunistic --client 10.9.0.0/16"));
        assertEquals("whack error: --oppohere and --oppothere must be used together", error("--oppohere 10.0.0.1"));
        assertEquals("whack error: 0.0.0.0 or 0::0 isn't a valid client address \"0.0.0.0\"",
                error("--oppohere 0.0.0.0 --oppothere 10.0.0.2"));
    }

    @Test
    void addressFamilies() {
        assertEquals("whack error: \"c\" --ipv6 must precede \"host\"", error("--name c --host 10.0.0.1 --ipv6"));
        assertEquals("whack error: --ipv4 conflicts with --ipv6", error("--ipv6 --ipv4"));
        assertEquals("whack error: --tunnelipv6 conflicts with --tunnelipv4", error("--tunnelipv4 --tunnelipv6"));
        assertEquals("whack error: \"c\" --tunnelipv6 must precede \"client\"",
                error("--name c --host 10.0.0.1 --client 10.1.0.0/16 --tunnelipv6"));
        assertEquals("whack error: \"c\" non-ipv6 address may not contain `:' \"2001:db8::1\"",
                error("--name c --host 2001:db8::1"));
        assertEquals("whack error: \"c\" address family of host inconsistent",
                error("--ipv6 --name c --host 2001:db8::1 --nexthop ::9 --to --id x --psk"),
                "the right end has no --host, so its any-address is IPv4");
        assertEquals("whack error: \"c\" endpoints clash: one is IPv4 and the other is IPv6",
                error("--ipv6 --tunnelipv4 --name c --host 2001:db8::1 --client 10.1.0.0/16 --to"
                        + " --host 2001:db8::2 --encrypt --psk"));
        assertEquals("whack error: \"c\" malformed IPv4 address \"10.0.0.256\"", error("--name c --host 10.0.0.256"));
        assertEquals("whack error: \"c\" no / in subnet specification \"10.1.0.0\"",
                error("--name c --host 10.0.0.1 --client 10.1.0.0"));
        assertEquals("whack error: \"c\" improper subnet, host-part bits on \"10.1.0.1/16\"",
                error("--name c --host 10.0.0.1 --client 10.1.0.1/16"));
        assertEquals("whack error: \"c\" does not look numeric and name lookup failed \"%bogus\"",
                error("--name c --host %bogus"));
        assertEquals("whack error: \"c\" --clientwithin conflicts with --client",
                error("--name c --host 10.0.0.1 --client 10.1.0.0/16 --clientwithin 10.0.0.0/8"));
        assertEquals("whack error: \"c\" missing / in protoport \"tcp\"",
                error("--name c --host 10.0.0.1 --clientprotoport tcp"));
    }

    @Test
    void labelAndNamePrefixTheMessage() {
        assertEquals("whack error: conn-7 \"c\" duplicated flag \"host\"",
                error("--label conn-7 --name c --host 10.0.0.1 --host 10.0.0.2"));
        assertEquals("whack error: conn-7 no action specified; try --help for hints", error("--label conn-7"));
    }

    @Test
    void miscellaneous() {
        assertEquals("whack error: \"c\" --dpdaction must be clear, hold or restart \"reboot\"",
                error(CONN + "--dpdaction reboot"));
        String longPath = "/tmp/" + "p".repeat(110);
        assertTrue(error("--ctlbase " + longPath + " --status").contains("must be fewer than 108 characters"));
        assertEquals("whack error: \"c\" too many bytes of strings to fit in message to pluto",
                error(CONN + "--updown " + "u".repeat(2100)));
    }
}
