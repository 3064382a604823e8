package org.jswan.whack;

import static org.jswan.whack.ParserFixture.parse;
import static org.jswan.whack.ParserFixture.request;
import static org.jswan.whack.ParserFixture.words;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.jswan.ike.base.Bytes;
import org.jswan.ike.base.IpAddress;
import org.jswan.ike.base.Subnet;
import org.jswan.ike.whack.Debug;
import org.jswan.ike.whack.Policy;
import org.jswan.ike.whack.WhackCodec;
import org.jswan.ike.whack.WhackEnd;
import org.jswan.ike.whack.WhackMessage;
import org.junit.jupiter.api.Test;

/** Every form of pluto(8)'s SYNOPSIS for whack, parsed into the message whack sends. */
class SynopsisFormsTest {
    private static IpAddress ip(String s) {
        return IpAddress.parse(s);
    }

    @Test
    void helpGoesToStderrAndVersionToStdout() {
        WhackExit help = ParserFixture.exit(List.of("--help", "--bogus"));
        assertEquals(0, help.status);
        assertEquals("", help.stdout);
        assertTrue(help.stderr.startsWith("Usage:"));
        assertTrue(help.stderr.endsWith("jswan whack test (FreeS/WAN 2.0x compatible)\n"));
        WhackExit version = ParserFixture.exit(List.of("--vers"));
        assertEquals(0, version.status);
        assertEquals("jswan whack test (FreeS/WAN 2.0x compatible)\n", version.stdout);
        assertEquals("", version.stderr);
    }

    @Test
    void connectionFormSplitsAtTo() {
        WhackMessage m = parse("--name secret --host 10.0.0.1 --client 10.0.1.0/24 --to"
                + " --host 10.0.0.2 --client 10.0.2.0/24 --encrypt --psk");
        assertEquals(WhackCodec.WHACK_MAGIC, m.magic());
        assertTrue(m.connection());
        assertEquals("secret", m.name());
        assertEquals(ip("10.0.0.1"), m.left().host());
        assertEquals(Subnet.parse("10.0.1.0/24"), m.left().client());
        assertTrue(m.left().hasClient());
        assertEquals(ip("10.0.0.2"), m.right().host());
        assertEquals(Subnet.parse("10.0.2.0/24"), m.right().client());
        assertEquals(ip("10.0.0.2"), m.left().nexthop(), "nexthop defaults to the other host");
        assertEquals(ip("10.0.0.1"), m.right().nexthop());
        assertEquals(Policy.ENCRYPT | Policy.PSK | Policy.TUNNEL, m.policy(), "--client implies TUNNEL");
        assertEquals(500, m.left().hostPort());
        assertEquals(WhackMessage.DEFAULT_IKE_LIFETIME, m.ikeLifetimeSeconds());
        assertEquals(WhackMessage.AF_INET, m.addrFamily());
    }

    @Test
    void everyEndOption() {
        WhackMessage m = parse("--name c --id @left.example --cert left.pem --ca CN=ca"
                + " --host 192.0.2.1 --ikeport 4500 --nexthop 192.0.2.254 --clientwithin 10.1.0.0/16"
                + " --clientprotoport 17/1701 --dnskeyondemand --updown /bin/true"
                + " --to --id 198.51.100.7 --host 198.51.100.7 --nexthop %direct --client 10.2.0.0/255.255.0.0"
                + " --clientprotoport udp/%any --rsasig --encrypt");
        WhackEnd l = m.left();
        assertEquals("@left.example", l.id());
        assertEquals("left.pem", l.cert());
        assertEquals("CN=ca", l.ca());
        assertEquals(4500, l.hostPort());
        assertEquals(ip("192.0.2.254"), l.nexthop());
        assertEquals(Subnet.parse("10.1.0.0/16"), l.client());
        assertTrue(l.hasClientWildcard());
        assertEquals(17, l.protocol());
        assertEquals(1701, l.port());
        assertTrue(l.keyFromDnsOnDemand());
        assertEquals("/bin/true", l.updown());
        WhackEnd r = m.right();
        assertEquals("198.51.100.7", r.id());
        assertNull(r.cert());
        assertEquals(IpAddress.ANY4, r.nexthop(), "%direct");
        assertEquals(Subnet.parse("10.2.0.0/16"), r.client());
        assertFalse(r.hasClientWildcard());
        assertEquals(17, r.protocol());
        assertEquals(0, r.port());
        assertFalse(r.keyFromDnsOnDemand());
        assertEquals(500, r.hostPort());
    }

