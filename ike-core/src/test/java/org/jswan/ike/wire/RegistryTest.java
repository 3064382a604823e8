package org.jswan.ike.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The IANA registries: numbers as the RFCs give them, lookups, and names for unknown numbers. */
class RegistryTest {
    static final List<Class<? extends Enum<?>>> REGISTRIES = List.of(PayloadType.class, ExchangeType.class,
            NotifyType.class, IdType.class, ProtocolId.class, OakleyAttribute.class, IpsecAttribute.class,
            OakleyEncryption.class, OakleyHash.class, OakleyAuthMethod.class, OakleyGroupId.class, LifeType.class,
            EspTransformId.class, AhTransformId.class, IpcompTransformId.class, AuthAlgorithm.class,
            EncapsulationMode.class, KeyTransformId.class, CertEncoding.class);

    @Test
    void everyRegistryLooksUpBothWays() throws Exception {
        for (Class<? extends Enum<?>> c : REGISTRIES) {
            Method value = c.getMethod("value");
            Method fromValue = c.getMethod("fromValue", int.class);
            Method nameOf = c.getMethod("nameOf", int.class);
            for (Enum<?> e : c.getEnumConstants()) {
                int v = (int) value.invoke(e);
                assertSame(e, fromValue.invoke(null, v), c.getSimpleName() + "." + e);
                assertEquals(e.name(), nameOf.invoke(null, v));
            }
            assertNull(fromValue.invoke(null, 99999), c.getSimpleName());
            assertNull(fromValue.invoke(null, -1), c.getSimpleName());
            assertEquals("99999", nameOf.invoke(null, 99999));
        }
    }

    @Test
    void payloadTypes() {
        Map<String, Integer> want = new LinkedHashMap<>();
        String[] names = {"NONE", "SA", "P", "T", "KE", "ID", "CERT", "CR", "HASH", "SIG", "NONCE", "N", "D", "VID", "ATTR", "SAK"};
        for (int i = 0; i < names.length; i++) {
            want.put(names[i], i);
        }
        want.put("NAT_D", 20);
        want.put("NAT_OA", 21);
        want.put("NAT_D_DRAFT", 130);
        want.put("NAT_OA_DRAFT", 131);
        want.put("FRAG", 132);
        assertRegistry(want, PayloadType.values());
    }

    @Test
    void notifyTypesAreRfc2408sErrorsInOrderPlusStatus() {
        String[] rfc2408 = {"INVALID_PAYLOAD_TYPE", "DOI_NOT_SUPPORTED", "SITUATION_NOT_SUPPORTED", "INVALID_COOKIE",
            "INVALID_MAJOR_VERSION", "INVALID_MINOR_VERSION", "INVALID_EXCHANGE_TYPE", "INVALID_FLAGS",
            "INVALID_MESSAGE_ID", "INVALID_PROTOCOL_ID", "INVALID_SPI", "INVALID_TRANSFORM_ID",
            "ATTRIBUTES_NOT_SUPPORTED", "NO_PROPOSAL_CHOSEN", "BAD_PROPOSAL_SYNTAX", "PAYLOAD_MALFORMED",
            "INVALID_KEY_INFORMATION", "INVALID_ID_INFORMATION", "INVALID_CERT_ENCODING", "INVALID_CERTIFICATE",
            "CERT_TYPE_UNSUPPORTED", "INVALID_CERT_AUTHORITY", "INVALID_HASH_INFORMATION", "AUTHENTICATION_FAILED",
            "INVALID_SIGNATURE", "ADDRESS_NOTIFICATION", "NOTIFY_SA_LIFETIME", "CERTIFICATE_UNAVAILABLE",
            "UNSUPPORTED_EXCHANGE_TYPE", "UNEQUAL_PAYLOAD_LENGTHS"};
        Map<String, Integer> want = new LinkedHashMap<>();
        for (int i = 0; i < rfc2408.length; i++) {
            want.put(rfc2408[i], i + 1);
        }
        want.put("CONNECTED", 16384);
        want.put("RESPONDER_LIFETIME", 24576);
        want.put("REPLAY_STATUS", 24577);
        want.put("INITIAL_CONTACT", 24578);
        want.put("R_U_THERE", 36136);
        want.put("R_U_THERE_ACK", 36137);
        assertRegistry(want, NotifyType.values());
        assertTrue(NotifyType.PAYLOAD_MALFORMED.isError());
        assertFalse(NotifyType.INITIAL_CONTACT.isError());
    }

