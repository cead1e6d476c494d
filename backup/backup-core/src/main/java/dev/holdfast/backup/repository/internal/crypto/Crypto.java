package dev.holdfast.backup.repository.internal.crypto;

import dev.holdfast.backup.IntegrityException;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.macs.Poly1305;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;

/**
 * restic's authenticated encryption: {@code IV(16) ‖ AES-256-CTR(plaintext) ‖ Poly1305-AES(ciphertext)}, a fresh
 * random IV per object, the MAC over the ciphertext only. Thread-safe.
 */
public final class Crypto {

    /** Bytes added to every encrypted object. */
    public static final int OVERHEAD = 32;
    private static final int IV_SIZE = 16;
    /** Where the plaintext starts in an array for {@link #sealInPlace(byte[])}. */
    public static final int PLAINTEXT_OFFSET = IV_SIZE;
    private static final int MAC_SIZE = 16;
    private static final int SLICE = 4 * 1024; // a multiple of the AES block size; see ctr()

    private final SecretKeySpec aesKey;
    private final byte[] polyKey; // BouncyCastle wants r ‖ k, the reverse of restic's order
    private final SecureRandom random = new SecureRandom();
    private final ThreadLocal<Cipher> ciphers = ThreadLocal.withInitial(Crypto::newCipher);
    private final ThreadLocal<byte[]> slices = ThreadLocal.withInitial(() -> new byte[SLICE]);
    private final ThreadLocal<Poly1305> macs = ThreadLocal.withInitial(() -> new Poly1305(AESEngine.newInstance()));
    private final KeyParameter polyKeyParameter;
    /** Per thread: AES-ECB under the MAC's k (for s), the JDK Poly1305 object and its r ‖ s key buffer. */
    private final ThreadLocal<Cipher> sCiphers = ThreadLocal.withInitial(this::newMacCipher);
    private final ThreadLocal<Object> jdkMacs = ThreadLocal.withInitial(JdkPoly1305::create);
    private final ThreadLocal<byte[]> jdkMacKeys = ThreadLocal.withInitial(this::newJdkMacKey);

    public Crypto(MasterKey key) {
        aesKey = new SecretKeySpec(key.encrypt(), "AES");
        polyKey = new byte[32];
        System.arraycopy(key.macR(), 0, polyKey, 0, 16);
        System.arraycopy(key.macK(), 0, polyKey, 16, 16);
        polyKeyParameter = new KeyParameter(polyKey);
    }

    private byte[] newJdkMacKey() {
        byte[] key = new byte[32];
        System.arraycopy(polyKey, 0, key, 0, 16);
        return key;
    }

