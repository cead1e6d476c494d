package dev.holdfast.platform.identity.internal;

import static dev.holdfast.platform.identity.internal.PasswordTables.*;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Single-use, expiring links that let a person set a password: a reset requested by email, or an administrator's
 * invitation. Only a SHA-256 hash of each token is stored; the token itself exists only in the link.
 */
@Component
class PasswordLinks {

    /** What a link is for; a reset token does not work as an invitation and the other way round. */
    enum Purpose {
        RESET, INVITATION
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final DSLContext db;
    private final Clock clock;

    PasswordLinks(DSLContext db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** A new token for the user, valid for {@code ttl}; earlier links of the same purpose stay valid until used. */
    @Transactional
    String issue(String userId, Purpose purpose, Duration ttl, @Nullable String createdBy) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        long now = clock.millis();
        db.insertInto(LINK).set(LINK_HASH, hash(token)).set(LINK_USER, userId).set(LINK_PURPOSE, purpose.name())
                .set(LINK_CREATED_BY, createdBy).set(LINK_CREATED_AT, now).set(LINK_EXPIRES_AT, now + ttl.toMillis())
                .execute();
        return token;
    }

    /** The user the token is for, if it is valid; does not use it up. */
    Optional<String> userOf(String token, Purpose purpose) {
        return db.select(LINK_USER).from(LINK).where(LINK_HASH.eq(hash(token)).and(LINK_PURPOSE.eq(purpose.name()))
                .and(LINK_EXPIRES_AT.gt(clock.millis()))).fetchOptional(LINK_USER);
    }

    /**
     * Uses the token up, with every other link of the user for the same purpose, in the caller's transaction.
     * True if it was valid; of two concurrent redeemers only one gets true.
     */
    boolean redeem(String token, String userId, Purpose purpose) {
        int deleted = db.deleteFrom(LINK).where(LINK_HASH.eq(hash(token)).and(LINK_PURPOSE.eq(purpose.name()))
                .and(LINK_EXPIRES_AT.gt(clock.millis()))).execute();
        db.deleteFrom(LINK).where(LINK_USER.eq(userId).and(LINK_PURPOSE.eq(purpose.name()))).execute();
        return deleted == 1;
    }

    /** How many links of this purpose the user was sent since {@code sinceMillis} (used or not, unless expired and removed). */
    int issuedSince(String userId, Purpose purpose, long sinceMillis) {
        return db.fetchCount(LINK, LINK_USER.eq(userId).and(LINK_PURPOSE.eq(purpose.name())).and(LINK_CREATED_AT.ge(sinceMillis)));
    }

    /** Housekeeping: removes expired links; returns how many. */
    @Transactional
    int removeExpired() {
        return db.deleteFrom(LINK).where(LINK_EXPIRES_AT.le(clock.millis())).execute();
    }

    private static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
