package dev.holdfast.platform.identity;

import dev.holdfast.platform.identity.Group.GroupId;

/**
 * A group was created, renamed, moved to another parent, had its attributes changed or was deleted
 * ({@code deleted}); members' inherited roles may have changed.
 */
public record GroupChanged(GroupId group, boolean deleted) {}
