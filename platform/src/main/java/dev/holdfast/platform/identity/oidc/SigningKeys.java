package dev.holdfast.platform.identity.oidc;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.KeyType;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
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
 * The provider's signing keys, rotated: an RSA key (RS256, which every OpenID Connect client must accept: ID tokens
 * and logout tokens) and a P-256 elliptic-curve key (ES256: access tokens, by default; an ES256 signature costs a
 * fraction of an RS256 one). Each kind rotates on its own: a new key is published in the JWK Set
 * {@code publishLead} before it starts signing, so relying parties that cache the set already know it; a key that
 * stopped signing stays published until every token it signed has expired ({@code maxTokenLifetime}), then it is
 * removed. An installation that had only an RSA key gets its first EC key published ahead of time in the same way
 * (until then access tokens are signed with RS256). Keys live in the database so that every node signs with the
 * same key. (Private keys are stored as JWK JSON; protect database backups accordingly.)
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
    /** The kinds of key, each rotated on its own; RSA first (the one that must always sign). */
    static final List<KeyType> TYPES = List.of(KeyType.RSA, KeyType.EC);

    private final DSLContext db;
    private final Clock clock;
    private final Duration rotation;
    private final Duration publishLead;
    private final Duration maxTokenLifetime;
    private volatile @Nullable Loaded loaded;

    /** The keys as read, and when. */
    private record Loaded(List<StoredKey> keys, long at) {}

    record StoredKey(JWK jwk, long signsFrom, @Nullable Long retireAt) {

        KeyType type() {
            return jwk.getKeyType();
        }
    }

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
                keys().stream().filter(k -> k.retireAt() == null || k.retireAt() > clock.millis()).map(StoredKey::jwk).toList()));
    }

    /** The keys that sign now: of each kind the newest whose time has come (an RSA key always). */
    JWKSource<SecurityContext> signing() {
        return (JWKSelector selector, SecurityContext context) -> {
            List<JWK> signers = new java.util.ArrayList<>(2);
            for (KeyType type : TYPES) {
                StoredKey current = current(type);
                if (current == null && type == KeyType.RSA) {
                    current = ensureSigningKey();
                }
                if (current != null) {
                    signers.add(current.jwk());
                }
            }
            return selector.select(new com.nimbusds.jose.jwk.JWKSet(signers));
        };
    }

    /** Whether an EC (P-256) key signs now, so that ES256 can be asked for. */
    boolean signsWith(KeyType type) {
        return current(type) != null;
    }

    private @Nullable StoredKey current(KeyType type) {
        long now = clock.millis();
        StoredKey current = null;
        for (StoredKey key : keys()) { // ordered by signs_from
            if (key.signsFrom() <= now && key.type().equals(type)) {
                current = key;
            }
        }
        return current;
    }

    List<StoredKey> keys() {
        Loaded cached = loaded;
        if (cached == null || clock.millis() - cached.at() > RELOAD_MILLIS) {
            cached = new Loaded(db.selectFrom(KEY).orderBy(SIGNS_FROM).fetch(SigningKeys::toKey), clock.millis());
            loaded = cached;
        }
        return cached.keys();
    }

    /** Signing keys are there (and published) as soon as the database is: first start creates them. */
    @org.springframework.context.event.EventListener
    void on(dev.holdfast.platform.shared.database.DatabaseReady ready) {
        ensureSigningKey();
    }

    /**
     * First start (or all keys gone): an RSA and an EC key that sign at once. An installation with an RSA key but
     * no EC key yet gets one that is published first and signs {@code publishLead} later. Returns the RSA key that
     * signs now.
     */
    @Transactional
    StoredKey ensureSigningKey() {
        long now = clock.millis();
        List<StoredKey> all = db.selectFrom(KEY).orderBy(SIGNS_FROM).fetch(SigningKeys::toKey);
        StoredKey rsa = null;
        for (StoredKey key : all) {
            if (key.signsFrom() <= now && key.type().equals(KeyType.RSA)) {
                rsa = key;
            }
        }
        boolean fresh = all.isEmpty();
        if (rsa == null) {
            rsa = insert(KeyType.RSA, now);
            log.info("Created the OpenID Connect RSA signing key {}", rsa.jwk().getKeyID());
        }
        if (all.stream().noneMatch(k -> k.type().equals(KeyType.EC))) {
            StoredKey ec = insert(KeyType.EC, fresh ? now : now + publishLead.toMillis());
            log.info("Created the OpenID Connect EC (P-256) signing key {}; it signs from {}", ec.jwk().getKeyID(),
                    java.time.Instant.ofEpochMilli(ec.signsFrom()));
        }
        loaded = null;
        return rsa;
    }

    /**
     * The rotation job, for each kind of key: adds the next key {@code publishLead} ahead of time when the newest
     * key is older than the rotation period, marks superseded keys for retirement, and deletes retired ones.
     */
    @Transactional
    void rotate() {
        long now = clock.millis();
        ensureSigningKey();
        for (KeyType type : TYPES) {
            List<StoredKey> all = ofType(type);
            StoredKey newest = all.getLast();
            if (newest.signsFrom() <= now && now - newest.signsFrom() >= rotation.minus(publishLead).toMillis()) {
                StoredKey next = insert(type, now + publishLead.toMillis());
                log.info("Published the next OpenID Connect {} signing key {}; it signs from {}", type, next.jwk().getKeyID(),
                        java.time.Instant.ofEpochMilli(next.signsFrom()));
                all = ofType(type);
            }
            // A key is superseded once a later key of its kind signs; it retires when its last token has expired.
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
        }
        int removed = db.deleteFrom(KEY).where(RETIRE_AT.lt(now)).execute();
        if (removed > 0) {
            log.info("Removed {} retired OpenID Connect signing key(s)", removed);
        }
        loaded = null;
    }

    private List<StoredKey> ofType(KeyType type) {
        return db.selectFrom(KEY).orderBy(SIGNS_FROM).fetch(SigningKeys::toKey).stream().filter(k -> k.type().equals(type)).toList();
    }

    private StoredKey insert(KeyType type, long signsFrom) {
        try {
            String kid = UUID.randomUUID().toString();
            JWK key = type.equals(KeyType.EC)
                    ? new ECKeyGenerator(Curve.P_256).keyID(kid).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.ES256).generate()
                    : new RSAKeyGenerator(2048).keyID(kid).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256).generate();
            db.insertInto(KEY).set(KID, key.getKeyID()).set(JWK_JSON, key.toJSONString()).set(CREATED_AT, clock.millis())
                    .set(SIGNS_FROM, signsFrom).execute();
            return new StoredKey(key, signsFrom, null);
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate a " + type + " key", e);
        }
    }

    private static StoredKey toKey(Record row) {
        try {
            return new StoredKey(JWK.parse(row.get(JWK_JSON)), row.get(SIGNS_FROM), row.get(RETIRE_AT));
        } catch (ParseException e) {
            throw new IllegalStateException("signing key " + row.get(KID) + " is not a valid JWK", e);
        }
    }
}
