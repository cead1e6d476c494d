package dev.holdfast.platform.identity.internal;

import static dev.holdfast.platform.identity.internal.UserTable.*;

import dev.holdfast.platform.identity.Group;
import dev.holdfast.platform.identity.Group.GroupId;
import dev.holdfast.platform.identity.Role;
import dev.holdfast.platform.identity.UserAccount;
import dev.holdfast.platform.identity.UserAccount.Kind;
import dev.holdfast.platform.identity.UserAccount.UserId;
import dev.holdfast.platform.identity.UserCreated;
import dev.holdfast.platform.identity.UserManagement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.core.GrantedAuthority;
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
    private final JooqGroups groups;
    private final JooqRoles roles;

    JooqUsers(DSLContext db, Clock clock, ApplicationEventPublisher events, JooqGroups groups, JooqRoles roles) {
        this.db = db;
        this.clock = clock;
        this.events = events;
        this.groups = groups;
        this.roles = roles;
    }

    @Override
    public long count() {
        return db.fetchCount(USER);
    }

    @Override
    public Optional<UserAccount> findByUsername(String username) {
        return db.selectFrom(USER).where(USERNAME_KEY.eq(key(username))).fetchOptional().map(this::toAccount);
    }

    @Override
    public Optional<UserAccount> findById(UserId id) {
        return db.selectFrom(USER).where(ID.eq(id.toString())).fetchOptional().map(this::toAccount);
    }

    UserAccount get(UserId id) {
        return findById(id).orElseThrow(() -> DirectoryException.notFound("user"));
    }

    @Override
    public Map<String, String> attributesOf(UserId user) {
        Map<String, String> attributes = new LinkedHashMap<>();
        db.selectFrom(DirectoryTables.USER_ATTRIBUTE).where(DirectoryTables.ATTR_USER.eq(user.toString()))
                .orderBy(DirectoryTables.ATTR_NAME).fetch()
                .forEach(row -> attributes.put(row.get(DirectoryTables.ATTR_NAME), row.get(DirectoryTables.ATTR_VALUE)));
        return attributes;
    }

    @Override
    public List<Group> groupsOf(UserId user) {
        return groups.groupsOf(user);
    }

    @Override
    public List<UserId> membersOf(GroupId group) {
        return groups.members(group);
    }

    @Override
    public List<Role> effectiveRolesOf(UserId user) {
        return roles.effectiveRolesOf(user);
    }

    @Override
    public Set<String> permissionsOf(UserId user, @Nullable String application) {
        return roles.permissionsOf(user, application);
    }

    /** Adds a person; the password hash is already computed. Fails on a duplicate username. */
    @Transactional
    UserAccount create(String username, @Nullable String email, @Nullable String displayName, @Nullable String passwordHash,
            boolean administrator) {
        return insert(username, email, displayName, passwordHash, administrator, Kind.PERSON);
    }

    @Transactional
    UserAccount insert(String username, @Nullable String email, @Nullable String displayName, @Nullable String passwordHash,
            boolean administrator, Kind kind) {
        if (db.fetchExists(USER, USERNAME_KEY.eq(key(username)))) {
            throw DirectoryException.conflict("The username " + username.strip() + " is taken.");
        }
        UserId id = UserId.random();
        db.insertInto(USER)
                .set(ID, id.toString())
                .set(USERNAME, username)
                .set(USERNAME_KEY, key(username))
                .set(EMAIL, email)
                .set(DISPLAY_NAME, displayName)
                .set(PASSWORD_HASH, passwordHash)
                .set(ENABLED, true)
                .set(CREATED_AT, clock.millis())
                .set(KIND, kind.name().toLowerCase(Locale.ROOT))
                .execute();
        if (administrator) {
            db.insertInto(DirectoryTables.ASSIGNMENT).set(DirectoryTables.ASSIGNMENT_ROLE, Role.ADMINISTRATOR.toString())
                    .set(DirectoryTables.ASSIGNMENT_KIND, "user").set(DirectoryTables.ASSIGNMENT_SUBJECT, id.toString()).execute();
        }
        events.publishEvent(new UserCreated(id, username, administrator));
        return findById(id).orElseThrow();
    }

    /** One page of users of a kind whose username, email or display name contains the query (any case), by username. */
    List<UserAccount> search(Kind kind, String query, int offset, int limit) {
        Set<String> administrators = roles.administratorIds();
        return db.selectFrom(USER).where(matching(kind, query)).orderBy(USERNAME_KEY).offset(offset).limit(limit)
                .fetch(row -> toAccount(row, administrators));
    }

    int countMatching(Kind kind, String query) {
        return db.fetchCount(USER, matching(kind, query));
    }

    private static org.jooq.Condition matching(Kind kind, String query) {
        var condition = KIND.eq(kind.name().toLowerCase(Locale.ROOT));
        if (query.isBlank()) {
            return condition;
        }
        String like = "%" + query.strip().toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        return condition.and(USERNAME_KEY.like(like, '\\')
                .or(org.jooq.impl.DSL.lower(EMAIL).like(like, '\\'))
                .or(org.jooq.impl.DSL.lower(DISPLAY_NAME).like(like, '\\')));
    }

    /** Records a successful sign-in. */
    @Transactional
    void signedIn(String username) {
        db.update(USER).set(LAST_LOGIN_AT, clock.millis()).where(USERNAME_KEY.eq(key(username))).execute();
    }

    /**
     * Enabled people with a password only: service accounts, disabled people and people without a password yet
     * are "not found", so Spring Security answers them exactly like an unknown user or a wrong password, after the
     * same dummy hash (no early answer that would tell a disabled account apart by its timing).
     */
    @Override
    public UserDetails loadUserByUsername(String username) {
        Record row = db.selectFrom(USER).where(USERNAME_KEY.eq(key(username)), KIND.eq("person"), ENABLED.isTrue()).fetchOne();
        if (row == null || row.get(PASSWORD_HASH) == null) {
            throw new UsernameNotFoundException("no such user");
        }
        return User.withUsername(row.get(USERNAME))
                .password(row.get(PASSWORD_HASH))
                .authorities(authorities(new UserId(UUID.fromString(row.get(ID)))))
                .build();
    }

    /** ROLE_USER, plus ROLE_ADMIN for holders of {@link Role#ADMIN_PERMISSION} through a global role. */
    List<GrantedAuthority> authorities(UserId user) {
        List<GrantedAuthority> authorities = new ArrayList<>(List.of(new SimpleGrantedAuthority("ROLE_USER")));
        if (roles.permissionsOf(user, null).contains(Role.ADMIN_PERMISSION)) {
            authorities.add(new SimpleGrantedAuthority("ROLE_ADMIN"));
        }
        return authorities;
    }

    static String key(String username) {
        return username.strip().toLowerCase(Locale.ROOT);
    }

    private UserAccount toAccount(Record row) {
        return toAccount(row, roles.administratorIds());
    }

    private static UserAccount toAccount(Record row, Set<String> administrators) {
        Long lastLogin = row.get(LAST_LOGIN_AT);
        return new UserAccount(new UserId(UUID.fromString(row.get(ID))), row.get(USERNAME), row.get(EMAIL),
                row.get(DISPLAY_NAME), administrators.contains(row.get(ID)), Boolean.TRUE.equals(row.get(ENABLED)),
                Instant.ofEpochMilli(row.get(CREATED_AT)), lastLogin == null ? null : Instant.ofEpochMilli(lastLogin),
                Kind.valueOf(row.get(KIND).toUpperCase(Locale.ROOT)));
    }
}
