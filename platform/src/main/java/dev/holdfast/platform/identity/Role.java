package dev.holdfast.platform.identity;

import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A named set of permissions, assigned to users and groups.
 *
 * @param application null for a global role, else the id of the application its permissions apply to
 * @param permissions dotted permission names, e.g. {@code holdfast.admin}, {@code crm.account.read}
 * @param builtIn whether Holdfast made it (the administrator role); built-in roles cannot be changed or deleted
 */
public record Role(RoleId id, String name, @Nullable String application, @Nullable String description,
        Set<String> permissions, boolean builtIn) {

    /** The permission that makes its holder an administrator of Holdfast ({@code ROLE_ADMIN}). */
    public static final String ADMIN_PERMISSION = "holdfast.admin";

    /** The built-in administrator role. */
    public static final RoleId ADMINISTRATOR = new RoleId(UUID.fromString("00000000-0000-0000-0000-000000000001"));

    public Role {
        permissions = Set.copyOf(permissions);
    }

    /** Whether this role applies everywhere rather than to one application. */
    public boolean global() {
        return application == null;
    }

    /** The stable identifier of a role. */
    public record RoleId(UUID value) {

        public static RoleId random() {
            return new RoleId(UUID.randomUUID());
        }

        @Override
        public String toString() {
            return value.toString();
        }
    }
}
