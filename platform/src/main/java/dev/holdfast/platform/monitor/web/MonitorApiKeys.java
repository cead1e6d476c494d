package dev.holdfast.platform.monitor.web;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import dev.holdfast.platform.identity.AuditEvent;
import dev.holdfast.platform.identity.AuditLog;
import dev.holdfast.platform.monitor.InvalidMonitorException;
import dev.holdfast.platform.monitor.check.FieldErrors;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Scoped API keys of the monitoring API (V51__monitor_api_keys.sql): {@code hfm_} and 32 random bytes, shown once,
 * stored as their SHA-256. Creating and revoking are audited ({@code monitor.api_key.created}, {@code .revoked}).
 */
@Service
class MonitorApiKeys {

    static final String PREFIX = "hfm_";
    /** Last-used times are written at most this often per key, so a busy client does not write on every call. */
    private static final long TOUCH_EVERY_MS = 60_000;

    private static final Table<Record> KEY = table(name("monitor_api_key"));
    private static final Field<String> K_ID = field(name("monitor_api_key", "id"), String.class);
    private static final Field<String> K_NAME = field(name("monitor_api_key", "name"), String.class);
    private static final Field<String> K_PREFIX = field(name("monitor_api_key", "prefix"), String.class);
    private static final Field<String> K_HASH = field(name("monitor_api_key", "key_hash"), String.class);
    private static final Field<String> K_SCOPES = field(name("monitor_api_key", "scopes"), String.class);
    private static final Field<String> K_CREATED_BY = field(name("monitor_api_key", "created_by"), String.class);
    private static final Field<Long> K_CREATED_AT = field(name("monitor_api_key", "created_at"), Long.class);
    private static final Field<Long> K_LAST_USED = field(name("monitor_api_key", "last_used_at"), Long.class);
    private static final Field<Long> K_REVOKED = field(name("monitor_api_key", "revoked_at"), Long.class);

    private static final SecureRandom RANDOM = new SecureRandom();

    private final DSLContext db;
    private final Clock clock;
    private final AuditLog audit;

    MonitorApiKeys(DSLContext db, Clock clock, AuditLog audit) {
        this.db = db;
        this.clock = clock;
        this.audit = audit;
    }

    /** A key as listed: never the key itself, only its first characters. */
    record ApiKey(String id, String name, String prefix, Set<ApiScope> scopes, @Nullable String createdBy, Instant createdAt,
            @Nullable Instant lastUsedAt, @Nullable Instant revokedAt) {

        List<String> scopeNames() {
            return scopes.stream().map(ApiScope::value).toList();
        }
    }

    /** A new key with its secret, which exists only in this answer. */
    record CreatedKey(ApiKey key, String secret) {}

    @Transactional
    CreatedKey create(@Nullable String name, List<String> scopes, @Nullable String actor, @Nullable String clientIp) {
        FieldErrors errors = new FieldErrors();
        String clean = name == null ? "" : name.strip();
        if (clean.isEmpty() || clean.length() > 100) {
            errors.add("name", "a name of 1 to 100 characters is required");
        }
        Set<ApiScope> granted = EnumSet.noneOf(ApiScope.class);
        for (String scope : scopes) {
            ApiScope.of(scope == null ? "" : scope.strip()).ifPresentOrElse(granted::add, () -> errors.add("scopes",
                    "each one of " + Arrays.stream(ApiScope.values()).map(ApiScope::value).collect(Collectors.joining(", "))));
        }
        if (granted.isEmpty()) {
            errors.add("scopes", "at least one of " + Arrays.stream(ApiScope.values()).map(ApiScope::value).collect(Collectors.joining(", ")));
        }
        if (!errors.isEmpty()) {
            throw new InvalidMonitorException(errors.ordered());
        }
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        String id = UUID.randomUUID().toString();
        long now = clock.millis();
        String scopeText = granted.stream().map(ApiScope::value).collect(Collectors.joining(" "));
        db.insertInto(KEY).set(K_ID, id).set(K_NAME, clean).set(K_PREFIX, secret.substring(0, 12)).set(K_HASH, hash(secret))
                .set(K_SCOPES, scopeText).set(K_CREATED_BY, actor).set(K_CREATED_AT, now).execute();
        audit.record(AuditEvent.of(actor, clientIp, "monitor.api_key.created", "monitor-api-key:" + id, AuditEvent.Outcome.SUCCESS,
                Map.of("name", clean, "scopes", scopeText)));
        return new CreatedKey(get(id).orElseThrow(), secret);
    }

    List<ApiKey> list() {
        return db.selectFrom(KEY).orderBy(K_CREATED_AT.desc(), K_ID).fetch(MonitorApiKeys::toKey);
    }

    Optional<ApiKey> get(String id) {
        return db.selectFrom(KEY).where(K_ID.eq(id)).fetchOptional(MonitorApiKeys::toKey);
    }

    /** Revokes a key at once; false when there is no such key (revoking twice is fine). */
    @Transactional
    boolean revoke(String id, @Nullable String actor, @Nullable String clientIp) {
        Optional<ApiKey> key = get(id);
        if (key.isEmpty()) {
            return false;
        }
        if (key.get().revokedAt() == null) {
            db.update(KEY).set(K_REVOKED, clock.millis()).where(K_ID.eq(id)).execute();
            audit.record(AuditEvent.of(actor, clientIp, "monitor.api_key.revoked", "monitor-api-key:" + id, AuditEvent.Outcome.SUCCESS,
                    Map.of("name", key.get().name())));
        }
        return true;
    }

    /** The working (not revoked) key with this secret, its last use noted; empty otherwise. */
    Optional<ApiKey> authenticate(String secret) {
        if (!secret.startsWith(PREFIX) || secret.length() > 100) {
            return Optional.empty();
        }
        Optional<ApiKey> key = db.selectFrom(KEY).where(K_HASH.eq(hash(secret))).and(K_REVOKED.isNull()).fetchOptional(MonitorApiKeys::toKey);
        key.ifPresent(k -> {
            long now = clock.millis();
            if (k.lastUsedAt() == null || now - k.lastUsedAt().toEpochMilli() >= TOUCH_EVERY_MS) {
                db.update(KEY).set(K_LAST_USED, now).where(K_ID.eq(k.id())).execute();
            }
        });
        return key;
    }

    private static ApiKey toKey(Record row) {
        Set<ApiScope> scopes = EnumSet.noneOf(ApiScope.class);
        for (String scope : row.get(K_SCOPES).split(" ")) {
            ApiScope.of(scope).ifPresent(scopes::add);
        }
        return new ApiKey(row.get(K_ID), row.get(K_NAME), row.get(K_PREFIX), scopes, row.get(K_CREATED_BY),
                Instant.ofEpochMilli(row.get(K_CREATED_AT)), instant(row.get(K_LAST_USED)), instant(row.get(K_REVOKED)));
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
