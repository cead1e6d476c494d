package dev.holdfast.platform.identity.oidc;

import dev.holdfast.platform.identity.UserAccount;
import dev.holdfast.platform.identity.UserManagement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The claims Holdfast tells applications about a user, by scope: {@code openid} gives {@code sub} (the user's
 * stable id, not the username, which can change); {@code profile} gives {@code name} and
 * {@code preferred_username}; {@code email} gives {@code email} and {@code email_verified}; {@code groups} gives
 * {@code groups} and {@code roles}.
 */
class OidcClaims {

    private final UserManagement users;

    OidcClaims(UserManagement users) {
        this.users = users;
    }

    Map<String, Object> of(String username, Set<String> scopes) {
        UserAccount user = users.findByUsername(username)
                .orElseThrow(() -> new IllegalStateException("the signed-in user no longer exists"));
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
            claims.put("groups", new java.util.ArrayList<>(groupsOf(user)));
            claims.put("roles", new java.util.ArrayList<>(rolesOf(user)));
        }
        return claims;
    }

    /** The user's groups by name, with the groups they are inside (a member of C in P is reported in both). */
    List<String> groupsOf(UserAccount user) {
        return users.groupsOf(user.id()).stream().map(dev.holdfast.platform.identity.Group::name).distinct().sorted().toList();
    }

    /** The user's effective roles by name: their own and those of their groups. */
    List<String> rolesOf(UserAccount user) {
        return users.effectiveRolesOf(user.id()).stream().map(dev.holdfast.platform.identity.Role::name).distinct().sorted().toList();
    }
}
