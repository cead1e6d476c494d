package dev.holdfast.platform.identity.mfa;

import dev.holdfast.platform.identity.Group;
import dev.holdfast.platform.identity.UserAccount.UserId;
import dev.holdfast.platform.identity.UserManagement;

/**
 * A second factor is required of every member of a group (or of a group inside it) whose attribute
 * {@value #ATTRIBUTE} is {@code true}: administrators set it on the group's page or through the API.
 */
final class GroupSecondFactorPolicy implements SecondFactorPolicy {

    static final String ATTRIBUTE = "mfa.required";

    private final UserManagement users;

    GroupSecondFactorPolicy(UserManagement users) {
        this.users = users;
    }

    @Override
    public String id() {
        return "group";
    }

    @Override
    public boolean required(UserId user) {
        for (Group group : users.groupsOf(user)) {
            if ("true".equalsIgnoreCase(group.attributes().get(ATTRIBUTE))) {
                return true;
            }
        }
        return false;
    }
}