    @Test
    void exchangeProtocolAndIdTypes() {
        assertRegistry(Map.of("NONE", 0, "BASE", 1, "IDPROT", 2, "AUTH_ONLY", 3, "AGGRESSIVE", 4, "INFO", 5,
                "TRANSACTION", 6, "QUICK", 32, "NEW_GROUP", 33), ExchangeType.values());
        assertRegistry(Map.of("ISAKMP", 1, "IPSEC_AH", 2, "IPSEC_ESP", 3, "IPCOMP", 4), ProtocolId.values());
        assertEquals(11, IdType.values().length);
        assertEquals(1, IdType.IPV4_ADDR.value());
        assertEquals(9, IdType.DER_ASN1_DN.value());
        assertEquals(11, IdType.KEY_ID.value());
        assertEquals(32, IdType.IPV6_ADDR_SUBNET.addressLength());
        assertEquals(-1, IdType.FQDN.addressLength());
    }

    @Test
    void attributeClassesKnowTheirForm() {
        assertEquals(16, OakleyAttribute.values().length);
        assertEquals(16, OakleyAttribute.GROUP_ORDER.value());
        for (OakleyAttribute a : new OakleyAttribute[] {OakleyAttribute.GROUP_PRIME, OakleyAttribute.GROUP_GENERATOR_ONE,
            OakleyAttribute.GROUP_GENERATOR_TWO, OakleyAttribute.GROUP_CURVE_A, OakleyAttribute.GROUP_CURVE_B,
            OakleyAttribute.LIFE_DURATION, OakleyAttribute.GROUP_ORDER}) {
            assertFalse(a.basicOnly(), a.name());
        }
        assertTrue(OakleyAttribute.KEY_LENGTH.basicOnly());
        assertTrue(OakleyAttribute.ENCRYPTION_ALGORITHM.basicOnly());
        assertFalse(IpsecAttribute.SA_LIFE_DURATION.basicOnly());
        assertFalse(IpsecAttribute.COMPRESS_PRIVATE_ALGORITHM.basicOnly());
        assertTrue(IpsecAttribute.AUTH_ALGORITHM.basicOnly());
        assertEquals(9, IpsecAttribute.values().length);
    }

    @Test
    void valueRegistries() {
        assertEquals(7, OakleyEncryption.AES_CBC.value());
        assertEquals(6, OakleyHash.SHA2_512.value());
        assertEquals(65001, OakleyAuthMethod.XAUTH_INIT_PRESHARED.value());
        assertEquals(65010, OakleyAuthMethod.XAUTH_RESP_RSA_REV.value());
        assertEquals(15, OakleyAuthMethod.values().length);
        assertEquals(14, OakleyGroupId.MODP2048.value());
        assertEquals(21, OakleyGroupId.ECP521.value());
        assertEquals(2, LifeType.KILOBYTES.value());
        assertEquals(12, EspTransformId.ESP_AES.value());
        assertEquals(11, EspTransformId.ESP_NULL.value());
        assertEquals(2, AhTransformId.AH_MD5.value());
        assertEquals(7, AhTransformId.AH_SHA2_512.value());
        assertEquals(2, IpcompTransformId.IPCOMP_DEFLATE.value());
        assertEquals(7, AuthAlgorithm.HMAC_SHA2_512.value());
        assertEquals(61443, EncapsulationMode.UDP_TUNNEL_DRAFT.value());
        assertEquals(1, KeyTransformId.KEY_IKE.value());
        assertEquals(11, CertEncoding.values().length);
        assertEquals(4, CertEncoding.X509_SIGNATURE.value());
        assertEquals(10, CertEncoding.X509_ATTRIBUTE.value());
    }

    @Test
    void doiConstantsAndBoundedSituationNames() {
        assertEquals(0, Doi.ISAKMP);
        assertEquals(1, Doi.IPSEC);
        assertEquals(1, Doi.SIT_IDENTITY_ONLY);
        assertEquals(2, Doi.SIT_SECRECY);
        assertEquals(4, Doi.SIT_INTEGRITY);
        assertEquals("none", Doi.situationName(0));
        assertEquals("SIT_IDENTITY_ONLY+SIT_SECRECY+SIT_INTEGRITY+0xfffffff8", Doi.situationName(0xffffffffL));
        assertEquals("ISAKMP_DOI_IPSEC", Doi.nameOf(1));
        assertEquals("4294967295", Doi.nameOf(0xffffffffL));
    }

    private static <E extends Enum<E>> void assertRegistry(Map<String, Integer> want, E[] values) {
        Map<String, Integer> got = new LinkedHashMap<>();
        for (E e : values) {
            try {
                got.put(e.name(), (Integer) e.getClass().getMethod("value").invoke(e));
            } catch (ReflectiveOperationException x) {
                throw new AssertionError(x);
            }
        }
        assertEquals(new java.util.TreeMap<>(want), new java.util.TreeMap<>(got));
    }
}
