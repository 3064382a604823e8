package org.jswan.ike.secrets;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jswan.ike.base.Bytes;
import org.jswan.ike.base.Secret;
import org.jswan.ike.conn.Id;
import org.jswan.ike.conn.IdParseException;
import org.jswan.ike.conn.Resolver;
import org.jswan.ike.secrets.SecretsLexer.Token;
import org.jswan.ike.text.TextFormException;
import org.jswan.ike.text.TextForms;

/**
 * Turns the tokens of one ipsec.secrets file into records (ipsec.secrets(5), reference §4):
 *
 * <pre>
 *   record    = include | entry
 *   include   = "include" glob
 *   entry     = index* ( quoted | ":" key )
 *   key       = quoted | "PSK" ( quoted | ttodata ) | "RSA" "{" field{8} "}"
 *   field     = name [":"] ttodata      -- Modulus PublicExponent PrivateExponent Prime1 Prime2
 *                                          Exponent1 Exponent2 Coefficient, in this order
 * </pre>
 *
 * A bad record is reported as {@code "file" line n: problem} and skipped whole; the rest of the
 * file still loads. No message contains key text: tokens of the key part are never quoted back.
 */
final class SecretsParser {
    /** Where the parser sends what it finds. */
    interface Sink {
        void entry(SecretEntry e);

        void problem(int line, String text);

        void include(String pattern, int line);
    }

    private static final String[] RSA_FIELDS = {
        "Modulus", "PublicExponent", "PrivateExponent", "Prime1", "Prime2",
        "Exponent1", "Exponent2", "Coefficient"
    };

    /** A record that failed: the line to blame and what is wrong. */
    private static final class BadRecord extends Exception {
        private static final long serialVersionUID = 1L;
        final int line;

        BadRecord(int line, String problem) {
            super(problem, null, false, false);
            this.line = line;
        }
    }

    private final String file;
    private final Resolver resolver;
    private final Sink sink;

    SecretsParser(String file, Resolver resolver, Sink sink) {
        this.file = file;
        this.resolver = resolver;
        this.sink = sink;
    }

    void parse(String content) {
        List<Token> tokens = SecretsLexer.tokens(content);
        int i = 0;
        if (!tokens.isEmpty() && !tokens.get(0).startsRecord()) {
            sink.problem(tokens.get(0).line(), "file starts with indentation (continuation notation)");
            while (i < tokens.size() && !tokens.get(i).startsRecord()) {
                i++;
            }
        }
        while (i < tokens.size()) {
            int end = i + 1;
            while (end < tokens.size() && !tokens.get(end).startsRecord()) {
                end++;
            }
            try {
                record(tokens.subList(i, end));
            } catch (BadRecord e) {
                sink.problem(e.line, e.getMessage());
            }
            i = end;
        }
    }

    private void record(List<Token> rec) throws BadRecord {
        for (Token t : rec) {
            if (t.error() != null) {
                throw new BadRecord(t.line(), t.error());
            }
        }
        Token first = rec.get(0);
        if (first.isWord("include")) {
            if (rec.size() == 1) {
                throw new BadRecord(first.line(), "unexpected end of include directive");
            }
            if (rec.size() > 2) {
                throw new BadRecord(rec.get(2).line(),
                        "ignoring malformed INCLUDE -- expected Record Boundary after filename");
            }
            sink.include(rec.get(1).text(), rec.get(1).line());
            return;
        }
        int k = 0;
        while (k < rec.size() && !rec.get(k).quoted() && !rec.get(k).is(":")) {
            k++;
        }
        if (k == rec.size()) {
            // Without a key part every token was taken as an index; one of them may be a
            // secret written without quotes, so none is quoted back.
            throw new BadRecord(first.line(), "unexpected end of id list (no ':' and key)");
        }
        List<Id> ids = new ArrayList<>(k);
        for (Token t : rec.subList(0, k)) {
            ids.add(index(t));
        }
        List<Token> keyPart = rec.subList(rec.get(k).quoted() ? k : k + 1, rec.size());
        if (keyPart.isEmpty()) {
            throw new BadRecord(rec.get(k).line(), "unexpected end of record: no key after ':'");
        }
        KeyMaterial key = key(keyPart, first.line());
        sink.entry(new SecretEntry(ids, key, file, first.line()));
    }

