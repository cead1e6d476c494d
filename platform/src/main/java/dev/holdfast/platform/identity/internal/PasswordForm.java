package dev.holdfast.platform.identity.internal;

import org.jspecify.annotations.Nullable;

/**
 * A new password, typed twice; with the current one when a signed-in user changes theirs, or the link's token on
 * the reset and invitation pages.
 */
public record PasswordForm(@Nullable String current, @Nullable String password, @Nullable String passwordConfirmation,
        @Nullable String token) {

    String passwordValue() {
        return password == null ? "" : password;
    }

    boolean confirmed() {
        return password != null && password.equals(passwordConfirmation);
    }
}
