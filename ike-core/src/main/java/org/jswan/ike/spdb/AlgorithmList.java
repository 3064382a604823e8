package org.jswan.ike.spdb;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jswan.ike.crypto.DhGroup;
import org.jswan.ike.crypto.EncryptionAlgorithm;
import org.jswan.ike.crypto.HashAlgorithm;
import org.jswan.ike.crypto.IntegrityAlgorithm;

/**
 * jswan's {@code --ike} and {@code --esp} algorithm lists (FreeS/WAN had neither; its policy
 * was "hardwired in spdb.c"). {@code --ike aes256-sha2_256-modp2048,3des-md5-modp1024} and
 * {@code --esp aes128-sha1,3des-md5} restrict both what we propose and what we accept, in the
 * order given. An {@code --ike} entry without a group stands for MODP2048, MODP1536 and MODP1024.
 */
public final class AlgorithmList {
    private AlgorithmList() {
    }

    /** One ESP (or, with {@code encryption} null, AH) algorithm pair. */
    public record EspAlgorithm(EncryptionAlgorithm encryption, int keyBits, IntegrityAlgorithm integrity) {
        public String label() {
            String enc = encryption == null ? "" : encryption == EncryptionAlgorithm.AES_CBC ? "AES_CBC_" + keyBits
                    : "3DES_CBC";
            return encryption == null ? integrity.name() : enc + "-" + integrity.name();
        }
    }

    private record Cipher(EncryptionAlgorithm alg, int bits) {
    }

    public static List<OakleyTransform> parseIke(String text) {
        List<OakleyTransform> out = new ArrayList<>();
        for (String entry : entries(text, "--ike")) {
            String[] p = entry.split("-");
            if (p.length < 2 || p.length > 3) {
                throw new IllegalArgumentException("--ike entry \"" + entry + "\" is not cipher-hash[-group]");
            }
            Cipher c = cipher(p[0], entry);
            HashAlgorithm h = hash(p[1], entry);
            List<DhGroup> groups = p.length == 3 ? List.of(group(p[2], entry))
                    : List.of(DhGroup.MODP2048, DhGroup.MODP1536, DhGroup.MODP1024);
            for (DhGroup g : groups) {
                out.add(new OakleyTransform(c.alg(), c.bits(), h, 0, g, Duration.ZERO));
            }
        }
        return out;
    }

    public static List<EspAlgorithm> parseEsp(String text) {
        List<EspAlgorithm> out = new ArrayList<>();
        for (String entry : entries(text, "--esp")) {
            String[] p = entry.split("-");
            if (p.length == 1) {
                out.add(new EspAlgorithm(null, 0, integrity(p[0], entry)));
            } else if (p.length == 2) {
                Cipher c = cipher(p[0], entry);
                out.add(new EspAlgorithm(c.alg(), c.bits(), integrity(p[1], entry)));
            } else {
                throw new IllegalArgumentException("--esp entry \"" + entry + "\" is not cipher-integrity (or integrity"
                        + " alone for AH)");
            }
        }
        return out;
    }

    private static List<String> entries(String text, String option) {
        List<String> out = new ArrayList<>();
        for (String e : text.split(",")) {
            String t = e.trim().toLowerCase(Locale.ROOT);
            if (t.isEmpty()) {
                throw new IllegalArgumentException(option + " has an empty entry");
            }
            out.add(t);
        }
        return out;
    }

    private static Cipher cipher(String s, String entry) {
        return switch (s) {
            case "3des" -> new Cipher(EncryptionAlgorithm.TRIPLE_DES_CBC, 192);
            case "aes", "aes128" -> new Cipher(EncryptionAlgorithm.AES_CBC, 128);
            case "aes192" -> new Cipher(EncryptionAlgorithm.AES_CBC, 192);
            case "aes256" -> new Cipher(EncryptionAlgorithm.AES_CBC, 256);
            default -> throw new IllegalArgumentException("unknown cipher \"" + s + "\" in \"" + entry
                    + "\" (3des, aes, aes128, aes192, aes256)");
        };
    }

    private static HashAlgorithm hash(String s, String entry) {
        return switch (s) {
            case "md5" -> HashAlgorithm.MD5;
            case "sha", "sha1" -> HashAlgorithm.SHA1;
            case "sha256", "sha2_256" -> HashAlgorithm.SHA2_256;
            case "sha384", "sha2_384" -> HashAlgorithm.SHA2_384;
            case "sha512", "sha2_512" -> HashAlgorithm.SHA2_512;
            default -> throw new IllegalArgumentException("unknown hash \"" + s + "\" in \"" + entry
                    + "\" (md5, sha1, sha256, sha384, sha512)");
        };
    }

    private static IntegrityAlgorithm integrity(String s, String entry) {
        return switch (s) {
            case "md5" -> IntegrityAlgorithm.HMAC_MD5_96;
            case "sha", "sha1" -> IntegrityAlgorithm.HMAC_SHA1_96;
            case "sha256", "sha2_256" -> IntegrityAlgorithm.HMAC_SHA2_256_128;
            default -> throw new IllegalArgumentException("unknown integrity algorithm \"" + s + "\" in \"" + entry
                    + "\" (md5, sha1, sha256)");
        };
    }

    private static DhGroup group(String s, String entry) {
        return switch (s) {
            case "modp1024" -> DhGroup.MODP1024;
            case "modp1536" -> DhGroup.MODP1536;
            case "modp2048" -> DhGroup.MODP2048;
            case "modp3072" -> DhGroup.MODP3072;
            case "modp4096" -> DhGroup.MODP4096;
            case "modp6144" -> DhGroup.MODP6144;
            case "modp8192" -> DhGroup.MODP8192;
            default -> throw new IllegalArgumentException("unknown group \"" + s + "\" in \"" + entry
                    + "\" (modp1024, modp1536, modp2048, modp3072, modp4096, modp6144, modp8192)");
        };
    }
}
