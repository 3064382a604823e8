package org.jswan.ike.whack;

import java.util.Random;
import org.jswan.ike.base.Bytes;
import org.jswan.ike.base.IpAddress;
import org.jswan.ike.base.Subnet;

/** Rich, valid messages from a seeded {@link Random}: every field set to something. */
final class RandomWhackMessages {
    private RandomWhackMessages() {
    }

    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEF0123456789@.=-_ /%,\"'\\äéß€中";

    static WhackMessage message(Random r) {
        WhackMessage.Builder b = WhackMessage.builder();
        b.magic = WhackCodec.WHACK_MAGIC;
        b.status = r.nextBoolean();
        b.shutdown = r.nextBoolean();
        b.name = string(r);
        b.options = r.nextBoolean();
        b.debugging = r.nextLong();
        b.connection = r.nextBoolean();
        b.async = r.nextBoolean();
        b.policy = r.nextLong();
        b.ikeLifetimeSeconds = r.nextLong();
        b.ipsecLifetimeSeconds = r.nextLong();
        b.rekeyMarginSeconds = r.nextLong();
        b.rekeyFuzzPercent = r.nextLong();
        b.keyingTries = r.nextLong();
        b.left = end(r);
        b.right = end(r);
        b.addrFamily = r.nextInt(0x10000);
        b.tunnelAddrFamily = r.nextInt(0x10000);
        b.key = r.nextBoolean();
        b.addKey = r.nextBoolean();
        b.keyId = string(r);
        b.pubkeyAlg = r.nextInt();
        byte[] key = new byte[r.nextInt(4) == 0 ? 0 : r.nextInt(600)];
        r.nextBytes(key);
        b.keyVal = Bytes.copyOf(key);
        b.myid = r.nextBoolean();
        b.myId = string(r);
        b.route = r.nextBoolean();
        b.unroute = r.nextBoolean();
        b.initiate = r.nextBoolean();
        b.oppoInitiate = r.nextBoolean();
        b.oppoMyClient = address(r);
        b.oppoPeerClient = address(r);
        b.terminate = r.nextBoolean();
        b.delete = r.nextBoolean();
        b.deleteState = r.nextBoolean();
        b.deleteStateNo = r.nextLong();
        b.listen = r.nextBoolean();
        b.unlisten = r.nextBoolean();
        b.crash = r.nextBoolean();
        b.crashPeer = address(r);
        b.utc = r.nextBoolean();
        b.list = r.nextInt(256);
        b.reread = r.nextInt(256);
        b.xauthUser = string(r);
        b.xauthPass = string(r);
        b.dpdDelaySeconds = r.nextLong();
        b.dpdTimeoutSeconds = r.nextLong();
        b.dpdAction = r.nextInt();
        return b.build();
    }

    static WhackEnd end(Random r) {
        IpAddress host = address(r);
        WhackEnd e = WhackEnd.empty()
                .withId(string(r)).withCert(string(r)).withCa(string(r))
                .withHost(host).withNexthop(address(r))
                .withKeyFromDnsOnDemand(r.nextBoolean())
                .withUpdown(string(r))
                .withHostPort(r.nextInt(0x10000))
                .withProtoPort(r.nextInt(256), r.nextInt(0x10000));
        if (r.nextBoolean()) {
            IpAddress net = address(r);
            e = e.withClient(new Subnet(net, r.nextInt(net.bits() + 1)), r.nextBoolean());
        }
        return e;
    }

    /** null (absent) or a non-empty string: the wire cannot tell "" from absent. */
    static String string(Random r) {
        if (r.nextInt(3) == 0) {
            return null;
        }
        int n = 1 + r.nextInt(60);
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append(ALPHABET.charAt(r.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }

    static IpAddress address(Random r) {
        byte[] raw = new byte[r.nextBoolean() ? 4 : 16];
        if (r.nextInt(5) != 0) {
            r.nextBytes(raw);
        }
        return new IpAddress(Bytes.copyOf(raw));
    }
}
