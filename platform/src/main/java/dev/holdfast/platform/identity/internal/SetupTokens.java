package dev.holdfast.platform.identity.internal;

import static dev.holdfast.platform.identity.internal.UserTable.*;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * One-time setup tokens. Only a SHA-256 hash is stored; the token itself exists only in the printed link.
 * Thread-safe; every method is its own transaction.
 */
@Component
class SetupTokens {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final DSLContext db;
    private final Clock clock;
    private final IdentitySettings settings;

    SetupTokens(DSLContext db, Clock clock, IdentitySettings settings) {
        this.db = db;
        this.clock = clock;
        this.settings = settings;
    }

    /** A new token valid for the configured time; expired ones are dropped. */
    @Transactional
    String issue() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        long now = clock.millis();
        db.deleteFrom(SETUP_TOKEN).where(TOKEN_EXPIRES_AT.le(now)).execute();
        db.insertInto(SETUP_TOKEN)
                .set(TOKEN_HASH, hash(token))
                .set(TOKEN_CREATED_AT, now)
                .set(TOKEN_EXPIRES_AT, now + settings.setupLinkTtl().toMillis())
                .execute();
        return token;
    }

    /** Removes expired tokens (housekeeping); returns how many. */
    @Transactional
    int removeExpired() {
        return db.deleteFrom(SETUP_TOKEN).where(TOKEN_EXPIRES_AT.le(clock.millis())).execute();
    }

    /** Whether the token is known and not expired; does not use it up. */
    boolean valid(String token) {
        return db.fetchExists(SETUP_TOKEN, TOKEN_HASH.eq(hash(token)).and(TOKEN_EXPIRES_AT.gt(clock.millis())));
    }

    /**
     * Uses the token up, and every other token with it, in the caller's transaction. True if it was valid; a
     * concurrent redeemer of another token then finds its own gone.
     */
    boolean redeem(String token) {
        int deleted = db.deleteFrom(SETUP_TOKEN).where(TOKEN_HASH.eq(hash(token)).and(TOKEN_EXPIRES_AT.gt(clock.millis()))).execute();
        db.deleteFrom(SETUP_TOKEN).execute();
        return deleted == 1;
    }

    private static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
