package dev.holdfast.platform.identity.oidc;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.jackson.SecurityJacksonModules;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.core.OAuth2DeviceCode;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.OAuth2Token;
import org.springframework.security.oauth2.core.OAuth2UserCode;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationCode;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import dev.holdfast.platform.identity.internal.RevokedCredentials;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionOperations;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Authorizations (an approved sign-in of a user to a client, with its code, tokens and their metadata) in the
 * database, with every token kept only as its SHA-256 hash in an indexed column. A token is found by hashing what
 * the client presents; the authorization handed back carries that presented value, and the tokens that were not
 * presented carry their hash, which no client can use.
 *
 * <p>Refresh tokens rotate: a refresh token that was already exchanged is remembered, and presenting it again
 * revokes the whole authorization (the token family), as OAuth 2.0 Security BCP §4.14 asks. The database itself
 * remembers each replaced refresh token (a trigger, migration V67), in the statement that replaces it, so a refresh
 * grant is one indexed read and one conditional update, with no transaction of its own. Client-credentials
 * authorizations hold only a self-contained access token and are not written at all.
 */
class HashedAuthorizations implements OAuth2AuthorizationService {

    private static final Logger log = LoggerFactory.getLogger(HashedAuthorizations.class);

    static final Table<Record> AUTHORIZATION = table(name("identity_oidc_authorization"));
    static final Table<Record> SPENT = table(name("identity_oidc_spent_refresh"));
    static final Field<String> ID = field(name("id"), String.class);
    static final Field<String> CLIENT_ID = field(name("client_id"), String.class);
    static final Field<String> PRINCIPAL = field(name("principal_name"), String.class);
    static final Field<String> GRANT_TYPE = field(name("grant_type"), String.class);
    static final Field<String> SCOPES = field(name("scopes"), String.class);
    static final Field<String> ATTRIBUTES = field(name("attributes"), String.class);
    static final Field<String> STATE_HASH = field(name("state_hash"), String.class);
    static final Field<Long> EXPIRES_AT = field(name("expires_at"), Long.class);
    /** The ID token's {@code sid}; empty when it has none, NULL without an ID token or in rows older than the column. */
    static final Field<String> SID = field(name("sid"), String.class);
    static final Field<String> SPENT_HASH = field(name("token_hash"), String.class);
    static final Field<String> SPENT_AUTHORIZATION = field(name("authorization_id"), String.class);

    /** The columns of one kind of token: {@code <prefix>_hash}, {@code _issued_at}, {@code _expires_at}, {@code _metadata}. */
    record Slot(Class<? extends OAuth2Token> type, OAuth2TokenType tokenType, Field<String> hash, Field<Long> issuedAt,
            Field<Long> expiresAt, Field<String> metadata) {

        static Slot of(Class<? extends OAuth2Token> type, String tokenType, String prefix) {
            return new Slot(type, new OAuth2TokenType(tokenType), field(name(prefix + "_hash"), String.class),
                    field(name(prefix + "_issued_at"), Long.class), field(name(prefix + "_expires_at"), Long.class),
                    field(name(prefix + "_metadata"), String.class));
        }
    }

    static final Slot CODE = Slot.of(OAuth2AuthorizationCode.class, OAuth2ParameterNames.CODE, "code");
    static final Slot ACCESS = Slot.of(OAuth2AccessToken.class, OAuth2TokenType.ACCESS_TOKEN.getValue(), "access");
    static final Slot REFRESH = Slot.of(OAuth2RefreshToken.class, OAuth2TokenType.REFRESH_TOKEN.getValue(), "refresh");
    static final Slot ID_TOKEN = Slot.of(OidcIdToken.class, OidcParameterNames.ID_TOKEN, "id_token");
    static final Slot DEVICE_CODE = Slot.of(OAuth2DeviceCode.class, OAuth2ParameterNames.DEVICE_CODE, "device_code");
    static final Slot USER_CODE = Slot.of(OAuth2UserCode.class, OAuth2ParameterNames.USER_CODE, "user_code");
    static final List<Slot> SLOTS = List.of(CODE, ACCESS, REFRESH, ID_TOKEN, DEVICE_CODE, USER_CODE);
    static final Field<String> ACCESS_SCOPES = field(name("access_scopes"), String.class);

