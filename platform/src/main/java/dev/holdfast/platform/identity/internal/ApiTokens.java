package dev.holdfast.platform.identity.internal;

import static dev.holdfast.platform.identity.internal.DirectoryTables.*;

import dev.holdfast.platform.identity.UserAccount;
import dev.holdfast.platform.identity.UserAccount.Kind;
import dev.holdfast.platform.identity.UserAccount.UserId;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * API tokens of service accounts: {@code hf_} and 40 random URL-safe characters (240 bits). Only a SHA-256 hash is
 * stored (the token has too much entropy to guess, so a slow hash buys nothing), with the first characters as a
 * visible prefix. A token works while it is neither revoked nor expired and its account is enabled.
 */
@Service
class ApiTokens {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int PREFIX_LENGTH = 10;
    /** last-used times are written at most this often per token, so a busy client does not write on every call */
    private static final Duration LAST_USED_PRECISION = Duration.ofMinutes(1);

    private final DSLContext db;
    private final Clock clock;
    private final JooqUsers users;
    private final AdminAudit audit;

    private final RevokedCredentials revocations;

    ApiTokens(DSLContext db, Clock clock, JooqUsers users, AdminAudit audit, RevokedCredentials revocations) {
        this.revocations = revocations;
        this.db = db;
        this.clock = clock;
        this.users = users;
        this.audit = audit;
    }

    /** A token just issued, with its secret (and, for the HMAC method, its secret key): shown once, never again. */
    record IssuedToken(ApiToken token, String secret, @Nullable String secretKey) {}

    @Transactional
    IssuedToken issue(Actor actor, UserId account, String name, @Nullable Instant expiresAt) {
        return issue(actor, account, name, expiresAt, false);
    }

    /** {@code hmac}: also makes a secret key; the token then works only with EspoCRM's request signature. */
    @Transactional
    IssuedToken issue(Actor actor, UserId account, String name, @Nullable Instant expiresAt, boolean hmac) {
        UserAccount owner = serviceAccount(account);
        if (expiresAt != null && !expiresAt.isAfter(clock.instant())) {
            throw DirectoryException.invalid("The expiry must lie in the future.");
        }
        byte[] random = new byte[30];
        RANDOM.nextBytes(random);
        String secret = "hf_" + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        String secretKey = null;
        if (hmac) {
            byte[] key = new byte[24];
            RANDOM.nextBytes(key);
            secretKey = HexFormat.of().formatHex(key);
        }
        UUID id = UUID.randomUUID();
        db.insertInto(TOKEN).set(TOKEN_HMAC_SECRET, secretKey).set(TOKEN_ID, id.toString()).set(TOKEN_USER, account.toString()).set(TOKEN_NAME, name)
                .set(TOKEN_PREFIX, secret.substring(0, PREFIX_LENGTH)).set(TOKEN_HASH, hash(secret))
                .set(TOKEN_CREATED_AT, clock.millis()).set(TOKEN_EXPIRES_AT, expiresAt == null ? null : expiresAt.toEpochMilli())
                .execute();
        ApiToken token = find(account, id).orElseThrow();
        audit.record(actor, "api_token.created", UserAdministration.target(account), Map.of(), Map.of("service_account",
                owner.username(), "token", name, "prefix", token.prefix(), "expires_at", expiresAt == null ? "never" : expiresAt.toString(),
                "method", hmac ? "hmac" : "api_key"));
        return new IssuedToken(token, secret, secretKey);
    }

    List<ApiToken> list(UserId account) {
        return db.selectFrom(TOKEN).where(TOKEN_USER.eq(account.toString())).orderBy(TOKEN_CREATED_AT.desc()).fetch(ApiTokens::toToken);
    }

    @Transactional
    void revoke(Actor actor, UserId account, UUID tokenId) {
        UserAccount owner = serviceAccount(account);
        ApiToken token = find(account, tokenId).orElseThrow(() -> DirectoryException.notFound("token"));
        if (token.revokedAt() != null) {
            return;
        }
        db.update(TOKEN).set(TOKEN_REVOKED_AT, clock.millis()).where(TOKEN_ID.eq(tokenId.toString())).execute();
        revocations.changed(); // cached resolutions of it are dropped after commit, on every node
        audit.record(actor, "api_token.revoked", UserAdministration.target(account),
                Map.of("service_account", owner.username(), "token", token.name(), "prefix", token.prefix(), "revoked", "false"),
                Map.of("service_account", owner.username(), "token", token.name(), "prefix", token.prefix(), "revoked", "true"));
    }

    /** A stored token as a presented one is checked against: its owner, expiry, revocation and HMAC secret key. */
    record StoredToken(UUID id, UserId owner, @Nullable Long expiresAt, boolean revoked, @Nullable String secretKey,
            @Nullable Long lastUsedAt) {

        /** Neither revoked nor expired at {@code nowMillis}. */
        boolean active(long nowMillis) {
            return !revoked && (expiresAt == null || expiresAt > nowMillis);
        }
    }

    /** The token with this SHA-256 ({@link #hash}); one indexed read. */
    Optional<StoredToken> findByHash(String hash) {
        return db.selectFrom(TOKEN).where(TOKEN_HASH.eq(hash)).fetchOptional(row -> new StoredToken(
                UUID.fromString(row.get(TOKEN_ID)), new UserId(UUID.fromString(row.get(TOKEN_USER))), row.get(TOKEN_EXPIRES_AT),
                row.get(TOKEN_REVOKED_AT) != null, row.get(TOKEN_HMAC_SECRET), row.get(TOKEN_LAST_USED_AT)));
    }

    /**
     * Notes that the token was used now. Not a transaction: one single-row update that needs no other statement
     * with it (as a transaction every API request took SQLite's write lock); callers write at most once a minute
     * per token ({@link #LAST_USED_PRECISION}).
     */
    void noteUse(UUID tokenId) {
        db.update(TOKEN).set(TOKEN_LAST_USED_AT, clock.millis()).where(TOKEN_ID.eq(tokenId.toString())).execute();
    }

    /** Whether a token last noted at {@code lastUsedAt} should be noted again now. */
    boolean noteDue(@Nullable Long lastUsedAt) {
        return lastUsedAt == null || clock.millis() - lastUsedAt >= LAST_USED_PRECISION.toMillis();
    }

    private Optional<ApiToken> find(UserId account, UUID id) {
        return db.selectFrom(TOKEN).where(TOKEN_ID.eq(id.toString()), TOKEN_USER.eq(account.toString())).fetchOptional(ApiTokens::toToken);
    }

    private UserAccount serviceAccount(UserId id) {
        return users.findById(id).filter(account -> account.kind() == Kind.SERVICE)
                .orElseThrow(() -> DirectoryException.notFound("service account"));
    }

    private static ApiToken toToken(Record row) {
        return new ApiToken(UUID.fromString(row.get(TOKEN_ID)), row.get(TOKEN_NAME), row.get(TOKEN_PREFIX),
                Instant.ofEpochMilli(row.get(TOKEN_CREATED_AT)), instant(row.get(TOKEN_EXPIRES_AT)),
                instant(row.get(TOKEN_LAST_USED_AT)), instant(row.get(TOKEN_REVOKED_AT)), row.get(TOKEN_HMAC_SECRET) != null);
    }

    private static @Nullable Instant instant(@Nullable Long millis) {
        return millis == null ? null : Instant.ofEpochMilli(millis);
    }

    static String hash(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
