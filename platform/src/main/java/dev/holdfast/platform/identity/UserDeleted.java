package dev.holdfast.platform.identity;

import dev.holdfast.platform.identity.UserAccount.UserId;

/** A user was removed from the directory, with their memberships, role assignments, tokens and sessions. */
public record UserDeleted(UserId user, String username) {}