    private Cipher newMacCipher() {
        try {
            Cipher cipher = Cipher.getInstance("AES/ECB/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(polyKey, 16, 16, "AES"));
            return cipher;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no AES/ECB", e);
        }
    }

    private static Cipher newCipher() {
        try {
            return Cipher.getInstance("AES/CTR/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no AES/CTR", e);
        }
    }

    public byte[] encrypt(byte[] plaintext) {
        return encrypt(plaintext, 0, plaintext.length);
    }

    public byte[] encrypt(byte[] plaintext, int offset, int length) {
        byte[] out = new byte[length + OVERHEAD];
        byte[] iv = new byte[IV_SIZE];
        do {
            random.nextBytes(iv);
        } while (allZero(iv, IV_SIZE));
        System.arraycopy(iv, 0, out, 0, IV_SIZE);
        try {
            Cipher cipher = ciphers.get();
            cipher.init(Cipher.ENCRYPT_MODE, aesKey, new IvParameterSpec(iv));
            ctr(cipher, plaintext, offset, length, out, IV_SIZE);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-CTR failed", e);
        }
        mac(out, 0, out, IV_SIZE, length, out, IV_SIZE + length);
        return out;
    }

    /**
     * Encrypts {@code data[offset .. offset+length)} in place and gives its fresh IV and its MAC in {@code iv} and
     * {@code mac} (16 bytes each): stored as IV, ciphertext, MAC, this is what {@link #encrypt(byte[])} returns,
     * without a second buffer of the blob's size.
     */
    /**
     * Encrypts the plaintext in {@code sealed}, which sits between room for the IV ({@link #PLAINTEXT_OFFSET} bytes)
     * and for the MAC (the last 16), in place: afterwards the array is what {@link #encrypt(byte[])} returns for
     * that plaintext, without a second array of its size.
     */
    public void sealInPlace(byte[] sealed) {
        byte[] iv = new byte[IV_SIZE];
        byte[] mac = new byte[MAC_SIZE];
        encryptInPlace(sealed, IV_SIZE, sealed.length - OVERHEAD, iv, mac);
        System.arraycopy(iv, 0, sealed, 0, IV_SIZE);
        System.arraycopy(mac, 0, sealed, sealed.length - MAC_SIZE, MAC_SIZE);
    }

    public void encryptInPlace(byte[] data, int offset, int length, byte[] iv, byte[] mac) {
        do {
            random.nextBytes(iv);
        } while (allZero(iv, IV_SIZE));
        try {
            Cipher cipher = ciphers.get();
            cipher.init(Cipher.ENCRYPT_MODE, aesKey, new IvParameterSpec(iv, 0, IV_SIZE));
            ctrInPlace(cipher, data, offset, length);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-CTR failed", e);
        }
        mac(iv, 0, data, offset, length, mac, 0);
    }

    public byte[] decrypt(byte[] sealed) {
        return decrypt(sealed, 0, sealed.length);
    }

    /** Verifies the MAC, then decrypts. @throws IntegrityException if the MAC does not match (or wrong key) */
    public byte[] decrypt(byte[] sealed, int offset, int length) {
        byte[] plain = new byte[Math.max(0, length - OVERHEAD)];
        decrypt(sealed, offset, length, plain, 0);
        return plain;
    }

    /**
     * Verifies the MAC of {@code sealed[offset .. offset+length)}, then decrypts it into {@code out} from
     * {@code outOffset} without copying the input (a blob is decrypted where it lies in its pack).
     *
     * @return the plaintext length, {@code length - OVERHEAD}
     * @throws IntegrityException if the MAC does not match (or wrong key)
     */
    public int decrypt(byte[] sealed, int offset, int length, byte[] out, int outOffset) {
        return decrypt(sealed, offset, length, out, outOffset, false);
    }

    /**
     * Verifies the MAC of {@code sealed[offset .. offset+length)}, then decrypts it where it lies: the plaintext
     * replaces the ciphertext, from {@code offset + }{@link #PLAINTEXT_OFFSET}, and no second buffer of the blob's
     * size is needed. The ciphertext is gone afterwards (a second call on the same bytes fails verification).
     *
     * @return the plaintext length, {@code length - OVERHEAD}
     * @throws IntegrityException if the MAC does not match (or wrong key)
     */
    public int decryptInPlace(byte[] sealed, int offset, int length) {
        return decrypt(sealed, offset, length, sealed, offset + IV_SIZE, true);
    }

    /** Verifies, then decrypts into {@code out}, or where the ciphertext lies when {@code inPlace}. */
    private int decrypt(byte[] sealed, int offset, int length, byte[] out, int outOffset, boolean inPlace) {
        int ctLength = verify(sealed, offset, length);
        try {
            Cipher cipher = ciphers.get();
            cipher.init(Cipher.DECRYPT_MODE, aesKey, new IvParameterSpec(sealed, offset, IV_SIZE));
            if (inPlace) {
                ctrInPlace(cipher, sealed, offset + IV_SIZE, ctLength);
            } else {
                ctr(cipher, sealed, offset + IV_SIZE, ctLength, out, outOffset);
            }
            return ctLength;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-CTR failed", e);
        }
    }

    /**
     * Checks the MAC of IV, ciphertext and MAC at {@code sealed[offset .. offset+length)}.
     *
     * @return the ciphertext length
     * @throws IntegrityException if it is too short or the MAC does not match (or wrong key)
     */
    private int verify(byte[] sealed, int offset, int length) {
        if (length < OVERHEAD) {
            throw new IntegrityException("ciphertext too short: " + length + " bytes");
        }
        int ctLength = length - OVERHEAD;
        byte[] expected = new byte[MAC_SIZE];
        mac(sealed, offset, sealed, offset + IV_SIZE, ctLength, expected, 0);
        if (!MessageDigest.isEqual(expected,
                java.util.Arrays.copyOfRange(sealed, offset + IV_SIZE + ctLength, offset + length))) {
            throw new IntegrityException("ciphertext verification failed");
        }
        return ctLength;
    }

    /**
     * AES-CTR over {@code data} where it lies. The JDK's cipher is copy-safe by copying the whole input when input and
     * output overlap (a blob-sized array per call), so each slice is copied into a small reused array first.
     */
    private void ctrInPlace(Cipher cipher, byte[] data, int offset, int length) throws GeneralSecurityException {
        byte[] slice = slices.get();
        int done = 0;
        while (length - done > SLICE) {
            System.arraycopy(data, offset + done, slice, 0, SLICE);
            done += cipher.update(slice, 0, SLICE, data, offset + done);
        }
        int rest = length - done;
        System.arraycopy(data, offset + done, slice, 0, rest);
        cipher.doFinal(slice, 0, rest, data, offset + done);
    }

    /**
     * AES-CTR in slices: the JDK's AES-CTR intrinsic applies only once its per-call method is compiled, which takes
     * thousands of calls (a profile found 16 KiB slices still in the Java loop for most of a 128 MiB restore); one call
     * per multi-MiB blob would leave it in the interpreter's loop for the whole run.
     */
    private static void ctr(Cipher cipher, byte[] in, int offset, int length, byte[] out, int outOffset)
            throws GeneralSecurityException {
        int done = 0;
        while (length - done > SLICE) {
            done += cipher.update(in, offset + done, SLICE, out, outOffset + done);
        }
        cipher.doFinal(in, offset + done, length - done, out, outOffset + done);
    }

    /**
     * Poly1305-AES of {@code data[offset .. offset+length)} with the 16-byte nonce (the IV) at {@code nonceOffset},
     * tag written to {@code out}: the JDK's Poly1305 when the JVM opens it to us and compiles it to its AVX-512 stub (about ten
     * times BouncyCastle's speed), else BouncyCastle's. The MAC objects are reused per thread (init resets them).
     */
    private void mac(byte[] nonce, int nonceOffset, byte[] data, int offset, int length, byte[] out, int outOffset) {
        if (JdkPoly1305.PREFERRED) {
            byte[] key = jdkMacKeys.get();
            try {
                sCiphers.get().doFinal(nonce, nonceOffset, IV_SIZE, key, 16); // s = AES_k(nonce), after r
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("AES failed", e);
            }
            JdkPoly1305.mac(jdkMacs.get(), key, data, offset, length, out, outOffset);
            return;
        }
        Poly1305 poly = macs.get();
        poly.init(new ParametersWithIV(polyKeyParameter, nonce, nonceOffset, IV_SIZE));
        poly.update(data, offset, length);
        poly.doFinal(out, outOffset);
    }

    private static boolean allZero(byte[] bytes, int length) {
        for (int i = 0; i < length; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
