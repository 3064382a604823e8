package org.jswan.interop;

/**
 * The algorithm suites of issue 3, each with the name both charon's configs and jswan's
 * {@code --ike}/{@code --esp} use, and what charon's {@code --list-sas --raw} reports once it was
 * chosen.
 */
final class Proposals {
    private Proposals() {
    }

    /** Phase 1 (ISAKMP SA): cipher, hash (= PRF), Diffie-Hellman group. */
    enum Ike {
        TDES_MD5_MODP1024("3des-md5-modp1024", "3DES_CBC", null, "HMAC_MD5_96", "PRF_HMAC_MD5", "MODP_1024"),
        TDES_SHA1_MODP1536("3des-sha1-modp1536", "3DES_CBC", null, "HMAC_SHA1_96", "PRF_HMAC_SHA1", "MODP_1536"),
        AES128_SHA1_MODP2048("aes128-sha1-modp2048", "AES_CBC", "128", "HMAC_SHA1_96", "PRF_HMAC_SHA1", "MODP_2048"),
        AES256_SHA256_MODP2048("aes256-sha256-modp2048", "AES_CBC", "256", "HMAC_SHA2_256_128", "PRF_HMAC_SHA2_256",
                "MODP_2048");

        final String name;
        final String encr;
        final String keysize;
        final String integ;
        final String prf;
        final String dh;

        Ike(String name, String encr, String keysize, String integ, String prf, String dh) {
            this.name = name;
            this.encr = encr;
            this.keysize = keysize;
            this.integ = integ;
            this.prf = prf;
            this.dh = dh;
        }

        /** Did charon settle on this suite? */
        boolean matches(SwanctlSas.IkeSa sa) {
            return encr.equals(sa.encrAlg()) && java.util.Objects.equals(keysize, sa.encrKeysize())
                    && integ.equals(sa.integAlg()) && prf.equals(sa.prfAlg()) && dh.equals(sa.dhGroup());
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** Phase 2 (ESP): cipher and integrity; with PFS a DH group is added to charon's proposal. */
    enum Esp {
        TDES_MD5("3des-md5", "3DES_CBC", null, "HMAC_MD5_96"),
        TDES_SHA1("3des-sha1", "3DES_CBC", null, "HMAC_SHA1_96"),
        AES128_SHA1("aes128-sha1", "AES_CBC", "128", "HMAC_SHA1_96"),
        AES256_SHA256("aes256-sha256", "AES_CBC", "256", "HMAC_SHA2_256_128");

        final String name;
        final String encr;
        final String keysize;
        final String integ;

        Esp(String name, String encr, String keysize, String integ) {
            this.name = name;
            this.encr = encr;
            this.keysize = keysize;
            this.integ = integ;
        }

        /** charon's esp_proposals entry: with PFS the Quick Mode group is appended. */
        String charon(String pfsGroup) {
            return pfsGroup == null ? name : name + "-" + pfsGroup;
        }

        boolean matches(SwanctlSas.ChildSa c) {
            return encr.equals(c.encrAlg()) && java.util.Objects.equals(keysize, c.encrKeysize())
                    && integ.equals(c.integAlg());
        }

        @Override
        public String toString() {
            return name;
        }
    }
}
