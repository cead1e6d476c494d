package dev.holdfast.platform.identity.oidc;

import dev.holdfast.platform.identity.GroupChanged;
import dev.holdfast.platform.identity.GroupMembershipChanged;
import dev.holdfast.platform.identity.RoleAssignmentChanged;
import dev.holdfast.platform.identity.RoleChanged;
import dev.holdfast.platform.identity.UserAccount;
import dev.holdfast.platform.identity.UserDeleted;
import dev.holdfast.platform.identity.UserDisabled;
import dev.holdfast.platform.identity.UserEnabled;
import dev.holdfast.platform.identity.UserManagement;
import dev.holdfast.platform.identity.UserUpdated;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.springframework.context.event.EventListener;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The claims Holdfast tells applications about a user, by scope: {@code openid} gives {@code sub} (the user's
 * stable id, not the username, which can change); {@code profile} gives {@code name} and
 * {@code preferred_username}; {@code email} gives {@code email} and {@code email_verified}; {@code groups} gives
 * {@code groups} and {@code roles}.
 *
 * <p>The claims for tokens and userinfo ({@link #of}) are read from the directory once per user and kept: a
 * refresh grant asks for them twice (access and ID token), every few minutes per signed-in application. This node
 * forgets them all when the directory announces a change (a user, group, membership or role changed), at once and
 * again after the change commits; entries older than 30 seconds are read again (changes made on another node).
 * Access decisions ({@link #groupsOf}) always read the directory.
 */
class OidcClaims {

    private static final long CACHE_MILLIS = 30_000;

    private final UserManagement users;
    private final Clock clock;
    private final Map<String, Profile> cache = new ConcurrentHashMap<>();
    /** Bumped on every directory change: a profile read while a change happened is not kept. */
    private final AtomicLong generation = new AtomicLong();

    /** What tokens say about one user, as read at {@code loadedAt}; groups and roles only once a scope asked. */
    private record Profile(UserAccount user, @Nullable List<String> groups, @Nullable List<String> roles, long loadedAt) {}

    OidcClaims(UserManagement users, Clock clock) {
        this.users = users;
        this.clock = clock;
    }

    Map<String, Object> of(String username, Set<String> scopes) {
        Profile profile = profile(username, scopes.contains("groups"));
        UserAccount user = profile.user();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("sub", user.id().toString());
        if (scopes.contains("profile")) {
            claims.put("name", user.name());
            claims.put("preferred_username", user.username());
        }
        if (scopes.contains("email") && user.email() != null) {
            claims.put("email", user.email());
            claims.put("email_verified", false);
        }
        if (scopes.contains("groups")) {
            // Plain ArrayLists: the claims are kept in the authorization's JSON, whose reader allows only those.
            claims.put("groups", new ArrayList<>(profile.groups()));
            claims.put("roles", new ArrayList<>(profile.roles()));
        }
        return claims;
    }

    private Profile profile(String username, boolean withGroups) {
        long now = clock.millis();
        Profile cached = cache.get(username);
        if (cached != null && now - cached.loadedAt() <= CACHE_MILLIS && (!withGroups || cached.groups() != null)) {
            return cached;
        }
        long before = generation.get();
        UserAccount user = users.findByUsername(username)
                .orElseThrow(() -> new IllegalStateException("the signed-in user no longer exists"));
        Profile loaded = withGroups ? new Profile(user, groupsOf(user), rolesOf(user), now) : new Profile(user, null, null, now);
        if (generation.get() == before) {
            cache.put(username, loaded);
        }
        return loaded;
    }

    /** The user's groups by name, with the groups they are inside (a member of C in P is reported in both). */
    List<String> groupsOf(UserAccount user) {
        return users.groupsOf(user.id()).stream().map(dev.holdfast.platform.identity.Group::name).distinct().sorted().toList();
    }

    /** The user's effective roles by name: their own and those of their groups. */
    List<String> rolesOf(UserAccount user) {
        return users.effectiveRolesOf(user.id()).stream().map(dev.holdfast.platform.identity.Role::name).distinct().sorted().toList();
    }

    @EventListener
    void on(UserUpdated event) {
        forget();
    }

    @EventListener
    void on(UserDisabled event) {
        forget();
    }

    @EventListener
    void on(UserEnabled event) {
        forget();
    }

    @EventListener
    void on(UserDeleted event) {
        forget();
    }

    @EventListener
    void on(GroupChanged event) {
        forget();
    }

    @EventListener
    void on(GroupMembershipChanged event) {
        forget();
    }

    @EventListener
    void on(RoleChanged event) {
        forget();
    }

    @EventListener
    void on(RoleAssignmentChanged event) {
        forget();
    }

    /**
     * Forgets every user's claims now and, when the change is inside a transaction, again after it commits (a token
     * issued in between could have read and kept the directory as it was before the commit).
     */
    private void forget() {
        generation.incrementAndGet();
        cache.clear();
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    generation.incrementAndGet();
                    cache.clear();
                }
            });
        }
    }
}
