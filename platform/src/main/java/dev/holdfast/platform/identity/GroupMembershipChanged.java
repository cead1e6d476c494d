package dev.holdfast.platform.identity;

import dev.holdfast.platform.identity.Group.GroupId;
import dev.holdfast.platform.identity.UserAccount.UserId;

/** A user joined ({@code member} true) or left a group. */
public record GroupMembershipChanged(GroupId group, UserId user, boolean member) {}
