package dev.holdfast.platform.identity;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A person, or a service account, in the directory.
 *
 * @param administrator whether the user holds {@link Role#ADMIN_PERMISSION} through a global role (directly or by a group)
 * @param kind a person signs in interactively; a service account only calls the API with a token
 */
public record UserAccount(UserId id, String username, @Nullable String email, @Nullable String displayName,
        boolean administrator, boolean enabled, Instant createdAt, @Nullable Instant lastLoginAt, Kind kind) {

    /** A person signs in; a service account is a non-human principal that authenticates with API tokens only. */
    public enum Kind {
        PERSON, SERVICE
    }

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