    /**
     * Every column, named in each read: with {@code select *} jOOQ asked the driver for each column's type, precision,
     * scale and table (SQLite answers each by a native call) on every read, a tenth of a refresh grant's CPU.
     */
    static final List<Field<?>> COLUMNS = columns();
    private static final Field<?>[] COLUMN_ARRAY = COLUMNS.toArray(Field<?>[]::new);

    private static List<Field<?>> columns() {
        List<Field<?>> columns = new java.util.ArrayList<>(List.of(ID, CLIENT_ID, PRINCIPAL, GRANT_TYPE, SCOPES, ATTRIBUTES,
                STATE_HASH, ACCESS_SCOPES, EXPIRES_AT, SID));
        for (Slot slot : SLOTS) {
            columns.addAll(List.of(slot.hash(), slot.issuedAt(), slot.expiresAt(), slot.metadata()));
        }
        return List.copyOf(columns);
    }

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

    private final DSLContext db;
    private final RegisteredClientRepository clients;
    private final Clock clock;
    private final TransactionOperations transactions;
    private final JsonMapper json;
    private final @Nullable JwtDecoder selfContained;

    /** Claim in client-credentials access tokens: {@code gty=client_credentials} (the grant type, as Auth0 names it). */
    static final String GRANT_TYPE_CLAIM = "gty";

    private final RevokedCredentials revocations;

    HashedAuthorizations(DSLContext db, RegisteredClientRepository clients, Clock clock, TransactionOperations transactions,
            @Nullable JwtDecoder selfContained, RevokedCredentials revocations) {
        this.revocations = revocations;
        this.selfContained = selfContained;
        this.db = db;
        this.clients = clients;
        this.clock = clock;
        this.transactions = transactions;
        this.json = JsonMapper.builder().addModules(SecurityJacksonModules.getModules(getClass().getClassLoader())).build();
    }

    /**
     * Not {@code @Transactional} itself: a client-credentials grant keeps nothing and must not even begin a
     * transaction (on SQLite that is {@code BEGIN IMMEDIATE}, the database's one write lock, per grant).
     */
    @Override
    public void save(OAuth2Authorization authorization) {
        if (AuthorizationGrantType.CLIENT_CREDENTIALS.equals(authorization.getAuthorizationGrantType())) {
            // a self-contained access token and nothing else: nothing to keep, unless it was just revoked
            revokeIfInvalidated(authorization);
            return;
        }
        Map<Field<?>, Object> row = row(authorization);
        if (rotated(authorization.getId(), row)) {
            revokeIfInvalidated(authorization);
            return;
        }
        transactions.executeWithoutResult(status -> {
            revokeIfInvalidated(authorization);
            write(authorization.getId(), row);
        });
    }

    /**
     * A refresh grant's write: the rotation of the refresh token read a moment ago, as one update conditional on it,
     * outside any transaction (one statement is atomic by itself; the database spends the old refresh token in the
     * same statement, by the trigger of migration V67). False when this is no such rotation or the condition failed
     * (another request rotated it meanwhile, or nothing was read here): then the caller writes the row as any other.
     */
    private boolean rotated(String id, Map<Field<?>, Object> row) {
        Record before = readForRefresh.remove(id);
        String read = before == null ? null : before.get(REFRESH.hash());
        return read != null && !read.equals(row.get(REFRESH.hash())) && rotate(id, read, changedSince(before, row)) == 1;
    }

