package dev.holdfast.platform.identity.internal;

import dev.holdfast.platform.identity.ApiCredentials;
import dev.holdfast.platform.identity.GroupChanged;
import dev.holdfast.platform.identity.GroupMembershipChanged;
import dev.holdfast.platform.identity.RoleAssignmentChanged;
import dev.holdfast.platform.identity.RoleChanged;
import dev.holdfast.platform.identity.UserCreated;
import dev.holdfast.platform.identity.UserDeleted;
import dev.holdfast.platform.identity.UserDisabled;
import dev.holdfast.platform.identity.UserEnabled;
import dev.holdfast.platform.identity.UserUpdated;
import dev.holdfast.platform.identity.UserAccount;
import dev.holdfast.platform.identity.UserAccount.Kind;
import dev.holdfast.platform.identity.UserAccount.UserId;
import dev.holdfast.platform.identity.internal.ApiTokens.StoredToken;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

/**
 * {@link ApiCredentials}: service-account tokens ({@link ApiTokens}) and the provider's access tokens resolved to the
 * account they act for, as an authentication that carries the bearer factor.
 *
 * <p>Per request only memory is asked: stored tokens by hash and accounts by id or name are cached once read (a
 * token that is not found is not cached, so nothing grows with garbage), revoked access tokens come from
 * {@link RevokedCredentials}. An entry read before {@link RevokedCredentials#generation()} last moved (a token revoked,
 * a user disabled, roles changed; here or on another node) is stale and read again. The only write is the token's
 * last-used time, at most once a minute per token.
 */
@Service
class MachineCredentials implements ApiCredentials {

    /** Claim in client-credentials access tokens: {@code gty=client_credentials}. */
    static final String GRANT_TYPE_CLAIM = "gty";

    /** Entries kept per cache; past it the cache starts afresh (a bound, not an eviction policy). */
    static final int KEPT = 10_000;

    private final ApiTokens tokens;
    private final JooqUsers users;
    private final Clock clock;
    private final RevokedCredentials revoked;
    private final Map<String, Cached<StoredToken>> storedTokens = new ConcurrentHashMap<>();
    private final Map<String, Cached<Optional<UserAccount>>> accounts = new ConcurrentHashMap<>();
    private final Map<UUID, Long> lastNoted = new ConcurrentHashMap<>();

    /** A cached answer and the generation it was read in. */
    private record Cached<T>(long generation, T value) {}

    MachineCredentials(ApiTokens tokens, JooqUsers users, Clock clock, RevokedCredentials revoked) {
        this.tokens = tokens;
        this.users = users;
        this.clock = clock;
        this.revoked = revoked;
    }

    /**
     * Every change of the directory can change what a credential grants (a user disabled, enabled, deleted or
     * renamed; roles, groups or memberships changed; a service account created with a client's name): heard inside
     * the change's transaction, it moves the generation everywhere after commit.
     */
    @EventListener({UserCreated.class, UserUpdated.class, UserDisabled.class, UserEnabled.class, UserDeleted.class,
            GroupChanged.class, GroupMembershipChanged.class, RoleChanged.class, RoleAssignmentChanged.class})
    void directoryChanged() {
        revoked.changed();
    }

    @Override
    public Optional<Authentication> authenticate(String secret) {
        return storedToken(ApiTokens.hash(secret)).filter(token -> token.secretKey() == null).flatMap(this::use);
    }

    @Override
    public Optional<Authentication> authenticateSigned(String apiKey, String message, String hexSignature) {
        return storedToken(ApiTokens.hash(apiKey))
                .filter(token -> token.secretKey() != null && signatureMatches(token.secretKey(), message, hexSignature))
                .flatMap(this::use);
    }

    @Override
    public Optional<Authentication> authenticate(Jwt accessToken) {
        if (accessToken.getSubject() == null || revoked.revoked(ApiTokens.hash(accessToken.getTokenValue()))) {
            return Optional.empty();
        }
        if ("client_credentials".equals(accessToken.getClaimAsString(GRANT_TYPE_CLAIM))) {
            // the application's own token: it acts as the service account named like its client id, never as a person
            String name = accessToken.getSubject();
            return account("name:" + name, () -> users.findByUsername(name))
                    .filter(account -> account.enabled() && account.kind() == Kind.SERVICE).map(MachineCredentials::authentication);
        }
        UUID id;
        try {
            id = UUID.fromString(accessToken.getSubject());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return account("id:" + id, () -> users.findById(new UserId(id))).filter(UserAccount::enabled)
                .map(MachineCredentials::authentication);
    }

    /** The enabled service account of an active token, noting the use at most once a minute. */
    private Optional<Authentication> use(StoredToken token) {
        if (!token.active(clock.millis())) {
            return Optional.empty();
        }
        Optional<UserAccount> owner = account("id:" + token.owner(), () -> users.findById(token.owner()))
                .filter(account -> account.enabled() && account.kind() == Kind.SERVICE);
        if (owner.isPresent()) {
            noteUse(token);
        }
        return owner.map(MachineCredentials::authentication);
    }

    /** Writes the last-used time when the last write (on this node) is a minute old; one request of many does it. */
    private void noteUse(StoredToken token) {
        Long noted = lastNoted.get(token.id());
        if (!tokens.noteDue(noted != null ? noted : token.lastUsedAt())) {
            return;
        }
        if (lastNoted.size() >= KEPT) {
            lastNoted.clear();
        }
        Long previous = lastNoted.put(token.id(), clock.millis());
        if (previous == null || tokens.noteDue(previous)) {
            tokens.noteUse(token.id());
        }
    }

    private Optional<StoredToken> storedToken(String hash) {
        long generation = revoked.generation();
        Cached<StoredToken> cached = storedTokens.get(hash);
        if (cached != null && cached.generation() == generation) {
            return Optional.of(cached.value());
        }
        Optional<StoredToken> found = tokens.findByHash(hash);
        found.ifPresent(token -> keep(storedTokens, hash, new Cached<>(generation, token)));
        return found;
    }

    private Optional<UserAccount> account(String key, Supplier<Optional<UserAccount>> load) {
        long generation = revoked.generation();
        Cached<Optional<UserAccount>> cached = accounts.get(key);
        if (cached != null && cached.generation() == generation) {
            return cached.value();
        }
        Optional<UserAccount> found = load.get();
        keep(accounts, key, new Cached<>(generation, found));
        return found;
    }

    private static <T> void keep(Map<String, T> cache, String key, T value) {
        if (cache.size() >= KEPT) {
            cache.clear();
        }
        cache.put(key, value);
    }

    private static boolean signatureMatches(String secretKey, String message, String hexSignature) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secretKey.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] expected = HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)))
                    .getBytes(StandardCharsets.US_ASCII);
            return MessageDigest.isEqual(expected, hexSignature.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** ROLE_USER, ROLE_ADMIN for administrators, and the bearer factor. */
    static Authentication authentication(UserAccount account) {
        List<GrantedAuthority> authorities = new ArrayList<>(List.of(new SimpleGrantedAuthority("ROLE_USER")));
        if (account.administrator()) {
            authorities.add(new SimpleGrantedAuthority("ROLE_ADMIN"));
        }
        return ApiCredentials.presented(account.username(), authorities);
    }
}