    @Test
    void everyPolicyAndNumberOption() {
        WhackMessage m = parse("--name c --host 10.0.0.1 --to --host 10.0.0.2 --psk --rsasig --encrypt"
                + " --authenticate --compress --tunnel --pfs --disablearrivalcheck --dontrekey --forceencaps"
                + " --ikelifetime 0x1000 --ipseclifetime 7200 --rekeywindow 60 --rekeyfuzz 0"
                + " --keyingtries 0 --dpddelay 30 --dpdtimeout 120 --dpdaction restart --delete");
        assertEquals(Policy.PSK | Policy.RSASIG | Policy.ENCRYPT | Policy.AUTHENTICATE | Policy.COMPRESS
                | Policy.TUNNEL | Policy.PFS | Policy.DISABLEARRIVALCHECK | Policy.DONT_REKEY
                | Policy.FORCEENCAPS, m.policy());
        assertEquals(4096, m.ikeLifetimeSeconds(), "strtoul base 0 reads hex");
        assertEquals(7200, m.ipsecLifetimeSeconds());
        assertEquals(60, m.rekeyMarginSeconds(), "--rekeywindow is --rekeymargin");
        assertEquals(0, m.rekeyFuzzPercent());
        assertEquals(0, m.keyingTries());
        assertEquals(30, m.dpdDelaySeconds());
        assertEquals(120, m.dpdTimeoutSeconds());
        assertEquals(3, m.dpdAction());
        assertTrue(m.delete(), "--delete in the connection form replaces");
        assertEquals(1, parse("--name c --host 10.0.0.1 --to --host 10.0.0.2 --psk --dpdaction clear").dpdAction());
        assertEquals(2, parse("--name c --host 10.0.0.1 --to --host 10.0.0.2 --psk --dpdaction hold").dpdAction());
    }

    @Test
    void shuntAndFailureShunt() {
        String base = "--name c --host 10.0.0.1 --to --host 10.0.0.2 ";
        assertEquals(Policy.SHUNT_PASS << Policy.SHUNT_SHIFT, parse(base + "--pass").policy());
        assertEquals(Policy.SHUNT_DROP << Policy.SHUNT_SHIFT, parse(base + "--drop").policy());
        assertEquals(Policy.SHUNT_REJECT << Policy.SHUNT_SHIFT, parse(base + "--reject").policy());
        assertEquals(Policy.PSK, parse(base + "--psk --initiateontraffic").policy());
        assertEquals(Policy.PSK | Policy.SHUNT_DROP << Policy.FAIL_SHIFT, parse(base + "--psk --faildrop").policy());
        assertEquals(Policy.PSK | Policy.SHUNT_PASS << Policy.FAIL_SHIFT, parse(base + "--psk --failpass").policy());
        assertEquals(Policy.PSK | Policy.SHUNT_REJECT << Policy.FAIL_SHIFT,
                parse(base + "--psk --failreject").policy());
        assertEquals(Policy.PSK, parse(base + "--psk --failreject --failnone").policy());
    }

