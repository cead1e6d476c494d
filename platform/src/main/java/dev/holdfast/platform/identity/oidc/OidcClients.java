package dev.holdfast.platform.identity.oidc;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jspecify.annotations.Nullable;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.transaction.annotation.Transactional;

/**
 * The registered client applications, in the database, cached in memory: each node serves token requests from its
 * cache, drops it on every change it makes, and re-reads entries older than 30 seconds (changes made on another node).
 */
public class OidcClients implements RegisteredClientRepository {

    static final Table<Record> CLIENT = table(name("identity_oidc_client"));
    static final Field<String> ID = field(name("id"), String.class);
    static final Field<String> CLIENT_ID = field(name("client_id"), String.class);
    static final Field<String> NAME = field(name("name"), String.class);
    static final Field<String> SECRET_HASH = field(name("secret_hash"), String.class);
    static final Field<Boolean> CONFIDENTIAL = field(name("confidential"), Boolean.class);
    static final Field<String> REDIRECT_URIS = field(name("redirect_uris"), String.class);
    static final Field<String> POST_LOGOUT_URIS = field(name("post_logout_redirect_uris"), String.class);
    static final Field<String> SCOPES = field(name("scopes"), String.class);
    static final Field<String> GRANT_TYPES = field(name("grant_types"), String.class);
    static final Field<Boolean> REQUIRE_CONSENT = field(name("require_consent"), Boolean.class);
    static final Field<Boolean> REQUIRE_SECOND_FACTOR = field(name("require_second_factor"), Boolean.class);
    static final Field<Long> ACCESS_TTL = field(name("access_token_ttl_seconds"), Long.class);
    static final Field<Long> REFRESH_TTL = field(name("refresh_token_ttl_seconds"), Long.class);
    static final Field<String> ALLOWED_GROUPS = field(name("allowed_groups"), String.class);
    static final Field<String> BACKCHANNEL_URI = field(name("backchannel_logout_uri"), String.class);
    static final Field<String> HOME_URI = field(name("home_uri"), String.class);
    static final Field<String> ID_TOKEN_ALGORITHM = field(name("id_token_signed_response_alg"), String.class);
    static final Field<Long> CREATED_AT = field(name("created_at"), Long.class);
    static final Field<Long> UPDATED_AT = field(name("updated_at"), Long.class);

    /** The ID token algorithms an application may register: RS256 (the default) and ES256. */
    static final List<String> ID_TOKEN_ALGORITHMS = List.of("RS256", "ES256");
    static final String DEFAULT_ID_TOKEN_ALGORITHM = "RS256";

    static final Set<String> GRANT_TYPE_NAMES = Set.of("authorization_code", "refresh_token", "client_credentials",
            AuthorizationGrantType.DEVICE_CODE.getValue());
    private static final long CACHE_MILLIS = 30_000;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final DSLContext db;
    private final Clock clock;
    private final Map<String, Cached> byId = new ConcurrentHashMap<>();
    private final Map<String, Cached> byClientId = new ConcurrentHashMap<>();

    /**
     * A row as read, with the authorization server's view of it, built on its first use and then kept until the row is
     * read again (the server reads it twice per grant). Lazily, because an application only for forward-auth has no
     * grant types, and Spring's {@link RegisteredClient} cannot be built without one.
     */
    private static final class Cached {
        private final @Nullable OidcClient client;
        private final @Nullable String secretHash;
        private final long loadedAt;
        private final Duration codeTtl;
        private volatile @Nullable RegisteredClient registered;

        Cached(@Nullable OidcClient client, @Nullable String secretHash, long loadedAt, Duration codeTtl) {
            this.client = client;
            this.secretHash = secretHash;
            this.loadedAt = loadedAt;
            this.codeTtl = codeTtl;
        }

        @Nullable OidcClient client() {
            return client;
        }

        @Nullable String secretHash() {
            return secretHash;
        }

        long loadedAt() {
            return loadedAt;
        }

        @Nullable RegisteredClient registered() {
            RegisteredClient built = registered;
            if (built == null && client != null) {
                built = toRegisteredClient(client, secretHash, codeTtl);
                registered = built;
            }
            return built;
        }
    }

    private final Duration codeTtl;

    OidcClients(DSLContext db, Clock clock, Duration codeTtl) {
        this.db = db;
        this.clock = clock;
        this.codeTtl = codeTtl;
    }

