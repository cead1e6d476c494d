package dev.holdfast.platform.identity;

import dev.holdfast.platform.identity.UserAccount.UserId;

/** A user was added to the directory. */
public record UserCreated(UserId user, String username, boolean administrator) {}
