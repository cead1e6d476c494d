package dev.holdfast.platform.identity;

import dev.holdfast.platform.identity.Group.GroupId;
import dev.holdfast.platform.identity.UserAccount.UserId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Reads the directory: users, their attributes, groups and effective roles. Changes are made by administrators
 * (admin UI, {@code /api/identity/v1}) and announced as events ({@link UserCreated}, {@link UserUpdated},
 * {@link UserDisabled}, {@link UserEnabled}, {@link UserDeleted}, {@link GroupChanged}, {@link GroupMembershipChanged},
 * {@link RoleChanged}, {@link RoleAssignmentChanged}).
 */
public interface UserManagement {

    /** How many users exist; 0 until first-run setup is done. */
    long count();

    Optional<UserAccount> findByUsername(String username);

    Optional<UserAccount> findById(UserId id);

    /** The user's custom attributes; empty for an unknown user. */
    Map<String, String> attributesOf(UserId user);

    /** The groups the user is a member of, directly or through a subgroup (every ancestor), each once, by name. */
    List<Group> groupsOf(UserId user);

    /** Members of the group itself (not of its subgroups). */
    List<UserId> membersOf(GroupId group);

    /** Every role the user holds: assigned to them, or to one of {@link #groupsOf} their groups; by name. */
    List<Role> effectiveRolesOf(UserId user);

    /**
     * The permissions the user holds for an application: those of global roles and of roles for that application.
     *
     * @param application an application id, or null for global permissions only
     */
    Set<String> permissionsOf(UserId user, @Nullable String application);
}
