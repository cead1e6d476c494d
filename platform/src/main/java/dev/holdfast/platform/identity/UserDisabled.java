package dev.holdfast.platform.identity;

import dev.holdfast.platform.identity.UserAccount.UserId;

/** A user was disabled: they cannot sign in, their sessions have ended and their API tokens no longer work. */
public record UserDisabled(UserId user, String username) {}