    /**
     * The SQL of the statements every refresh grant runs (a read by one indexed column, the rotation's conditional
     * update of the columns that changed), rendered by jOOQ once per shape and then run as plain JDBC. Rendering a
     * 34-column select and the update afresh, with jOOQ's execution around the driver, took about 15 % of a refresh
     * grant's CPU (JFR, 2026-12-01); the database's own work was 2 %. Keys: the column read by, or the sorted list of
     * updated columns; at most {@value #RENDERED_KEPT}.
     */
    private final Map<Object, String> rendered = new java.util.concurrent.ConcurrentHashMap<>();
    private static final int RENDERED_KEPT = 64;

    private String rendered(Object shape, java.util.function.Supplier<org.jooq.Query> query) {
        String sql = rendered.get(shape);
        if (sql == null) {
            if (rendered.size() >= RENDERED_KEPT) {
                rendered.clear();
            }
            sql = db.render(query.get());
            rendered.put(shape, sql);
        }
        return sql;
    }

    /** The one authorization whose {@code column} holds {@code value}, or null. */
    @SuppressWarnings("unchecked")
    private @Nullable Record selectBy(Field<String> column, String value) {
        String sql = rendered(column, () -> db.select(COLUMNS).from(AUTHORIZATION).where(column.eq(DSL.param("value", String.class))));
        return db.connectionResult(connection -> {
            try (var statement = connection.prepareStatement(sql)) {
                statement.setString(1, value);
                try (var rows = statement.executeQuery()) {
                    if (!rows.next()) {
                        return null;
                    }
                    Record record = db.newRecord(COLUMN_ARRAY);
                    for (int i = 0; i < COLUMNS.size(); i++) {
                        Field<?> field = COLUMNS.get(i);
                        Object read = field.getType() == Long.class ? (Object) rows.getLong(i + 1) : rows.getString(i + 1);
                        record.set((Field<Object>) field, rows.wasNull() ? null : read);
                    }
                    if (rows.next()) {
                        throw new org.jooq.exception.TooManyRowsException("more than one authorization by " + column.getName());
                    }
                    return record;
                }
            }
        });
    }

    /** Sets {@code changed} on the authorization if its refresh token is still {@code read}; the rows updated. */
    private int rotate(String id, String read, Map<Field<?>, Object> changed) {
        List<Field<?>> columns = new java.util.ArrayList<>(changed.keySet());
        columns.sort(java.util.Comparator.comparing(Field::getName));
        String sql = rendered(columns, () -> {
            Map<Field<?>, Object> set = new java.util.LinkedHashMap<>();
            columns.forEach(column -> set.put(column, DSL.param(column.getName(), column.getType())));
            return db.update(AUTHORIZATION).set(set)
                    .where(ID.eq(DSL.param("id", String.class)).and(REFRESH.hash().eq(DSL.param("read", String.class))));
        });
        return db.connectionResult(connection -> {
            try (var statement = connection.prepareStatement(sql)) {
                int index = 1;
                for (Field<?> column : columns) {
                    Object value = changed.get(column);
                    if (value == null) {
                        statement.setNull(index++, column.getType() == Long.class ? java.sql.Types.BIGINT : java.sql.Types.VARCHAR);
                    } else if (value instanceof Long number) {
                        statement.setLong(index++, number);
                    } else {
                        statement.setString(index++, (String) value);
                    }
                }
                statement.setString(index++, id);
                statement.setString(index, read);
                return statement.executeUpdate();
            }
        });
    }

    /** Updates the authorization or inserts it; a replaced refresh token is spent by the database (V67). */
    private void write(String id, Map<Field<?>, Object> row) {
        if (db.update(AUTHORIZATION).set(row).where(ID.eq(id)).execute() == 0) {
            Map<Field<?>, Object> inserted = new HashMap<>(row);
            inserted.put(ID, id);
            db.insertInto(AUTHORIZATION).set(inserted).execute();
        }
    }

