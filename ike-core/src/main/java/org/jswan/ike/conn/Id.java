package org.jswan.ike.conn;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.jswan.ike.base.Bytes;
import org.jswan.ike.base.IpAddress;
import org.jswan.ike.text.AddressForms;
import org.jswan.ike.text.TextFormException;
import org.jswan.ike.text.TextForms;

/**
 * An IKE identity (RFC 2407 §4.6.2.1 ID types), as pluto's {@code struct id}: an IP address, a
 * {@code @FQDN}, a {@code user@FQDN}, the magic {@code %myid}, or none/any.
 *
 * <p>{@code value} holds the address bytes (4 or 16) for address ids, the name bytes for
 * {@code FQDN} (without the {@code @}) and {@code USER_FQDN} (with it), the raw bytes for
 * {@code KEY_ID} and {@code DER_ASN1_DN}, and nothing for {@code MYID}. {@code NONE} holds nothing
 * ({@link #ANY}, written {@code %any}) or sixteen zero bytes ({@link #ANY6}, {@code %any6}), so
 * that ipsec.secrets can tell the two road-warrior wildcards apart as FreeS/WAN did.
 *
 * <p>Compare identities with {@link #sameAs} (names case-insensitively, as pluto's
 * {@code same_id}) or {@link #matches} (with the wildcard); {@code equals} is exact byte equality.
 */
public record Id(Kind kind, Bytes value) {
    public enum Kind {
        /** No identity / %any: matches anything (wildcard). */
        NONE,
        IPV4_ADDR,
        IPV6_ADDR,
        FQDN,
        USER_FQDN,
        /** %myid: stands for whatever {@code --myid} says. */
        MYID,
        /** A DER-encoded X.500 distinguished name, written {@code @~} and hex (FreeS/WAN 2.x). */
        DER_ASN1_DN,
        /** Opaque bytes, written {@code @#} and hex (FreeS/WAN 2.x) or {@code @[text]}. */
        KEY_ID
    }

    // RFC 2407 §4.6.2.1: IPSEC Identification Type values.
    public static final int ID_IPV4_ADDR = 1;
    public static final int ID_FQDN = 2;
    public static final int ID_USER_FQDN = 3;
    public static final int ID_IPV4_ADDR_SUBNET = 4;
    public static final int ID_IPV6_ADDR = 5;
    public static final int ID_IPV6_ADDR_SUBNET = 6;
    public static final int ID_IPV4_ADDR_RANGE = 7;
    public static final int ID_IPV6_ADDR_RANGE = 8;
    public static final int ID_DER_ASN1_DN = 9;
    public static final int ID_DER_ASN1_GN = 10;
    public static final int ID_KEY_ID = 11;

    private static final String[] ID_TYPE_NAMES = {
        "ID_RESERVED", "ID_IPV4_ADDR", "ID_FQDN", "ID_USER_FQDN", "ID_IPV4_ADDR_SUBNET",
        "ID_IPV6_ADDR", "ID_IPV6_ADDR_SUBNET", "ID_IPV4_ADDR_RANGE", "ID_IPV6_ADDR_RANGE",
        "ID_DER_ASN1_DN", "ID_DER_ASN1_GN", "ID_KEY_ID"
    };

    /** Longest printed form; pluto's idtoa wrote into a bounded buffer too. */
    private static final int MAX_PRINT = 512;

    /** {@code %any}: no identity, any will do. */
    public static final Id ANY = new Id(Kind.NONE, Bytes.EMPTY);
    /** {@code %any6}: the IPv6 flavour of {@link #ANY}. */
    public static final Id ANY6 = new Id(Kind.NONE, Bytes.zeros(16));
    /** {@code %myid}. */
    public static final Id MYID = new Id(Kind.MYID, Bytes.EMPTY);

