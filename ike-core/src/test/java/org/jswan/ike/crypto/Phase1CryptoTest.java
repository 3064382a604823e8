package org.jswan.ike.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.jswan.ike.base.Bytes;
import org.jswan.ike.base.Rng;
import org.jswan.ike.base.Secret;
import org.junit.jupiter.api.Test;

/** Zero padding to the block size, round trips, and the IV chain. */
class Phase1CryptoTest {
    private static final Rng RNG = Rng.seeded(2408);

    @Test
    void padsWithZerosOnlyUpToTheBlockSize() {
        Bytes body = Bytes.fromHex("0102030405");
        assertEquals(Bytes.fromHex("0102030405000000"), Phase1Crypto.pad(body, 8));
        Bytes aligned = RNG.bytes(16);
        assertSame(aligned, Phase1Crypto.pad(aligned, 16), "no padding block when already aligned (pluto)");
        assertEquals(32, Phase1Crypto.pad(RNG.bytes(17), 16).length());
    }

    @Test
    void roundTripAndIvChainInBothCiphers() {
        for (EncryptionAlgorithm alg : EncryptionAlgorithm.values()) {
            Secret key = Secret.of(RNG.bytes(alg.defaultKeyBits() / 8));
            Bytes iv = RNG.bytes(alg.blockSize());
            Bytes body = RNG.bytes(37);
            Phase1Crypto.Result enc = Phase1Crypto.encrypt(alg, key, iv, body);
            assertEquals(Phase1Crypto.pad(body, alg.blockSize()).length(), enc.output().length());
            assertEquals(enc.output().slice(enc.output().length() - alg.blockSize()), enc.nextIv(), "next IV = last block");
            Phase1Crypto.Result dec = Phase1Crypto.decrypt(alg, key, iv, enc.output());
            assertEquals(Phase1Crypto.pad(body, alg.blockSize()), dec.output(), "padding comes back");
            assertEquals(enc.nextIv(), dec.nextIv(), "both ends agree on the next IV");
            // the next message of the exchange chains on
            Phase1Crypto.Result enc2 = Phase1Crypto.encrypt(alg, key, enc.nextIv(), body);
            assertEquals(body, Phase1Crypto.decrypt(alg, key, dec.nextIv(), enc2.output()).output().slice(0, 37));
        }
    }

    @Test
    void decryptAcceptsAWholeBlockOfPaddingAsCharonSendsIt() {
        EncryptionAlgorithm aes = EncryptionAlgorithm.AES_CBC;
        Secret key = Secret.of(RNG.bytes(16));
        Bytes iv = RNG.bytes(16);
        Bytes charonStyle = Bytes.concat(RNG.bytes(32), Bytes.zeros(16));
        Bytes ct = IkeCipher.encrypt(aes, key, iv, charonStyle);
        assertEquals(charonStyle, Phase1Crypto.decrypt(aes, key, iv, ct).output());
    }

    @Test
    void refusesEmptyAndPartialBodies() {
        EncryptionAlgorithm des3 = EncryptionAlgorithm.TRIPLE_DES_CBC;
        Secret key = Secret.of(RNG.bytes(24));
        Bytes iv = RNG.bytes(8);
        assertThrows(IllegalArgumentException.class, () -> Phase1Crypto.decrypt(des3, key, iv, RNG.bytes(12)));
        assertThrows(IllegalArgumentException.class, () -> Phase1Crypto.decrypt(des3, key, iv, Bytes.EMPTY));
        assertThrows(IllegalArgumentException.class, () -> Phase1Crypto.encrypt(des3, key, iv, Bytes.EMPTY));
        assertThrows(IllegalArgumentException.class, () -> Phase1Crypto.lastBlock(RNG.bytes(4), des3));
    }
}
