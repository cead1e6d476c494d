package dev.holdfast.platform.identity.internal;

import dev.holdfast.platform.identity.Group;
import dev.holdfast.platform.identity.Role;
import dev.holdfast.platform.identity.UserAccount;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** What the identity admin API reads and writes, as JSON. */
final class ApiViews {

    private ApiViews() {}

    /** A person or a service account. */
    record UserView(UUID id, String username, @Nullable String email, @Nullable String displayName, String kind,
            boolean enabled, boolean administrator, Instant createdAt, @Nullable Instant lastLoginAt, Map<String, String> attributes) {

        static UserView of(UserAccount user, Map<String, String> attributes) {
            return new UserView(user.id().value(), user.username(), user.email(), user.displayName(),
                    user.kind().name().toLowerCase(java.util.Locale.ROOT), user.enabled(), user.administrator(),
                    user.createdAt(), user.lastLoginAt(), attributes);
        }
    }

    /** One page of a list. */
    record PageView<T>(List<T> items, int page, int size, int total) {}

    /** A new person: a password is optional (without one they cannot sign in yet). */
    record NewUser(@Nullable String username, @Nullable String email, @Nullable String displayName, @Nullable String password,
            @Nullable Map<String, String> attributes) {}

    /** Changes to a user; a field left out (null) stays as it is. */
    record UserChanges(@Nullable String email, @Nullable String displayName, @Nullable Boolean enabled,
            @Nullable Map<String, String> attributes) {}

    record GroupView(UUID id, String name, @Nullable UUID parentId, @Nullable String description, Map<String, String> attributes) {

        static GroupView of(Group group) {
            return new GroupView(group.id().value(), group.name(), group.parent() == null ? null : group.parent().value(),
                    group.description(), group.attributes());
        }
    }

    /** A group as created or replaced; parentId null makes it a top-level group. */
    record GroupRequest(@Nullable String name, @Nullable UUID parentId, @Nullable String description,
            @Nullable Map<String, String> attributes) {}

    record RoleView(UUID id, String name, @Nullable String application, @Nullable String description, Set<String> permissions,
            boolean builtIn) {

        static RoleView of(Role role) {
            return new RoleView(role.id().value(), role.name(), role.application(), role.description(), role.permissions(),
                    role.builtIn());
        }
    }

    /** A role as created or replaced; application null makes it global. */
    record RoleRequest(@Nullable String name, @Nullable String application, @Nullable String description,
            @Nullable Set<String> permissions) {}

    /** Who holds a role directly. */
    record AssignmentsView(List<UUID> users, List<UUID> groups) {}

    record NewServiceAccount(@Nullable String name, @Nullable String description) {}

    record TokenView(UUID id, String name, String prefix, Instant createdAt, @Nullable Instant expiresAt,
            @Nullable Instant lastUsedAt, @Nullable Instant revokedAt, String authenticationMethod) {

        static TokenView of(ApiToken token) {
            return new TokenView(token.id(), token.name(), token.prefix(), token.createdAt(), token.expiresAt(),
                    token.lastUsedAt(), token.revokedAt(), token.hmac() ? "Hmac" : "ApiKey");
        }
    }

    /**
     * A new token's expiry is optional (never expires). {@code authenticationMethod} {@code Hmac} (EspoCRM's API user
     * method) also makes a secret key, and the token then works only with an {@code X-Hmac-Authorization} signature.
     */
    record NewToken(@Nullable String name, @Nullable Instant expiresAt, @Nullable String authenticationMethod) {}

    /**
     * A token just made: {@code token} is the secret (EspoCRM's API key), {@code secretKey} the HMAC method's secret
     * key (else absent); both shown this once and never again.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record IssuedTokenView(TokenView details, String token, @Nullable String secretKey) {}
}