    public Id {
        if (kind == null) {
            throw new IllegalArgumentException("an id needs a kind");
        }
        if (value == null) {
            value = Bytes.EMPTY;
        }
        switch (kind) {
            case NONE:
                if (value.length() == 4 && value.isAllZero()) {
                    value = Bytes.EMPTY;
                }
                if (!value.isEmpty() && !(value.length() == 16 && value.isAllZero())) {
                    throw new IllegalArgumentException("%any carries no value");
                }
                break;
            case MYID:
                if (!value.isEmpty()) {
                    throw new IllegalArgumentException("%myid carries no value");
                }
                break;
            case IPV4_ADDR:
            case IPV6_ADDR:
                int want = kind == Kind.IPV4_ADDR ? 4 : 16;
                if (value.length() != want) {
                    throw new IllegalArgumentException(kind + " needs " + want + " bytes, not " + value.length());
                }
                break;
            default:
                if (value.isEmpty()) {
                    throw new IllegalArgumentException("an empty " + kind + " id");
                }
        }
    }

    /**
     * Parses an identity as {@code --id} and ipsec.secrets write it (pluto(8), ipsec.secrets(5)):
     * {@code %any}, {@code 0.0.0.0}, {@code %any6}, {@code %myid}, {@code @fqdn} (not resolved),
     * {@code @#hex} and {@code @[text]} key ids, {@code @~hex} DER names, {@code user@fqdn}, a
     * numeric address (any ttoaddr form), or a DNS name, which is resolved immediately through
     * {@code resolver} and becomes an address id.
     *
     * @throws IdParseException with a message for pluto's {@code bad --id:} line
     */
    public static Id parse(String text, Resolver resolver) throws IdParseException {
        if (text.isEmpty()) {
            throw new IdParseException("empty id");
        }
        switch (text) {
            case "%any":
            case "0.0.0.0":
                return ANY;
            case "%any6":
                return ANY6;
            case "%myid":
                return MYID;
            default:
                break;
        }
        if (text.charAt(0) == '@') {
            return parseAt(text);
        }
        if (text.indexOf('@') > 0) {
            return new Id(Kind.USER_FQDN, Bytes.copyOf(TextForms.bytesOf(text)));
        }
        if (text.charAt(0) == '%') {
            throw new IdParseException("unknown %-keyword " + quoted(text));
        }
        try {
            return ofAddress(resolver.ttoaddr(text));
        } catch (TextFormException e) {
            throw new IdParseException(e.getMessage() + " " + quoted(text));
        }
    }

    private static Id parseAt(String text) throws IdParseException {
        String rest = text.substring(1);
        if (rest.isEmpty()) {
            throw new IdParseException("empty name after @");
        }
        try {
            if (rest.charAt(0) == '#') {
                return new Id(Kind.KEY_ID, hex(rest.substring(1)));
            }
            if (rest.charAt(0) == '~') {
                return new Id(Kind.DER_ASN1_DN, hex(rest.substring(1)));
            }
        } catch (TextFormException e) {
            throw new IdParseException(e.getMessage() + " in " + quoted(text));
        }
        if (rest.charAt(0) == '[') {
            if (rest.length() < 3 || rest.charAt(rest.length() - 1) != ']') {
                throw new IdParseException("@[ key id needs text and a closing ] " + quoted(text));
            }
            return new Id(Kind.KEY_ID, Bytes.copyOf(TextForms.bytesOf(rest.substring(1, rest.length() - 1))));
        }
        return new Id(Kind.FQDN, Bytes.copyOf(TextForms.bytesOf(rest)));
    }

    private static Bytes hex(String digits) throws TextFormException {
        if (digits.startsWith("0x") || digits.startsWith("0X")) {
            return TextForms.ttodata(digits);
        }
        if (digits.isEmpty()) {
            throw new TextFormException("no hex digits");
        }
        return TextForms.ttodata(digits, TextForms.BASE_HEX);
    }

