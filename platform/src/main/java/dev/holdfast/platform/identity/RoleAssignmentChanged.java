package dev.holdfast.platform.identity;

import dev.holdfast.platform.identity.Role.RoleId;
import java.util.UUID;

/**
 * A role was assigned to ({@code assigned} true) or taken from a user or a group.
 *
 * @param subject {@code USER} (people and service accounts) or {@code GROUP}
 * @param subjectId the user's or the group's id
 */
public record RoleAssignmentChanged(RoleId role, Subject subject, UUID subjectId, boolean assigned) {

    /** What a role is assigned to. */
    public enum Subject {
        USER, GROUP
    }
}
