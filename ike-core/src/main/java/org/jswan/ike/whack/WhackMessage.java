package org.jswan.ike.whack;

import org.jswan.ike.base.Bytes;
import org.jswan.ike.base.IpAddress;

/**
 * One whack request, field for field the FreeS/WAN 2.0x {@code struct whack_message} (reference
 * §1.3, OSW-2.0.0 order) followed by jswan's appended fields. Strings are {@code null} when
 * absent (the wire carries them as empty strings, and pluto turns empty back into null).
 * Times are seconds, as the struct's {@code time_t} fields are.
 *
 * <p>Build one with {@link #builder()}; the codec is {@link WhackCodec}.
 */
public record WhackMessage(
        int magic,
        boolean status,
        boolean shutdown,
        String name,
        boolean options,
        long debugging,
        boolean connection,
        boolean async,
        long policy,
        long ikeLifetimeSeconds,
        long ipsecLifetimeSeconds,
        long rekeyMarginSeconds,
        long rekeyFuzzPercent,
        long keyingTries,
        WhackEnd left,
        WhackEnd right,
        int addrFamily,
        int tunnelAddrFamily,
        boolean key,
        boolean addKey,
        String keyId,
        int pubkeyAlg,
        Bytes keyVal,
        boolean myid,
        String myId,
        boolean route,
        boolean unroute,
        boolean initiate,
        boolean oppoInitiate,
        IpAddress oppoMyClient,
        IpAddress oppoPeerClient,
        boolean terminate,
        boolean delete,
        boolean deleteState,
        long deleteStateNo,
        boolean listen,
        boolean unlisten,
        boolean crash,
        IpAddress crashPeer,
        boolean utc,
        int list,
        int reread,
        // ---- jswan extensions (not in FreeS/WAN's struct; hence jswan's own WHACK_MAGIC) ----
        String xauthUser,
        String xauthPass,
        String ike,
        String esp,
        long dpdDelaySeconds,
        long dpdTimeoutSeconds,
        int dpdAction) {

    /** AF_INET and AF_INET6 as Linux numbers them. */
    public static final int AF_INET = 2;
    public static final int AF_INET6 = 10;
    public static final int PUBKEY_ALG_RSA = 1;

    /** Defaults of pluto(8): ike 3600 s, ipsec 28800 s, margin 540 s, fuzz 100 %, 3 tries. */
    public static final long DEFAULT_IKE_LIFETIME = 3600;
    public static final long DEFAULT_IPSEC_LIFETIME = 28800;
    public static final long DEFAULT_REKEY_MARGIN = 540;
    public static final long DEFAULT_REKEY_FUZZ = 100;
    public static final long DEFAULT_KEYING_TRIES = 3;

    public WhackMessage {
        if (keyVal == null) {
            keyVal = Bytes.EMPTY;
        }
        if (left == null) {
            left = WhackEnd.empty();
        }
        if (right == null) {
            right = WhackEnd.empty();
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.magic = magic; b.status = status; b.shutdown = shutdown; b.name = name; b.options = options;
        b.debugging = debugging; b.connection = connection; b.async = async; b.policy = policy;
        b.ikeLifetimeSeconds = ikeLifetimeSeconds; b.ipsecLifetimeSeconds = ipsecLifetimeSeconds;
        b.rekeyMarginSeconds = rekeyMarginSeconds; b.rekeyFuzzPercent = rekeyFuzzPercent;
        b.keyingTries = keyingTries; b.left = left; b.right = right; b.addrFamily = addrFamily;
        b.tunnelAddrFamily = tunnelAddrFamily; b.key = key; b.addKey = addKey; b.keyId = keyId;
        b.pubkeyAlg = pubkeyAlg; b.keyVal = keyVal; b.myid = myid; b.myId = myId; b.route = route;
        b.unroute = unroute; b.initiate = initiate; b.oppoInitiate = oppoInitiate;
        b.oppoMyClient = oppoMyClient; b.oppoPeerClient = oppoPeerClient; b.terminate = terminate;
        b.delete = delete; b.deleteState = deleteState; b.deleteStateNo = deleteStateNo;
        b.listen = listen; b.unlisten = unlisten; b.crash = crash; b.crashPeer = crashPeer;
        b.utc = utc; b.list = list; b.reread = reread; b.xauthUser = xauthUser; b.xauthPass = xauthPass; b.ike = ike; b.esp = esp;
        b.dpdDelaySeconds = dpdDelaySeconds; b.dpdTimeoutSeconds = dpdTimeoutSeconds; b.dpdAction = dpdAction;
        return b;
    }

    /** A mutable builder; fields are public so whack's option parser can fill them directly. */
    public static final class Builder {
        public int magic = WhackCodec.WHACK_MAGIC;
        public boolean status;
        public boolean shutdown;
        public String name;
        public boolean options;
        public long debugging;
        public boolean connection;
        public boolean async;
        public long policy;
        public long ikeLifetimeSeconds = DEFAULT_IKE_LIFETIME;
        public long ipsecLifetimeSeconds = DEFAULT_IPSEC_LIFETIME;
        public long rekeyMarginSeconds = DEFAULT_REKEY_MARGIN;
        public long rekeyFuzzPercent = DEFAULT_REKEY_FUZZ;
        public long keyingTries = DEFAULT_KEYING_TRIES;
        public WhackEnd left = WhackEnd.empty();
        public WhackEnd right = WhackEnd.empty();
        public int addrFamily = AF_INET;
        public int tunnelAddrFamily = AF_INET;
        public boolean key;
        public boolean addKey;
        public String keyId;
        public int pubkeyAlg;
        public Bytes keyVal = Bytes.EMPTY;
        public boolean myid;
        public String myId;
        public boolean route;
        public boolean unroute;
        public boolean initiate;
        public boolean oppoInitiate;
        public IpAddress oppoMyClient = IpAddress.ANY4;
        public IpAddress oppoPeerClient = IpAddress.ANY4;
        public boolean terminate;
        public boolean delete;
        public boolean deleteState;
        public long deleteStateNo;
        public boolean listen;
        public boolean unlisten;
        public boolean crash;
        public IpAddress crashPeer = IpAddress.ANY4;
        public boolean utc;
        public int list;
        public int reread;
        public String xauthUser;
        public String xauthPass;
        /** jswan {@code --ike}: Phase 1 algorithms, e.g. {@code aes256-sha2_256-modp2048,3des-md5-modp1024}. */
        public String ike;
        /** jswan {@code --esp}: Phase 2 algorithms, e.g. {@code aes128-sha1,3des-md5}. */
        public String esp;
        public long dpdDelaySeconds;
        public long dpdTimeoutSeconds;
        public int dpdAction;

        public WhackMessage build() {
            return new WhackMessage(magic, status, shutdown, name, options, debugging, connection, async,
                    policy, ikeLifetimeSeconds, ipsecLifetimeSeconds, rekeyMarginSeconds, rekeyFuzzPercent,
                    keyingTries, left, right, addrFamily, tunnelAddrFamily, key, addKey, keyId, pubkeyAlg,
                    keyVal, myid, myId, route, unroute, initiate, oppoInitiate, oppoMyClient, oppoPeerClient,
                    terminate, delete, deleteState, deleteStateNo, listen, unlisten, crash, crashPeer, utc,
                    list, reread, xauthUser, xauthPass, ike, esp, dpdDelaySeconds, dpdTimeoutSeconds, dpdAction);
        }
    }
}