    /** The address id; the unspecified address (0.0.0.0 or ::) gives {@link #ANY}/{@link #ANY6}. */
    public static Id ofAddress(IpAddress address) {
        if (address.isAny()) {
            return address.isV4() ? ANY : ANY6;
        }
        return new Id(address.isV4() ? Kind.IPV4_ADDR : Kind.IPV6_ADDR, address.bytes());
    }

    /** The wildcard of the same family as {@code host}: what pluto uses for a road warrior's id. */
    public static Id anyFor(IpAddress host) {
        return host.isV4() ? ANY : ANY6;
    }

    /** An {@code @fqdn} id; {@code name} is written without the {@code @}. */
    public static Id fqdn(String name) {
        return new Id(Kind.FQDN, Bytes.copyOf(TextForms.bytesOf(name)));
    }

    /** A {@code user@fqdn} id. */
    public static Id userFqdn(String userAtHost) {
        return new Id(Kind.USER_FQDN, Bytes.copyOf(TextForms.bytesOf(userAtHost)));
    }

    /** True for {@code %any} and {@code %any6}. */
    public boolean isAny() {
        return kind == Kind.NONE;
    }

    /** The address of an address id. */
    public Optional<IpAddress> address() {
        return kind == Kind.IPV4_ADDR || kind == Kind.IPV6_ADDR
                ? Optional.of(new IpAddress(value))
                : Optional.empty();
    }

    /** {@code %myid} replaced by {@code myid}; any other id unchanged. */
    public Id resolveMyId(Id myid) {
        return kind == Kind.MYID ? myid : this;
    }

    /**
     * The id to put in an ID payload: {@code %any} stands for the host address, as pluto's
     * {@code build_id_payload} did for an end with no id.
     */
    public Id orHostAddress(IpAddress host) {
        if (kind != Kind.NONE) {
            return this;
        }
        return new Id(host.isV4() ? Kind.IPV4_ADDR : Kind.IPV6_ADDR, host.bytes());
    }

    /**
     * Exact sameness, pluto's {@code same_id}: same kind and value, FQDN and user@FQDN names
     * compared without regard to ASCII case (DNS). {@code %any} is the same as {@code %any} only.
     */
    public boolean sameAs(Id other) {
        if (kind != other.kind) {
            return false;
        }
        if (kind == Kind.FQDN || kind == Kind.USER_FQDN) {
            return equalsIgnoreAsciiCase(value, other.value);
        }
        return value.equals(other.value);
    }

    /**
     * Whether {@code candidate} is acceptable where this id is expected: this id is the pattern
     * (from the configuration). A {@code NONE} pattern accepts any candidate; otherwise {@link
     * #sameAs}. A {@code NONE} candidate is not a wildcard: it matches only a {@code NONE} pattern,
     * so that nothing a peer sends can act as "anyone".
     */
    public boolean matches(Id candidate) {
        return kind == Kind.NONE || sameAs(candidate);
    }

    private static boolean equalsIgnoreAsciiCase(Bytes a, Bytes b) {
        if (a.length() != b.length()) {
            return false;
        }
        for (int i = 0; i < a.length(); i++) {
            if (lower(a.get(i)) != lower(b.get(i))) {
                return false;
            }
        }
        return true;
    }

    private static int lower(int c) {
        return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
    }

    /** The RFC 2407 §4.6.2.1 ID type for an ID payload. */
    public int wireType() {
        switch (kind) {
            case IPV4_ADDR:
                return ID_IPV4_ADDR;
            case IPV6_ADDR:
                return ID_IPV6_ADDR;
            case FQDN:
                return ID_FQDN;
            case USER_FQDN:
                return ID_USER_FQDN;
            case DER_ASN1_DN:
                return ID_DER_ASN1_DN;
            case KEY_ID:
                return ID_KEY_ID;
            default:
                throw new IllegalStateException(this + " has no wire form: resolve %myid, use orHostAddress for %any");
        }
    }

