package dev.holdfast.platform.crm.internal;

import dev.holdfast.platform.identity.UserAccount;
import dev.holdfast.platform.identity.UserAccount.UserId;
import dev.holdfast.platform.identity.UserDeleted;
import dev.holdfast.platform.identity.UserManagement;
import dev.holdfast.platform.identity.UserUpdated;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Names of identity users for {@code assignedUserName}, {@code createdByName}, ...: asked of identity's API once per
 * user and kept until identity announces a change, so a list page needs no query per row. Accepts a user id (UUID)
 * or, as the placeholder access control hands out, a username.
 */
@Component
class UserNames {

    private static final int MAX_ENTRIES = 10_000;
    private final UserManagement users;
    private final Map<String, Optional<String>> names = new ConcurrentHashMap<>();

    UserNames(UserManagement users) {
        this.users = users;
    }

    /** The user's name to show; empty for an unknown user. */
    Optional<String> name(String userId) {
        if (names.size() > MAX_ENTRIES) {
            names.clear();
        }
        return names.computeIfAbsent(userId, id -> find(id).map(UserAccount::name));
    }

    boolean exists(String userId) {
        return name(userId).isPresent();
    }

    private Optional<UserAccount> find(String id) {
        try {
            return users.findById(new UserId(UUID.fromString(id)));
        } catch (IllegalArgumentException notAUuid) {
            return users.findByUsername(id);
        }
    }

    @EventListener
    void on(UserUpdated event) {
        names.clear();
    }

    @EventListener
    void on(UserDeleted event) {
        names.clear();
    }
}
