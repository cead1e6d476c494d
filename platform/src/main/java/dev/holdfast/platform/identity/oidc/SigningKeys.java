package dev.holdfast.platform.identity.oidc;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.annotation.Transactional;

/**
 * The provider's RSA signing keys, rotated. A new key is published in the JWK Set {@code publishLead} before it
 * starts signing, so relying parties that cache the set already know it; a key that stopped signing stays
 * published until every token it signed has expired ({@code maxTokenLifetime}), then it is removed.
 * Keys live in the database so that every node signs with the same key. (Private keys are stored as JWK JSON;
 * protect database backups accordingly.)
 */
class SigningKeys {

    private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);
    static final Table<Record> KEY = table(name("identity_oidc_key"));
    static final Field<String> KID = field(name("kid"), String.class);
    static final Field<String> JWK_JSON = field(name("jwk"), String.class);
    static final Field<Long> CREATED_AT = field(name("created_at"), Long.class);
    static final Field<Long> SIGNS_FROM = field(name("signs_from"), Long.class);
    static final Field<Long> RETIRE_AT = field(name("retire_at"), Long.class);
    private static final long RELOAD_MILLIS = 60_000;

    private final DSLContext db;
    private final Clock clock;
    private final Duration rotation;
    private final Duration publishLead;
    private final Duration maxTokenLifetime;
    private volatile @Nullable Loaded loaded;

    private record Loaded(List<StoredKey> keys, long at) {}

    record StoredKey(RSAKey jwk, long signsFrom, @Nullable Long retireAt) {}

    SigningKeys(DSLContext db, Clock clock, Duration rotation, Duration publishLead, Duration maxTokenLifetime) {
        this.db = db;
        this.clock = clock;
        this.rotation = rotation;
        this.publishLead = publishLead;
        this.maxTokenLifetime = maxTokenLifetime;
    }

    /** Keys to publish: every key not yet retired, including one that will sign soon. */
    JWKSource<SecurityContext> published() {
        return (selector, context) -> selector.select(new com.nimbusds.jose.jwk.JWKSet(
                keys().stream().filter(k -> k.retireAt() == null || k.retireAt() > clock.millis()).map(k -> (JWK) k.jwk()).toList()));
    }

    /** The one key that signs now: the newest whose time has come. */
    JWKSource<SecurityContext> signing() {
        return (JWKSelector selector, SecurityContext context) -> {
            long now = clock.millis();
            StoredKey current = keys().stream().filter(k -> k.signsFrom() <= now)
                    .max(java.util.Comparator.comparingLong(StoredKey::signsFrom)).orElse(null);
            if (current == null) {
                current = ensureSigningKey();
            }
            return selector.select(new com.nimbusds.jose.jwk.JWKSet(current.jwk()));
        };
    }

    List<StoredKey> keys() {
        Loaded cached = loaded;
        if (cached == null || clock.millis() - cached.at() > RELOAD_MILLIS) {
            cached = new Loaded(db.selectFrom(KEY).orderBy(SIGNS_FROM).fetch(SigningKeys::toKey), clock.millis());
            loaded = cached;
        }
        return cached.keys();
    }

    /** A signing key is there (and published) as soon as the database is: first start creates one. */
    @org.springframework.context.event.EventListener
    void on(dev.holdfast.platform.shared.database.DatabaseReady ready) {
        ensureSigningKey();
    }

    /** First start (or all keys gone): a key that signs at once. */
    @Transactional
    StoredKey ensureSigningKey() {
        long now = clock.millis();
        List<StoredKey> current = db.selectFrom(KEY).where(SIGNS_FROM.le(now)).fetch(SigningKeys::toKey);
        if (current.isEmpty()) {
            StoredKey key = insert(now);
            log.info("Created the OpenID Connect signing key {}", key.jwk().getKeyID());
            loaded = null;
            return key;
        }
        loaded = null;
        return current.getLast();
    }

    /**
     * The rotation job: adds the next key {@code publishLead} ahead of time when the newest key is older than the
     * rotation period, marks superseded keys for retirement, and deletes retired ones.
     */
    @Transactional
    void rotate() {
        long now = clock.millis();
        ensureSigningKey();
        List<StoredKey> all = db.selectFrom(KEY).orderBy(SIGNS_FROM).fetch(SigningKeys::toKey);
        StoredKey newest = all.getLast();
        if (newest.signsFrom() <= now && now - newest.signsFrom() >= rotation.minus(publishLead).toMillis()) {
            StoredKey next = insert(now + publishLead.toMillis());
            log.info("Published the next OpenID Connect signing key {}; it signs from {}", next.jwk().getKeyID(),
                    java.time.Instant.ofEpochMilli(next.signsFrom()));
            all = db.selectFrom(KEY).orderBy(SIGNS_FROM).fetch(SigningKeys::toKey);
        }
        // A key is superseded once a later key signs; it retires when its last token has expired.
        StoredKey signer = null;
        for (StoredKey key : all) {
            if (key.signsFrom() <= now) {
                signer = key;
            }
        }
        for (StoredKey key : all) {
            if (signer != null && key.signsFrom() < signer.signsFrom() && key.retireAt() == null) {
                db.update(KEY).set(RETIRE_AT, signer.signsFrom() + maxTokenLifetime.toMillis())
                        .where(KID.eq(key.jwk().getKeyID())).execute();
            }
        }
        int removed = db.deleteFrom(KEY).where(RETIRE_AT.lt(now)).execute();
        if (removed > 0) {
            log.info("Removed {} retired OpenID Connect signing key(s)", removed);
        }
        loaded = null;
    }

    private StoredKey insert(long signsFrom) {
        try {
            RSAKey key = new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).keyUse(KeyUse.SIGNATURE)
                    .algorithm(com.nimbusds.jose.JWSAlgorithm.RS256).generate();
            db.insertInto(KEY).set(KID, key.getKeyID()).set(JWK_JSON, key.toJSONString()).set(CREATED_AT, clock.millis())
                    .set(SIGNS_FROM, signsFrom).execute();
            return new StoredKey(key, signsFrom, null);
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate an RSA key", e);
        }
    }

    private static StoredKey toKey(Record row) {
        try {
            return new StoredKey(RSAKey.parse(row.get(JWK_JSON)), row.get(SIGNS_FROM), row.get(RETIRE_AT));
        } catch (ParseException e) {
            throw new IllegalStateException("signing key " + row.get(KID) + " is not a valid JWK", e);
        }
    }
}
