package dev.holdfast.platform.identity;

import dev.holdfast.platform.identity.UserAccount.UserId;

/** A disabled user was enabled again. */
public record UserEnabled(UserId user, String username) {}
