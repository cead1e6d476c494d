package dev.holdfast.platform.identity;

import dev.holdfast.platform.identity.UserAccount.UserId;

/** A user's profile (username, email, display name or attributes) changed. */
public record UserUpdated(UserId user, String username) {}
