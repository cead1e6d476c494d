package dev.holdfast.platform.identity.oidc;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 of a token, hex. Codes, refresh tokens and client secrets are random values of at least 128 bits that
 * Holdfast made itself, so a fast hash is enough to make a stolen table useless (no dictionary to try).
 */
final class TokenHash {

    private TokenHash() {
    }

    static String of(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static boolean matches(String token, String hash) {
        return MessageDigest.isEqual(of(token).getBytes(StandardCharsets.US_ASCII), hash.getBytes(StandardCharsets.US_ASCII));
    }
}