    private Map<Field<?>, Object> row(OAuth2Authorization authorization) {
        Map<Field<?>, Object> row = new HashMap<>();
        row.put(CLIENT_ID, authorization.getRegisteredClientId());
        row.put(PRINCIPAL, authorization.getPrincipalName());
        row.put(GRANT_TYPE, authorization.getAuthorizationGrantType().getValue());
        row.put(SCOPES, String.join(" ", authorization.getAuthorizedScopes()));
        Map<String, Object> attributes = new HashMap<>(authorization.getAttributes());
        portablePrincipal(attributes);
        String state = (String) attributes.remove(OAuth2ParameterNames.STATE);
        row.put(STATE_HASH, state == null ? null : state.startsWith(HASHED_PREFIX) ? state.substring(HASHED_PREFIX.length()) : TokenHash.of(state));
        ParsedAttributes parsed = parsedAttributes.get(authorization.getId());
        row.put(ATTRIBUTES, parsed != null && parsed.attributes().equals(attributes) ? parsed.json() // as read: a refresh
                : json.writeValueAsString(attributes));
        long expires = clock.millis();
        for (Slot slot : SLOTS) {
            OAuth2Authorization.Token<? extends OAuth2Token> token = authorization.getToken(slot.type());
            if (token == null) {
                row.put(slot.hash(), null);
                row.put(slot.issuedAt(), null);
                row.put(slot.expiresAt(), null);
                row.put(slot.metadata(), null);
                continue;
            }
            OAuth2Token value = token.getToken();
            row.put(slot.hash(), hashOf(value.getTokenValue()));
            row.put(slot.issuedAt(), millis(value.getIssuedAt()));
            row.put(slot.expiresAt(), millis(value.getExpiresAt()));
            row.put(slot.metadata(), metadataJson(token.getMetadata()));
            if (value.getExpiresAt() != null) {
                expires = Math.max(expires, value.getExpiresAt().toEpochMilli());
            } else {
                expires = Long.MAX_VALUE;
            }
        }
        OAuth2Authorization.Token<OidcIdToken> idToken = authorization.getToken(OidcIdToken.class);
        String sid = idToken == null ? null : idToken.getToken().getClaimAsString("sid");
        row.put(SID, idToken == null ? null : sid == null ? "" : sid);
        OAuth2Authorization.Token<OAuth2AccessToken> access = authorization.getAccessToken();
        row.put(ACCESS_SCOPES, access == null ? null : String.join(" ", access.getToken().getScopes()));
        row.put(EXPIRES_AT, expires);
        return row;
    }

    /**
     * The columns of {@code row} whose values differ from the row as it was read. A refresh changes the access,
     * refresh and ID token columns and the expiry; writing only those (its update stays conditional on the refresh
     * token read, so the rest is still what was read) spares binding the unchanged ones, above all the attributes,
     * and the database rewriting the five indexes of columns that did not change.
     */
    private static Map<Field<?>, Object> changedSince(Record before, Map<Field<?>, Object> row) {
        Map<Field<?>, Object> changed = new HashMap<>();
        row.forEach((column, value) -> {
            if (!java.util.Objects.equals(before.get(column), value)) {
                changed.put(column, value);
            }
        });
        return changed;
    }

    /**
     * The rows read by presenting a refresh token (a refresh grant), until they are written back: the grant then
     * rotates with one update conditional on the refresh token read, outside any transaction, writing only what
     * changed ({@link #changedSince}), instead of reading the row again. When the condition fails (another request
     * rotated it meanwhile, or the row was not read here) the row is written as every other write is, in a
     * transaction; either way the database spends the replaced refresh token. At most
     * {@value #READ_FOR_REFRESH_KEPT}: refreshes in flight.
     */
    private final Map<String, Record> readForRefresh = new java.util.concurrent.ConcurrentHashMap<>();
    private static final int READ_FOR_REFRESH_KEPT = 1_000;

