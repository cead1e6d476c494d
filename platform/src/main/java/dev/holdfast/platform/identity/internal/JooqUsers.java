package dev.holdfast.platform.identity.internal;

import static dev.holdfast.platform.identity.internal.UserTable.*;

import dev.holdfast.platform.identity.UserAccount;
import dev.holdfast.platform.identity.UserAccount.UserId;
import dev.holdfast.platform.identity.UserCreated;
import dev.holdfast.platform.identity.UserManagement;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The user directory in the database; also what Spring Security asks when someone signs in. */
@Service
class JooqUsers implements UserManagement, UserDetailsService {

    private final DSLContext db;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    JooqUsers(DSLContext db, Clock clock, ApplicationEventPublisher events) {
        this.db = db;
        this.clock = clock;
        this.events = events;
    }

    @Override
    public long count() {
        return db.fetchCount(USER);
    }

    @Override
    public Optional<UserAccount> findByUsername(String username) {
        return db.selectFrom(USER).where(USERNAME_KEY.eq(key(username))).fetchOptional().map(JooqUsers::toAccount);
    }

    @Override
    public Optional<UserAccount> findById(UserId id) {
        return db.selectFrom(USER).where(ID.eq(id.toString())).fetchOptional().map(JooqUsers::toAccount);
    }

    /** Adds a user; the password hash is already computed. Fails on a duplicate username. */
    @Transactional
    UserAccount create(String username, @Nullable String email, @Nullable String displayName, String passwordHash,
            boolean administrator) {
        UserId id = UserId.random();
        db.insertInto(USER)
                .set(ID, id.toString())
                .set(USERNAME, username)
                .set(USERNAME_KEY, key(username))
                .set(EMAIL, email)
                .set(DISPLAY_NAME, displayName)
                .set(PASSWORD_HASH, passwordHash)
                .set(ADMINISTRATOR, administrator)
                .set(ENABLED, true)
                .set(CREATED_AT, clock.millis())
                .execute();
        events.publishEvent(new UserCreated(id, username, administrator));
        return findById(id).orElseThrow();
    }

    /** Records a successful sign-in. */
    @Transactional
    void signedIn(String username) {
        db.update(USER).set(LAST_LOGIN_AT, clock.millis()).where(USERNAME_KEY.eq(key(username))).execute();
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        Record row = db.selectFrom(USER).where(USERNAME_KEY.eq(key(username))).fetchOne();
        if (row == null || row.get(PASSWORD_HASH) == null) {
            throw new UsernameNotFoundException("no such user");
        }
        var authorities = Boolean.TRUE.equals(row.get(ADMINISTRATOR))
                ? List.of(new SimpleGrantedAuthority("ROLE_USER"), new SimpleGrantedAuthority("ROLE_ADMIN"))
                : List.of(new SimpleGrantedAuthority("ROLE_USER"));
        return User.withUsername(row.get(USERNAME))
                .password(row.get(PASSWORD_HASH))
                .disabled(!Boolean.TRUE.equals(row.get(ENABLED)))
                .authorities(authorities)
                .build();
    }

    static String key(String username) {
        return username.strip().toLowerCase(Locale.ROOT);
    }

    private static UserAccount toAccount(Record row) {
        Long lastLogin = row.get(LAST_LOGIN_AT);
        return new UserAccount(new UserId(UUID.fromString(row.get(ID))), row.get(USERNAME), row.get(EMAIL),
                row.get(DISPLAY_NAME), Boolean.TRUE.equals(row.get(ADMINISTRATOR)), Boolean.TRUE.equals(row.get(ENABLED)),
                Instant.ofEpochMilli(row.get(CREATED_AT)), lastLogin == null ? null : Instant.ofEpochMilli(lastLogin));
    }
}