    /** The identification data of an ID payload (RFC 2407 §4.6.2). */
    public Bytes wireData() {
        wireType();
        return value;
    }

    /**
     * Decodes the ID type and identification data of a Phase 1 ID payload (RFC 2407 §4.6.2).
     * An all-zero address stays a concrete address id: a peer can never send a wildcard.
     * ID_USER_FQDN without an '@' is accepted: RFC 2407 §4.6.2.4 gives "piper@foo.bar.com" as an
     * example but does not require the '@', and some old peers sent bare names.
     *
     * @throws IdParseException naming the problem or the unsupported type
     */
    public static Id fromWire(int idType, Bytes data) throws IdParseException {
        switch (idType) {
            case ID_IPV4_ADDR:
            case ID_IPV6_ADDR:
                int want = idType == ID_IPV4_ADDR ? 4 : 16;
                if (data.length() != want) {
                    throw new IdParseException(idTypeName(idType) + " identification data has "
                            + data.length() + " bytes, not " + want);
                }
                return new Id(idType == ID_IPV4_ADDR ? Kind.IPV4_ADDR : Kind.IPV6_ADDR, data);
            case ID_FQDN:
            case ID_USER_FQDN:
                if (data.isEmpty()) {
                    throw new IdParseException("empty " + idTypeName(idType));
                }
                for (int i = 0; i < data.length(); i++) {
                    if (data.get(i) == 0) {
                        throw new IdParseException(idTypeName(idType) + " contains a NUL byte");
                    }
                }
                return new Id(idType == ID_FQDN ? Kind.FQDN : Kind.USER_FQDN, data);
            case ID_DER_ASN1_DN:
            case ID_KEY_ID:
                if (data.isEmpty()) {
                    throw new IdParseException("empty " + idTypeName(idType));
                }
                return new Id(idType == ID_KEY_ID ? Kind.KEY_ID : Kind.DER_ASN1_DN, data);
            default:
                throw new IdParseException("unsupported ID type " + idTypeName(idType));
        }
    }

    /** {@code ID_FQDN (2)}-style name of an ID type number. */
    public static String idTypeName(int idType) {
        if (idType >= 0 && idType < ID_TYPE_NAMES.length) {
            return ID_TYPE_NAMES[idType] + " (" + idType + ")";
        }
        return "ID type " + idType;
    }

    /** How pluto prints the id: {@code 192.0.2.1}, {@code @east.example}, {@code user@example.com}. */
    @Override
    public String toString() {
        switch (kind) {
            case NONE:
                return value.isEmpty() ? "%any" : "%any6";
            case MYID:
                return "%myid";
            case IPV4_ADDR:
            case IPV6_ADDR:
                return new IpAddress(value).toString();
            case FQDN:
                return "@" + printable(value);
            case USER_FQDN:
                return printable(value);
            case DER_ASN1_DN:
                return bounded("@~" + value.toHex());
            case KEY_ID:
                return bounded("@#" + value.toHex());
            default:
                throw new IllegalStateException();
        }
    }

    /** Unprintable bytes become '?', as pluto's idtoa did, so that a peer cannot forge log lines. */
    private static String printable(Bytes b) {
        StringBuilder sb = new StringBuilder(Math.min(b.length(), MAX_PRINT));
        for (int i = 0; i < b.length() && sb.length() < MAX_PRINT; i++) {
            int c = b.get(i);
            sb.append(c >= 0x20 && c < 0x7f ? (char) c : '?');
        }
        return bounded(sb.length() < b.length() ? sb + "..." : sb.toString());
    }

    private static String bounded(String s) {
        return s.length() <= MAX_PRINT + 3 ? s : s.substring(0, MAX_PRINT) + "...";
    }

    /** The text in double quotes, made printable and bounded, for error messages. */
    static String quoted(String text) {
        return "\"" + printable(Bytes.copyOf(text.getBytes(StandardCharsets.UTF_8))) + "\"";
    }
}
