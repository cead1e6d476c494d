package dev.holdfast.platform.identity;

import dev.holdfast.platform.identity.UserAccount.UserId;
import java.util.List;

/**
 * A session signed in to one of Holdfast's own applications ({@code holdfast-crm}, ...) through the OpenID Connect
 * provider: the claims of the ID token it received. Published in the request that completed the sign-in, after the
 * ID token was checked.
 *
 * @param clientId the application, e.g. {@code holdfast-crm}
 * @param user the {@code sub} claim
 * @param username the signed-in principal's name
 * @param groups the {@code groups} claim: group names, with the groups they are inside
 * @param roles the {@code roles} claim: effective role names
 */
public record ApplicationSignedIn(String clientId, UserId user, String username, List<String> groups, List<String> roles) {

    public ApplicationSignedIn {
        groups = List.copyOf(groups);
        roles = List.copyOf(roles);
    }
}