    private Id index(Token t) throws BadRecord {
        try {
            return Id.parse(t.text(), resolver);
        } catch (IdParseException e) {
            // FreeS/WAN: dropped the bad index and kept the record, which can turn a two-index
            // record into a default for one end; jswan: the whole record is skipped.
            throw new BadRecord(t.line(), e.getMessage());
        }
    }

    private KeyMaterial key(List<Token> kp, int recordLine) throws BadRecord {
        Token t = kp.get(0);
        int next;
        KeyMaterial key;
        if (t.quoted()) {
            key = psk(bytes(t.unquoted()), t.line());
            next = 1;
        } else if (t.isWord("PSK")) {
            if (kp.size() < 2) {
                throw new BadRecord(t.line(), "unexpected end of record in PSK");
            }
            Token v = kp.get(1);
            if (v.quoted()) {
                key = psk(bytes(v.unquoted()), v.line());
            } else {
                try {
                    key = psk(TextForms.ttodata(v.text()), v.line());
                } catch (TextFormException e) {
                    // FreeS/WAN: "PSK data malformed (%s): <token>"; jswan never echoes the token.
                    throw new BadRecord(v.line(), "PSK data malformed (" + e.getMessage() + ")");
                }
            }
            next = 2;
        } else if (t.isWord("RSA")) {
            return rsa(kp, recordLine);
        } else {
            throw new BadRecord(t.line(), "unrecognized key format (expected a quoted string, PSK or RSA)");
        }
        if (next < kp.size()) {
            throw new BadRecord(kp.get(next).line(), "expected record boundary in key");
        }
        return key;
    }

    private static Bytes bytes(String text) {
        return Bytes.copyOf(TextForms.bytesOf(text));
    }

    private static PreSharedKey psk(Bytes b, int line) throws BadRecord {
        if (b.isEmpty()) {
            // FreeS/WAN: accepted ""; jswan: an empty PSK authenticates anyone, so it is refused.
            throw new BadRecord(line, "empty PSK");
        }
        return new PreSharedKey(Secret.of(b));
    }

    private RsaPrivateKey rsa(List<Token> kp, int recordLine) throws BadRecord {
        int lastLine = kp.get(kp.size() - 1).line();
        if (kp.size() < 2 || !kp.get(1).is("{")) {
            throw new BadRecord(kp.get(0).line(), "bad RSA key syntax");
        }
        BigInteger[] v = new BigInteger[RSA_FIELDS.length];
        int i = 2;
        for (int f = 0; f < RSA_FIELDS.length; f++) {
            if (i >= kp.size()) {
                throw new BadRecord(lastLine, "premature end of RSA key");
            }
            Token name = kp.get(i++);
            if (!name.isWord(RSA_FIELDS[f])) {
                throw new BadRecord(name.line(), RSA_FIELDS[f] + " keyword not found where expected in RSA key");
            }
            if (i < kp.size() && kp.get(i).is(":")) {
                i++;
            }
            if (i >= kp.size()) {
                throw new BadRecord(lastLine, "premature end of RSA key");
            }
            Token value = kp.get(i++);
            try {
                v[f] = new BigInteger(1, TextForms.ttodata(value.text()).toArray());
            } catch (TextFormException e) {
                throw new BadRecord(value.line(),
                        "RSA data malformed (" + e.getMessage() + ") in " + RSA_FIELDS[f]);
            }
        }
        // The '}' must end the record: a record boundary follows it.
        if (i != kp.size() - 1 || !kp.get(i).is("}")) {
            throw new BadRecord(i < kp.size() ? kp.get(i).line() : lastLine, "malformed end of RSA private key");
        }
        RsaPrivateKey key = new RsaPrivateKey(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7]);
        Optional<String> problem = key.consistencyProblem();
        if (problem.isPresent()) {
            throw new BadRecord(recordLine, problem.get());
        }
        return key;
    }
}