    /** What an administrator fills in to register or change an application. */
    public record Registration(String clientId, String name, boolean confidential, List<URI> redirectUris,
            List<URI> postLogoutRedirectUris, Set<String> scopes, Set<String> grantTypes, boolean requireConsent,
            Duration accessTokenTtl, Duration refreshTokenTtl, Set<String> allowedGroups,
            @Nullable URI backchannelLogoutUri, @Nullable URI homeUri, boolean requireSecondFactor,
            String idTokenSigningAlgorithm) {

        /** A registration with RS256 ID tokens, the default. */
        public Registration(String clientId, String name, boolean confidential, List<URI> redirectUris,
                List<URI> postLogoutRedirectUris, Set<String> scopes, Set<String> grantTypes, boolean requireConsent,
                Duration accessTokenTtl, Duration refreshTokenTtl, Set<String> allowedGroups,
                @Nullable URI backchannelLogoutUri, @Nullable URI homeUri, boolean requireSecondFactor) {
            this(clientId, name, confidential, redirectUris, postLogoutRedirectUris, scopes, grantTypes, requireConsent,
                    accessTokenTtl, refreshTokenTtl, allowedGroups, backchannelLogoutUri, homeUri, requireSecondFactor,
                    DEFAULT_ID_TOKEN_ALGORITHM);
        }

        /** A registration that demands no second factor beyond what the user's own policies do. */
        public Registration(String clientId, String name, boolean confidential, List<URI> redirectUris,
                List<URI> postLogoutRedirectUris, Set<String> scopes, Set<String> grantTypes, boolean requireConsent,
                Duration accessTokenTtl, Duration refreshTokenTtl, Set<String> allowedGroups,
                @Nullable URI backchannelLogoutUri, @Nullable URI homeUri) {
            this(clientId, name, confidential, redirectUris, postLogoutRedirectUris, scopes, grantTypes, requireConsent,
                    accessTokenTtl, refreshTokenTtl, allowedGroups, backchannelLogoutUri, homeUri, false);
        }

        public Registration {
            if (!clientId.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,99}")) {
                throw new IllegalArgumentException("client id: 1 to 100 letters, digits, dots, dashes or underscores");
            }
            if (name.isBlank() || name.length() > 200) {
                throw new IllegalArgumentException("name: 1 to 200 characters");
            }
            for (URI uri : redirectUris) {
                requireExactUri(uri, "redirect URI");
            }
            for (URI uri : postLogoutRedirectUris) {
                requireExactUri(uri, "post-logout redirect URI");
            }
            for (String grant : grantTypes) {
                if (!GRANT_TYPE_NAMES.contains(grant)) {
                    throw new IllegalArgumentException("unknown grant type: " + grant);
                }
            }
            if (grantTypes.contains("client_credentials") && !confidential) {
                throw new IllegalArgumentException("client_credentials needs a confidential client");
            }
            if (grantTypes.contains("authorization_code") && redirectUris.isEmpty()) {
                throw new IllegalArgumentException("authorization_code needs at least one redirect URI");
            }
            if (accessTokenTtl.compareTo(Duration.ofMinutes(1)) < 0 || accessTokenTtl.compareTo(Duration.ofDays(1)) > 0) {
                throw new IllegalArgumentException("access token lifetime: between 1 minute and 1 day");
            }
            if (refreshTokenTtl.compareTo(Duration.ofMinutes(5)) < 0 || refreshTokenTtl.compareTo(Duration.ofDays(365)) > 0) {
                throw new IllegalArgumentException("refresh token lifetime: between 5 minutes and 365 days");
            }
            if (backchannelLogoutUri != null) {
                requireExactUri(backchannelLogoutUri, "back-channel logout URI");
            }
            if (!ID_TOKEN_ALGORITHMS.contains(idTokenSigningAlgorithm)) {
                throw new IllegalArgumentException("ID token signing algorithm: one of " + String.join(", ", ID_TOKEN_ALGORITHMS));
            }
            scopes = Set.copyOf(scopes);
            grantTypes = Set.copyOf(grantTypes);
            allowedGroups = Set.copyOf(allowedGroups);
            redirectUris = List.copyOf(redirectUris);
            postLogoutRedirectUris = List.copyOf(postLogoutRedirectUris);
        }

        /** What is registered for this application now. */
        public static Registration of(OidcClient client) {
            return new Registration(client.clientId(), client.name(), client.confidential(), client.redirectUris(),
                    client.postLogoutRedirectUris(), client.scopes(), client.grantTypes(), client.requireConsent(),
                    client.accessTokenTtl(), client.refreshTokenTtl(), client.allowedGroups(), client.backchannelLogoutUri(),
                    client.homeUri(), client.requireSecondFactor(), client.idTokenSigningAlgorithm());
        }

