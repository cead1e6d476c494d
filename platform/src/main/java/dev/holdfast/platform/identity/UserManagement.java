package dev.holdfast.platform.identity;

import dev.holdfast.platform.identity.UserAccount.UserId;
import java.util.Optional;

/** Reads the directory of users. (Changing it comes with the identity issue's admin API.) */
public interface UserManagement {

    /** How many users exist; 0 until first-run setup is done. */
    long count();

    Optional<UserAccount> findByUsername(String username);

    Optional<UserAccount> findById(UserId id);
}