    /**
     * An access token the authorization server invalidated (revocation endpoint, a revoked refresh token, a reused
     * code) is self-contained and would be accepted until it expires: it is listed as revoked, on every node.
     */
    private void revokeIfInvalidated(OAuth2Authorization authorization) {
        OAuth2Authorization.Token<OAuth2AccessToken> access = authorization.getAccessToken();
        if (access != null && access.isInvalidated()) {
            Instant expires = access.getToken().getExpiresAt();
            revocations.revokeAccessTokens(Map.of(hashOf(access.getToken().getTokenValue()),
                    expires == null ? Long.MAX_VALUE : expires.toEpochMilli()));
        }
    }

    /** Lists the access tokens of the authorizations matching {@code which} as revoked, in the caller's transaction. */
    private void revokeAccessTokens(org.jooq.Condition which) {
        Map<String, Long> tokens = new HashMap<>();
        db.select(ACCESS.hash(), ACCESS.expiresAt()).from(AUTHORIZATION).where(which.and(ACCESS.hash().isNotNull()))
                .forEach(row -> tokens.put(row.value1(), row.value2() == null ? Long.MAX_VALUE : row.value2()));
        revocations.revokeAccessTokens(tokens);
    }

    /**
     * Sign-out ({@code /logout}, RP-initiated logout): the authorizations signed in to in that Holdfast session (the
     * {@code sid} of their ID tokens) are revoked, their access tokens listed as revoked, so neither a refresh nor an
     * access token outlives the sign-out. Found by the indexed {@link #SID} column; only rows written before it
     * (identity V66) have their ID token parsed.
     */
    @Transactional
    void revokeSession(String username, String sessionId) {
        String sid = BackChannelLogout.sid(sessionId);
        List<String> older = new java.util.ArrayList<>();
        for (var row : db.select(ID, ID_TOKEN.metadata()).from(AUTHORIZATION)
                .where(PRINCIPAL.eq(username).and(SID.isNull()).and(ID_TOKEN.metadata().isNotNull())).fetch()) {
            if (sid.equals(sidClaim(row.value2()))) {
                older.add(row.value1());
            }
        }
        org.jooq.Condition ofSession = PRINCIPAL.eq(username).and(older.isEmpty() ? SID.eq(sid) : SID.eq(sid).or(ID.in(older)));
        revokeAccessTokens(ofSession);
        db.deleteFrom(AUTHORIZATION).where(ofSession).execute();
    }

    /**
     * The user's authorizations that may have been signed in to in the session {@code sid}: those whose {@link #SID}
     * is it, and those written before that column, whose ID token (in its metadata) the caller must read to know.
     */
    static org.jooq.Condition mayBeOfSession(String username, String sid) {
        return PRINCIPAL.eq(username).and(SID.eq(sid).or(SID.isNull().and(ID_TOKEN.metadata().isNotNull())));
    }

    /** The {@code sid} in an ID token's metadata as stored: a string, or a typed value written as [type, value]. */
    private @Nullable String sidClaim(String metadata) {
        tools.jackson.databind.JsonNode claimed = json.readTree(metadata).findValue("sid");
        return claimed == null ? null : claimed.isArray() && claimed.size() == 2 ? claimed.get(1).asString() : claimed.asString();
    }

    /** A token that already is a hash (loaded, not presented) keeps its hash; a fresh one is hashed. */
    private static String hashOf(String value) {
        if (value.startsWith(HASHED_PREFIX)) {
            return value.substring(HASHED_PREFIX.length());
        }
        return TokenHash.of(value);
    }

    @Override
    @Transactional
    public void remove(OAuth2Authorization authorization) {
        revokeAccessTokens(ID.eq(authorization.getId()));
        db.deleteFrom(AUTHORIZATION).where(ID.eq(authorization.getId())).execute();
        db.deleteFrom(SPENT).where(SPENT_AUTHORIZATION.eq(authorization.getId())).execute();
    }

    @Override
    public @Nullable OAuth2Authorization findById(String id) {
        Record row = selectBy(ID, id);
        return row == null ? null : toAuthorization(row, null, null);
    }

