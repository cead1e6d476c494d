package dev.holdfast.platform.identity.internal;

import static dev.holdfast.platform.identity.internal.PasswordTables.PASSWORD_CHANGED_AT;
import static dev.holdfast.platform.identity.internal.UserTable.*;

import java.time.Clock;
import org.jooq.DSLContext;
import org.jooq.Record2;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsPasswordService;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Stores passwords: the current hash, when it was set (for expiry) and the history. Also Spring Security's
 * {@link UserDetailsPasswordService}, which re-hashes a password at sign-in when the Argon2 parameters changed.
 * Callers check a new password against {@link PasswordPolicy} first.
 */
@Service
class Passwords implements UserDetailsPasswordService {

    private final DSLContext db;
    private final PasswordEncoder encoder;
    private final PasswordHistory history;
    private final PasswordPolicySettings settings;
    private final Clock clock;

    Passwords(DSLContext db, PasswordEncoder encoder, PasswordHistory history, PasswordPolicySettings settings, Clock clock) {
        this.db = db;
        this.encoder = encoder;
        this.history = history;
        this.settings = settings;
        this.clock = clock;
    }

    /** Makes {@code password} the user's password, in the caller's transaction if any. */
    @Transactional
    void set(String userId, String password) {
        String hash = encoder.encode(password);
        long now = clock.millis();
        db.update(USER).set(PASSWORD_HASH, hash).set(PASSWORD_CHANGED_AT, now).where(ID.eq(userId)).execute();
        history.add(userId, hash, now, settings.history());
    }

    /** Whether the user has a password at all (an invited user has none until they accept). */
    boolean hasPassword(String userId) {
        return db.fetchExists(USER, ID.eq(userId).and(PASSWORD_HASH.isNotNull()));
    }

    /** Whether {@code password} is the user's current password. */
    boolean verify(String userId, String password) {
        String hash = db.select(PASSWORD_HASH).from(USER).where(ID.eq(userId)).fetchOne(PASSWORD_HASH);
        return hash != null && encoder.matches(password, hash);
    }

    /** Whether the user's password is older than the policy's maximum age (never, without one). */
    boolean expired(String username) {
        if (settings.maxAge() == null) {
            return false;
        }
        Record2<Long, Long> row = db.select(PASSWORD_CHANGED_AT, CREATED_AT).from(USER)
                .where(USERNAME_KEY.eq(JooqUsers.key(username))).fetchOne();
        if (row == null) {
            return false;
        }
        long changed = row.value1() != null ? row.value1() : row.value2();
        return clock.millis() - changed >= settings.maxAge().toMillis();
    }

    /** Called by Spring Security after a sign-in whose stored hash used other Argon2 parameters. */
    @Override
    @Transactional
    public UserDetails updatePassword(UserDetails user, String newPassword) {
        db.update(USER).set(PASSWORD_HASH, newPassword).where(USERNAME_KEY.eq(JooqUsers.key(user.getUsername()))).execute();
        return User.withUserDetails(user).password(newPassword).build();
    }
}