    @Test
    void roadWarriorAndOpportunisticHosts() {
        WhackMessage rw = parse("--name rw --host 10.0.0.1 --nexthop 10.0.0.254 --to --host %any --psk");
        assertEquals(IpAddress.ANY4, rw.right().host());
        assertEquals(ip("10.0.0.1"), rw.right().nexthop());
        WhackMessage old = parse("--name rw --host 10.0.0.1 --nexthop %direct --to --host 0.0.0.0 --psk");
        assertTrue(old.right().host().isAny(), "the obsolete 0.0.0.0 means %any");

        WhackMessage oe = parse("--name oe --host 10.0.0.1 --nexthop 10.0.0.254 --to --host %opportunistic"
                + " --rsasig --encrypt --pfs");
        assertEquals(Policy.RSASIG | Policy.ENCRYPT | Policy.PFS | Policy.TUNNEL | Policy.OPPO, oe.policy());
        assertEquals(new Subnet(IpAddress.ANY4, 0), oe.right().client());
        assertTrue(oe.right().hasClient());
        assertTrue(oe.right().keyFromDnsOnDemand());
        assertEquals(Policy.TUNNEL | Policy.GROUP | Policy.PSK,
                parse("--name g --host 10.0.0.1 --nexthop 10.0.0.254 --to --host %group --psk").policy());
    }

    @Test
    void ipv6Connection() {
        WhackMessage m = parse("--ipv6 --name v6 --host 2001:db8::1 --client 2001:db8:1::/48 --to"
                + " --host 2001:db8::2 --client 2001:db8:2::/48 --encrypt --rsasig");
        assertEquals(WhackMessage.AF_INET6, m.addrFamily());
        assertEquals(WhackMessage.AF_INET6, m.tunnelAddrFamily(), "clients follow the hosts");
        assertEquals(ip("2001:db8::2"), m.left().nexthop());
        WhackMessage mixed = parse("--ipv6 --tunnelipv4 --name m --host 2001:db8::1 --client 10.1.0.0/16 --to"
                + " --host 2001:db8::2 --client 10.2.0.0/16 --encrypt --psk");
        assertEquals(WhackMessage.AF_INET, mixed.tunnelAddrFamily());
        assertEquals(IpAddress.ANY6, parse("--ipv6 --name r --host 2001:db8::1 --nexthop %direct --to --host %any"
                + " --psk").right().host());
    }

    @Test
    void publicKeyForm() {
        WhackMessage m = parse("--keyid @bob.example --addkey --pubkeyrsa 0x0103_aabb");
        assertTrue(m.key());
        assertTrue(m.addKey());
        assertEquals("@bob.example", m.keyId());
        assertEquals(Bytes.of(1, 3, 0xaa, 0xbb), m.keyVal());
        assertEquals(WhackMessage.PUBKEY_ALG_RSA, m.pubkeyAlg());
        assertEquals(Bytes.of(1, 3, 0xaa, 0xbb), parse("--keyid x --pubkeyrsa 0sAQOquw==").keyVal());
        assertEquals(Bytes.of('h', 'i'), parse("--keyid x --pubkeyrsa 0thi").keyVal());
        WhackMessage dns = parse("--keyid @carol.example");
        assertTrue(dns.keyVal().isEmpty(), "no key: pluto asks DNS");
        assertEquals(0, dns.pubkeyAlg());
    }

    @Test
    void myidListenRouteInitiate() {
        WhackMessage my = parse("--myid @me.example");
        assertTrue(my.myid());
        assertEquals("@me.example", my.myId());
        assertTrue(parse("--listen").listen());
        assertTrue(parse("--unlisten").unlisten());
        assertTrue(parse("--route --name c").route());
        assertTrue(parse("--unroute --name c").unroute());
        WhackMessage i = parse("--initiate --name c --xauthuser alice --xauthpass s3cret --asynchronous");
        assertTrue(i.initiate());
        assertTrue(i.async());
        assertEquals("alice", i.xauthUser());
        assertEquals("s3cret", i.xauthPass());
        assertFalse(parse("--initiate --name c").async());
        assertTrue(parse("--terminate --name c").terminate());
        WhackMessage d = parse("--delete --name c");
        assertTrue(d.delete());
        assertFalse(d.connection());
    }

    @Test
    void opportunisticInitiation() {
        WhackMessage m = parse("--oppohere 10.0.1.5 --oppothere 10.0.2.7");
        assertTrue(m.oppoInitiate());
        assertEquals(ip("10.0.1.5"), m.oppoMyClient());
        assertEquals(ip("10.0.2.7"), m.oppoPeerClient());
        assertFalse(m.connection());
        WhackMessage v6 = parse("--tunnelipv6 --oppohere 2001:db8::5 --oppothere 2001:db8::7");
        assertTrue(v6.oppoInitiate());
        assertFalse(v6.connection(), "--tunnelipv6 alone does not make a connection description");
        assertEquals(ip("2001:db8::7"), v6.oppoPeerClient());
    }