    /**
     * Plain indexed reads, not a transaction: a refresh grant reads its authorization here and writes once, in
     * {@link #save} (on SQLite a transaction is {@code BEGIN IMMEDIATE}, the database's one write lock). Only a
     * reused refresh token writes here: the revocation of its family.
     */
    @Override
    public @Nullable OAuth2Authorization findByToken(String token, @Nullable OAuth2TokenType tokenType) {
        String hash = TokenHash.of(token);
        if (tokenType == null) {
            for (Slot slot : SLOTS) {
                OAuth2Authorization found = find(slot, hash, token);
                if (found != null) {
                    return found;
                }
            }
            if (refreshReused(hash)) {
                return null;
            }
            OAuth2Authorization byState = findByState(hash);
            return byState != null ? byState : clientCredentials(token);
        }
        if (tokenType.getValue().equals(OAuth2ParameterNames.STATE)) {
            return findByState(hash);
        }
        for (Slot slot : SLOTS) {
            if (slot.tokenType().equals(tokenType)) {
                OAuth2Authorization found = find(slot, hash, token);
                if (found == null && slot == REFRESH) {
                    refreshReused(hash);
                }
                if (found == null && slot == ACCESS) {
                    return clientCredentials(token);
                }
                return found;
            }
        }
        return null;
    }

