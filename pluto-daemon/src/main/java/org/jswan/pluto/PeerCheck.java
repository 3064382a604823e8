package org.jswan.pluto;

import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.List;
import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;

/**
 * Who may talk to pluto over its control socket: root, and the user pluto runs as. Checked with
 * {@code SO_PEERCRED} on every connection, because Java cannot set the umask before
 * {@code bind()}, so the socket's 0700 mode is set only after it exists (security-and-users
 * A0 row 10).
 */
final class PeerCheck {
    private final UserPrincipal root;
    private final UserPrincipal self;
    private final long selfUid;

    private PeerCheck(UserPrincipal root, UserPrincipal self, long selfUid) {
        this.root = root;
        this.self = self;
        this.selfUid = selfUid;
    }

    /** For the user this process runs as. */
    static PeerCheck forThisProcess() throws IOException {
        long uid = new com.sun.security.auth.module.UnixSystem().getUid();
        UserPrincipalLookupService ls = FileSystems.getDefault().getUserPrincipalLookupService();
        // A numeric name is taken as the uid itself when no user has that name.
        return new PeerCheck(ls.lookupPrincipalByName("0"), ls.lookupPrincipalByName(Long.toString(uid)), uid);
    }

    long selfUid() {
        return selfUid;
    }

    /**
     * @return null if the peer may use pluto, else its uid as text (for the refusal)
     */
    String refusal(SocketChannel ch) {
        UnixDomainPrincipal peer;
        try {
            peer = ch.getOption(ExtendedSocketOptions.SO_PEERCRED);
        } catch (IOException | UnsupportedOperationException e) {
            return "unknown (SO_PEERCRED failed: " + e.getMessage() + ")";
        }
        UserPrincipal u = peer.user();
        if (u.equals(root) || u.equals(self)) {
            return null;
        }
        return uidOf(u.getName());
    }

    /** The JDK names a principal by user name when it has one; pluto's message gives the number. */
    static String uidOf(String name) {
        if (!name.isEmpty() && name.chars().allMatch(Character::isDigit)) {
            return name;
        }
        try {
            List<String> lines = Files.readAllLines(Path.of("/etc/passwd"), StandardCharsets.UTF_8);
            for (String l : lines) {
                String[] f = l.split(":", -1);
                if (f.length > 2 && f[0].equals(name)) {
                    return f[2];
                }
            }
        } catch (IOException e) {
            // fall back to the name
        }
        return name;
    }
}