    @Test
    void deleteStateAndCrash() {
        WhackMessage m = parse("--deletestate 0x10");
        assertTrue(m.deleteState());
        assertEquals(16, m.deleteStateNo());
        assertEquals(8, parse("--deletestate 010").deleteStateNo(), "octal, as strtoul base 0 reads it");
        WhackMessage c = parse("--crash 192.0.2.9");
        assertTrue(c.crash());
        assertEquals(ip("192.0.2.9"), c.crashPeer());
    }

    @Test
    void debugForm() {
        WhackMessage m = parse("--name c --debug-parsing --debug-crypt --debug-natt");
        assertTrue(m.options());
        assertEquals("c", m.name(), "--name is allowed with debug options");
        assertEquals(Debug.PARSING | Debug.CRYPT | Debug.NATT, m.debugging());
        assertEquals(Debug.ALL, parse("--debug-all").debugging());
        assertEquals(Debug.ALL | Debug.PRIVATE, parse("--debug-all --debug-pri").debugging());
        assertEquals(Debug.DNS, parse("--debug-all --debug-none --debug-dns").debugging());
        assertEquals(Debug.RAW | Debug.EMITTING | Debug.CONTROL | Debug.LIFECYCLE | Debug.KLIPS | Debug.OPPO
                | Debug.CONTROLMORE, parse("--debug-raw --debug-emitting --debug-control --debug-lifecycle"
                + " --debug-klips --debug-oppo --debug-controlmore").debugging());
        assertTrue(parse("--debug-none").options());
        assertEquals(0, parse("--debug-none").debugging());
    }

    @Test
    void basicMagicOnlyForPlainStatusAndShutdown() {
        assertEquals(WhackCodec.WHACK_BASIC_MAGIC, parse("--status").magic());
        assertEquals(WhackCodec.WHACK_BASIC_MAGIC, parse("--shutdown").magic());
        assertEquals(WhackCodec.WHACK_BASIC_MAGIC, parse("--status --shutdown").magic());
        assertEquals(WhackCodec.WHACK_BASIC_MAGIC, parse("--status --label L").magic(), "--label is special");
        assertEquals(WhackCodec.WHACK_MAGIC, parse("--ctlbase /tmp/p --status").magic(), "§1.2: --ctlbase counts");
        assertEquals(WhackCodec.WHACK_MAGIC, parse("--status --debug-none").magic());
        assertEquals(WhackCodec.WHACK_MAGIC, parse("--status --listen").magic());
        WhackParser.Request r = request(words("--status"));
        assertEquals(WhackParser.DEFAULT_CTLBASE + ".ctl", r.ctlPath());
        assertArrayEquals(WhackCodec.encode(r.message()), r.bytes());
        assertEquals("/tmp/p.ctl", request(words("--ctlb /tmp/p --status")).ctlPath());
    }

    @Test
    void prefixesAndEqualsForms() {
        WhackMessage m = parse("--na=c --ho 10.0.0.1 --to --ho=10.0.0.2 --ps --ikel=7200 --rekeym 60 --rekeyf=10");
        assertEquals("c", m.name());
        assertEquals(ip("10.0.0.2"), m.right().host());
        assertEquals(7200, m.ikeLifetimeSeconds());
        assertEquals(60, m.rekeyMarginSeconds());
        assertEquals(10, m.rekeyFuzzPercent());
        assertTrue(parse("--term --name c").terminate());
        assertTrue(parse("--stat").status());
        assertTrue(parse("--shut").shutdown());
        assertTrue(parse("--initiate --asy --name c").async());
        assertTrue(parse("--initiate --name c").initiate(), "the exact spelling beats --initiateontraffic");
        assertEquals("x y", request(List.of("--name", "x y", "--route")).message().name());
    }
}