    /**
     * A client-credentials access token is never stored (it is self-contained), yet introspection must call it active
     * while it is: it is recognised by a valid signature of one of the published keys, an unexpired lifetime, the
     * {@value #GRANT_TYPE_CLAIM} claim and a subject that is a registered client still allowed that grant. (A
     * person's token is always stored; one that is not found is revoked or expired, never looked up here.)
     */
    private @Nullable OAuth2Authorization clientCredentials(String token) {
        if (selfContained == null || token.length() > 8192 || token.chars().filter(c -> c == '.').count() != 2) {
            return null;
        }
        Jwt jwt;
        try {
            jwt = selfContained.decode(token);
        } catch (JwtException e) {
            return null;
        }
        if (!"client_credentials".equals(jwt.getClaimAsString(GRANT_TYPE_CLAIM)) || jwt.getSubject() == null) {
            return null;
        }
        RegisteredClient client = clients.findByClientId(jwt.getSubject());
        if (client == null || !client.getAuthorizationGrantTypes().contains(AuthorizationGrantType.CLIENT_CREDENTIALS)) {
            return null;
        }
        Set<String> scopes = new HashSet<>(jwt.getClaimAsStringList("scope") == null ? List.of() : jwt.getClaimAsStringList("scope"));
        OAuth2AccessToken access = new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, token, jwt.getIssuedAt(),
                jwt.getExpiresAt(), scopes);
        return OAuth2Authorization.withRegisteredClient(client).principalName(client.getClientId())
                .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS).authorizedScopes(scopes)
                .token(access, metadata -> metadata.put(OAuth2Authorization.Token.CLAIMS_METADATA_NAME, jwt.getClaims()))
                .build();
    }

    private @Nullable OAuth2Authorization find(Slot slot, String hash, String presented) {
        Record row = selectBy(slot.hash(), hash);
        return row == null ? null : toAuthorization(row, slot, presented);
    }

    private @Nullable OAuth2Authorization findByState(String hash) {
        Record row = selectBy(STATE_HASH, hash);
        return row == null ? null : toAuthorization(row, null, null);
    }

    /** A refresh token exchanged before and presented again: the family is revoked. */
    private boolean refreshReused(String hash) {
        String authorizationId = db.select(SPENT_AUTHORIZATION).from(SPENT).where(SPENT_HASH.eq(hash)).fetchOne(SPENT_AUTHORIZATION);
        if (authorizationId == null) {
            return false;
        }
        log.warn("A refresh token was used twice; authorization {} (its whole token family) is revoked", authorizationId);
        transactions.executeWithoutResult(status -> {
            revokeAccessTokens(ID.eq(authorizationId));
            db.deleteFrom(AUTHORIZATION).where(ID.eq(authorizationId)).execute();
        });
        return true;
    }


    static final String HASHED_PREFIX = "sha256:";

    @SuppressWarnings("unchecked")
    private @Nullable OAuth2Authorization toAuthorization(Record row, @Nullable Slot presentedSlot, @Nullable String presented) {
        RegisteredClient client = clients.findById(row.get(CLIENT_ID));
        if (client == null) {
            return null; // the client was deleted: its authorizations are void
        }
        Map<String, Object> attributes = attributes(row.get(ID), row.get(ATTRIBUTES));
        Set<String> scopes = split(row.get(SCOPES));
        OAuth2Authorization.Builder builder = OAuth2Authorization.withRegisteredClient(client)
                .id(row.get(ID))
                .principalName(row.get(PRINCIPAL))
                .authorizationGrantType(new AuthorizationGrantType(row.get(GRANT_TYPE)))
                .authorizedScopes(scopes)
                .attributes(a -> a.putAll(attributes));
        if (row.get(STATE_HASH) != null) {
            builder.attribute(OAuth2ParameterNames.STATE, HASHED_PREFIX + row.get(STATE_HASH));
        }
        for (Slot slot : SLOTS) {
            String hash = row.get(slot.hash());
            if (hash == null) {
                continue;
            }
            if (slot == REFRESH && presentedSlot == REFRESH) {
                if (readForRefresh.size() >= READ_FOR_REFRESH_KEPT) {
                    readForRefresh.clear();
                }
                readForRefresh.put(row.get(ID), row);
            }
            String value = slot == presentedSlot ? presented : HASHED_PREFIX + hash;
            Instant issued = instant(row.get(slot.issuedAt()));
            Instant expires = instant(row.get(slot.expiresAt()));
            Map<String, Object> metadata = metadata(row.get(slot.metadata()));
            OAuth2Token token;
            if (slot == CODE) {
                token = new OAuth2AuthorizationCode(value, issued, expires);
            } else if (slot == ACCESS) {
                token = new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, value, issued, expires, split(row.get(ACCESS_SCOPES)));
            } else if (slot == REFRESH) {
                token = new OAuth2RefreshToken(value, issued, expires);
            } else if (slot == ID_TOKEN) {
                token = new OidcIdToken(value, issued, expires,
                        (Map<String, Object>) metadata.get(OAuth2Authorization.Token.CLAIMS_METADATA_NAME));
            } else if (slot == DEVICE_CODE) {
                token = new OAuth2DeviceCode(value, issued, expires);
            } else {
                token = new OAuth2UserCode(value, issued, expires);
            }
            builder.token(token, m -> m.putAll(metadata));
        }
        return builder.build();
    }

    /** Parsed attributes by authorization id, with the JSON they were parsed from. */
    /**
     * The signed-in person kept with an authorization must be read back by Spring Security's Jackson modules, which
     * have no mapping for a passkey sign-in ({@code WebAuthnAuthentication}, 7.0): such a principal is stored as an
     * authenticated username token with the same name and authorities (the passkey factor included), which is all
     * the token and claims paths use. Without this, a person signed in with a passkey got no token for any
     * application (the token endpoint failed reading the authorization back).
     */
    private static void portablePrincipal(Map<String, Object> attributes) {
        String key = java.security.Principal.class.getName();
        if (attributes.get(key) instanceof org.springframework.security.web.webauthn.authentication.WebAuthnAuthentication passkey) {
            attributes.put(key, org.springframework.security.authentication.UsernamePasswordAuthenticationToken
                    .authenticated(passkey.getName(), null, passkey.getAuthorities()));
        }
    }

    private record ParsedAttributes(String json, Map<String, Object> attributes) {}

    private static final int PARSED_ATTRIBUTES_KEPT = 1_000;
    private final Map<String, ParsedAttributes> parsedAttributes = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * An authorization's attributes (the authorization request and the signed-in principal: the same at every
     * refresh of it) are parsed once and reused while the stored JSON is unchanged: parsing them was a tenth of a
     * refresh grant's CPU. The values are only read by the authorization server, never changed.
     */
    private Map<String, Object> attributes(String id, String stored) {
        ParsedAttributes parsed = parsedAttributes.get(id);
        if (parsed != null && parsed.json().equals(stored)) {
            return parsed.attributes();
        }
        Map<String, Object> attributes = java.util.Collections.unmodifiableMap(json.readValue(stored, MAP));
        if (parsedAttributes.size() >= PARSED_ATTRIBUTES_KEPT) {
            parsedAttributes.clear();
        }
        parsedAttributes.put(id, new ParsedAttributes(stored, attributes));
        return attributes;
    }

    private static final int METADATA_KEPT = 4_000;
    private final Map<String, Map<String, Object>> parsedMetadata = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<Map<String, Object>, String> writtenMetadata = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * A token's metadata (its claims, whether it was invalidated) as JSON, remembered both ways: a refresh grant reads
     * back what this node wrote at the previous grant and writes the tokens it did not change as they were, so
     * neither is parsed nor serialised again (Spring Security's Jackson modules with their type information were
     * a tenth of a refresh grant's CPU). Only the new tokens' metadata is serialised.
     */
    private String metadataJson(Map<String, Object> metadata) {
        String known = writtenMetadata.get(metadata);
        if (known != null) {
            return known;
        }
        String written = json.writeValueAsString(metadata);
        remember(written, java.util.Collections.unmodifiableMap(new HashMap<>(metadata)));
        return written;
    }

    private Map<String, Object> metadata(String stored) {
        Map<String, Object> known = parsedMetadata.get(stored);
        if (known != null) {
            return known;
        }
        Map<String, Object> parsed = java.util.Collections.unmodifiableMap(json.readValue(stored, MAP));
        remember(stored, parsed);
        return parsed;
    }

    private void remember(String stored, Map<String, Object> parsed) {
        if (parsedMetadata.size() >= METADATA_KEPT || writtenMetadata.size() >= METADATA_KEPT) {
            parsedMetadata.clear();
            writtenMetadata.clear();
        }
        parsedMetadata.put(stored, parsed);
        writtenMetadata.put(parsed, stored);
    }

    /** Deletes authorizations whose every token has expired. */
    @Transactional
    int removeExpired() {
        long now = clock.millis();
        db.deleteFrom(SPENT).where(SPENT_AUTHORIZATION.notIn(db.select(ID).from(AUTHORIZATION).where(EXPIRES_AT.ge(now)))).execute();
        return db.deleteFrom(AUTHORIZATION).where(EXPIRES_AT.lt(now)).execute();
    }

    /** Revokes every authorization of a user (sign-out everywhere, a disabled account). */
    @Transactional
    List<String> removeAllOf(String principalName) {
        List<String> ids = db.select(ID).from(AUTHORIZATION).where(PRINCIPAL.eq(principalName)).fetch(ID);
        revokeAccessTokens(PRINCIPAL.eq(principalName));
        db.deleteFrom(AUTHORIZATION).where(PRINCIPAL.eq(principalName)).execute();
        return ids;
    }

    private static Set<String> split(@Nullable String value) {
        Set<String> out = new LinkedHashSet<>();
        if (value != null) {
            for (String part : value.split(" ")) {
                if (!part.isBlank()) {
                    out.add(part);
                }
            }
        }
        return out;
    }

    private static @Nullable Long millis(@Nullable Instant instant) {
        return instant == null ? null : instant.toEpochMilli();
    }

    private static @Nullable Instant instant(@Nullable Long millis) {
        return millis == null ? null : Instant.ofEpochMilli(millis);
    }
}