        private static void requireExactUri(URI uri, String what) {
            if (!uri.isAbsolute() || uri.getFragment() != null || uri.getHost() == null
                    || !(uri.getScheme().equals("https") || uri.getScheme().equals("http"))) {
                throw new IllegalArgumentException(what + " must be an absolute http(s) URI without a fragment: " + uri);
            }
        }
    }

    /** A registered application and, for a confidential one, its secret, shown this once. */
    public record Registered(OidcClient client, @Nullable String secret) {}

    @Transactional
    public Registered register(Registration registration) {
        if (findByClientId(registration.clientId()) != null) {
            throw new DuplicateClientIdException(registration.clientId());
        }
        String secret = registration.confidential() ? newSecret() : null;
        String id = UUID.randomUUID().toString();
        long now = clock.millis();
        db.insertInto(CLIENT).set(ID, id).set(CLIENT_ID, registration.clientId()).set(CREATED_AT, now)
                .set(SECRET_HASH, secret == null ? null : TokenHash.of(secret))
                .set(fields(registration, now)).execute();
        forgetCache();
        return new Registered(find(id).orElseThrow(), secret);
    }

    @Transactional
    public OidcClient update(String id, Registration registration) {
        Map<Field<?>, Object> values = fields(registration, clock.millis());
        values.put(CLIENT_ID, registration.clientId());
        if (db.update(CLIENT).set(values).where(ID.eq(id)).execute() == 0) {
            throw new IllegalArgumentException("no such application: " + id);
        }
        forgetCache();
        return find(id).orElseThrow();
    }

    /** A new secret for a confidential client; the old one stops working at once. */
    @Transactional
    public String rotateSecret(String id) {
        String secret = newSecret();
        db.update(CLIENT).set(SECRET_HASH, TokenHash.of(secret)).set(UPDATED_AT, clock.millis())
                .where(ID.eq(id).and(CONFIDENTIAL.isTrue())).execute();
        forgetCache();
        return secret;
    }

    @Transactional
    public boolean delete(String id) {
        boolean deleted = db.deleteFrom(CLIENT).where(ID.eq(id)).execute() > 0;
        db.deleteFrom(HashedAuthorizations.AUTHORIZATION).where(HashedAuthorizations.CLIENT_ID.eq(id)).execute();
        forgetCache();
        return deleted;
    }

    public List<OidcClient> list() {
        return db.selectFrom(CLIENT).orderBy(NAME).fetch(OidcClients::toClient);
    }

    /**
     * The application whose home URI has this host, for forward-auth, which asks on every proxied request: served
     * from the same per-node cache as the token endpoints (dropped on change, re-read after 30 seconds).
     */
    public Optional<OidcClient> findByHomeHost(String host) {
        long now = clock.millis();
        HomeHosts cached = homeHosts;
        if (cached == null || now - cached.loadedAt() >= CACHE_MILLIS) {
            Map<String, OidcClient> byHost = new java.util.HashMap<>();
            for (OidcClient client : list()) {
                if (client.homeUri() != null && client.homeUri().getHost() != null) {
                    byHost.putIfAbsent(client.homeUri().getHost().toLowerCase(java.util.Locale.ROOT), client);
                }
            }
            cached = new HomeHosts(Map.copyOf(byHost), now);
            homeHosts = cached;
        }
        return Optional.ofNullable(cached.byHost().get(host.toLowerCase(java.util.Locale.ROOT)));
    }

    private record HomeHosts(Map<String, OidcClient> byHost, long loadedAt) {}

    private volatile @Nullable HomeHosts homeHosts;

    public Optional<OidcClient> find(String id) {
        return Optional.ofNullable(cached(byId, id, ID).client());
    }

    public Optional<OidcClient> findByClient(String clientId) {
        return Optional.ofNullable(cached(byClientId, clientId, CLIENT_ID).client());
    }

    @Override
    public void save(RegisteredClient registeredClient) {
        throw new UnsupportedOperationException("register applications through OidcClients.register");
    }

    @Override
    public @Nullable RegisteredClient findById(String id) {
        return cached(byId, id, ID).registered();
    }

    @Override
    public @Nullable RegisteredClient findByClientId(String clientId) {
        return cached(byClientId, clientId, CLIENT_ID).registered();
    }

    private Cached cached(Map<String, Cached> cache, String key, Field<String> column) {
        long now = clock.millis();
        Cached hit = cache.get(key);
        if (hit != null && now - hit.loadedAt() < CACHE_MILLIS) {
            return hit;
        }
        Record row = db.selectFrom(CLIENT).where(column.eq(key)).fetchOne();
        Cached loaded;
        if (row == null) {
            loaded = new Cached(null, null, now, codeTtl);
        } else {
            OidcClient client = toClient(row);
            loaded = new Cached(client, row.get(SECRET_HASH), now, codeTtl);
        }
        if (cache.size() > 10_000) {
            cache.clear();
        }
        cache.put(key, loaded);
        return loaded;
    }

    private void forgetCache() {
        byId.clear();
        byClientId.clear();
        homeHosts = null;
    }

    private static Map<Field<?>, Object> fields(Registration r, long now) {
        Map<Field<?>, Object> values = new java.util.HashMap<>();
        values.put(NAME, r.name());
        values.put(CONFIDENTIAL, r.confidential());
        values.put(REDIRECT_URIS, join(r.redirectUris().stream().map(URI::toString).toList()));
        values.put(POST_LOGOUT_URIS, join(r.postLogoutRedirectUris().stream().map(URI::toString).toList()));
        values.put(SCOPES, join(r.scopes().stream().sorted().toList()));
        values.put(GRANT_TYPES, join(r.grantTypes().stream().sorted().toList()));
        values.put(REQUIRE_CONSENT, r.requireConsent());
        values.put(REQUIRE_SECOND_FACTOR, r.requireSecondFactor());
        values.put(ACCESS_TTL, r.accessTokenTtl().toSeconds());
        values.put(REFRESH_TTL, r.refreshTokenTtl().toSeconds());
        values.put(ALLOWED_GROUPS, join(r.allowedGroups().stream().sorted().toList()));
        values.put(BACKCHANNEL_URI, r.backchannelLogoutUri() == null ? null : r.backchannelLogoutUri().toString());
        values.put(HOME_URI, r.homeUri() == null ? null : r.homeUri().toString());
        values.put(ID_TOKEN_ALGORITHM, r.idTokenSigningAlgorithm());
        values.put(UPDATED_AT, now);
        return values;
    }

    private static String join(List<String> values) {
        return String.join("\n", values);
    }

    private static List<String> split(@Nullable String value) {
        return value == null || value.isEmpty() ? List.of() : List.of(value.split("\n"));
    }

    private static OidcClient toClient(Record row) {
        return new OidcClient(row.get(ID), row.get(CLIENT_ID), row.get(NAME), row.get(CONFIDENTIAL),
                split(row.get(REDIRECT_URIS)).stream().map(URI::create).toList(),
                split(row.get(POST_LOGOUT_URIS)).stream().map(URI::create).toList(),
                new LinkedHashSet<>(split(row.get(SCOPES))), new LinkedHashSet<>(split(row.get(GRANT_TYPES))),
                row.get(REQUIRE_CONSENT), Duration.ofSeconds(row.get(ACCESS_TTL)), Duration.ofSeconds(row.get(REFRESH_TTL)),
                new LinkedHashSet<>(split(row.get(ALLOWED_GROUPS))),
                row.get(BACKCHANNEL_URI) == null ? null : URI.create(row.get(BACKCHANNEL_URI)),
                row.get(HOME_URI) == null ? null : URI.create(row.get(HOME_URI)), row.get(REQUIRE_SECOND_FACTOR),
                row.get(ID_TOKEN_ALGORITHM), Instant.ofEpochMilli(row.get(CREATED_AT)), Instant.ofEpochMilli(row.get(UPDATED_AT)));
    }

    static RegisteredClient toRegisteredClient(OidcClient client, @Nullable String secretHash, Duration codeTtl) {
        RegisteredClient.Builder builder = RegisteredClient.withId(client.id())
                .clientId(client.clientId())
                .clientName(client.name())
                .clientIdIssuedAt(client.createdAt());
        if (client.confidential()) {
            builder.clientSecret(secretHash)
                    .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                    .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST);
        } else {
            builder.clientAuthenticationMethod(ClientAuthenticationMethod.NONE);
        }
        client.grantTypes().forEach(grant -> builder.authorizationGrantType(new AuthorizationGrantType(grant)));
        client.redirectUris().forEach(uri -> builder.redirectUri(uri.toString()));
        client.postLogoutRedirectUris().forEach(uri -> builder.postLogoutRedirectUri(uri.toString()));
        client.scopes().forEach(builder::scope);
        builder.clientSettings(ClientSettings.builder()
                .requireProofKey(!client.confidential())
                .requireAuthorizationConsent(client.requireConsent())
                .build());
        builder.tokenSettings(TokenSettings.builder()
                .accessTokenTimeToLive(client.accessTokenTtl())
                .refreshTokenTimeToLive(client.refreshTokenTtl())
                .reuseRefreshTokens(false)
                .idTokenSignatureAlgorithm(SignatureAlgorithm.from(client.idTokenSigningAlgorithm()))
                .authorizationCodeTimeToLive(codeTtl)
                .deviceCodeTimeToLive(Duration.ofMinutes(10))
                .build());
        return builder.build();
    }

    private static String newSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
