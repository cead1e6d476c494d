package dev.holdfast.platform.identity;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A person (or, later, a service) who can sign in to Holdfast. */
public record UserAccount(UserId id, String username, @Nullable String email, @Nullable String displayName,
        boolean administrator, boolean enabled, Instant createdAt, @Nullable Instant lastLoginAt) {

    /** The stable identifier of a user; other modules refer to users by it. */
    public record UserId(UUID value) {

        public static UserId random() {
            return new UserId(UUID.randomUUID());
        }

        @Override
        public String toString() {
            return value.toString();
        }
    }

    /** The name to show: the display name if set, else the username. */
    public String name() {
        return displayName == null || displayName.isBlank() ? username : displayName;
    }
}
