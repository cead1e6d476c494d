package dev.holdfast.platform.shared.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts secrets kept in the database (bot tokens, webhook URLs, passwords) with AES-256-GCM under the
 * installation's key ({@code HOLDFAST_SECRET_KEY}, or {@code secret.key} in the data directory, made on first start).
 * A sealed value is text: {@code hfenc:v1:} and the base64 of a random 12-byte nonce followed by the ciphertext and
 * its 16-byte tag. {@code purpose} is bound in as associated data, so a value copied to another column or row does
 * not open. The JDK's JCA implementation is used as is: nothing is hand-rolled beyond the text framing.
 */
public final class SecretBox {

    /** What every sealed value starts with. */
    public static final String PREFIX = "hfenc:v1:";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKey key;

    /** A box for a 32-byte key. */
    public SecretBox(byte[] key) {
        if (key.length != 32) {
            throw new IllegalArgumentException("an AES-256 key has 32 bytes, not " + key.length);
        }
        this.key = new SecretKeySpec(key.clone(), "AES");
    }

    /** Whether a stored value is sealed (as opposed to a plain value written before encryption existed). */
    public static boolean isSealed(String value) {
        return value.startsWith(PREFIX);
    }

    /** Seals a value for one purpose, e.g. {@code monitor.channel:<id>:botToken}. */
    public String seal(String plain, String purpose) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            RANDOM.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(purpose.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            return PREFIX + Base64.getEncoder().encodeToString(ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /**
     * Opens a sealed value; a plain value (not yet sealed) is returned as it is.
     *
     * @throws SecretUnreadableException when the value was sealed under another key or purpose, or was changed
     */
    public String open(String value, String purpose) {
        if (!isSealed(value)) {
            return value;
        }
        try {
            byte[] data = Base64.getDecoder().decode(value.substring(PREFIX.length()));
            if (data.length < NONCE_BYTES + TAG_BITS / 8) {
                throw new SecretUnreadableException(purpose);
            }
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, data, 0, NONCE_BYTES));
            cipher.updateAAD(purpose.getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(data, NONCE_BYTES, data.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            throw new SecretUnreadableException(purpose);
        }
    }

    /** A sealed secret does not open: another installation's key ({@code HOLDFAST_SECRET_KEY} differs) or changed data. */
    public static final class SecretUnreadableException extends RuntimeException {

        public SecretUnreadableException(String purpose) {
            super("a stored secret (" + purpose + ") cannot be decrypted: was HOLDFAST_SECRET_KEY or the data directory's secret.key changed?");
        }
    }
}
