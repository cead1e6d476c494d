package dev.holdfast.platform.identity.internal;

import static dev.holdfast.platform.identity.internal.UserTable.*;

import dev.holdfast.platform.identity.UserAccount;
import dev.holdfast.platform.identity.UserAccount.Kind;
import dev.holdfast.platform.identity.UserAccount.UserId;
import dev.holdfast.platform.identity.UserDeleted;
import dev.holdfast.platform.identity.UserDisabled;
import dev.holdfast.platform.identity.UserEnabled;
import dev.holdfast.platform.identity.UserUpdated;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Administrators' changes to people and service accounts. Disabling or deleting someone ends all their sessions
 * at once, in the same transaction (Spring Session joins it: {@link SessionTransactions}); their live connections
 * close through the live channel's session watch, and their API tokens stop working.
 */
@Service
class UserAdministration {

    private final DSLContext db;
    private final JooqUsers users;
    private final JooqRoles roles;
    private final PasswordEncoder passwords;
    private final FindByIndexNameSessionRepository<? extends Session> sessions;
    private final ApplicationEventPublisher events;
    private final AdminAudit audit;
    private final PasswordPolicy policy;

    UserAdministration(DSLContext db, JooqUsers users, JooqRoles roles, PasswordEncoder passwords,
            FindByIndexNameSessionRepository<? extends Session> sessions, ApplicationEventPublisher events, AdminAudit audit,
            PasswordPolicy policy) {
        this.policy = policy;
        this.db = db;
        this.users = users;
        this.roles = roles;
        this.passwords = passwords;
        this.sessions = sessions;
        this.events = events;
        this.audit = audit;
    }

    UserPage search(Kind kind, String query, int page, int size) {
        int total = users.countMatching(kind, query);
        int last = Math.max(0, (total - 1) / size);
        int at = Math.min(Math.max(page, 0), last);
        return new UserPage(users.search(kind, query, at * size, size), at, size, total);
    }

    /** Creates a person; without a password they cannot sign in until one is set (invitation or reset). */
    @Transactional
    UserAccount createPerson(Actor actor, String username, @Nullable String email, @Nullable String displayName,
            @Nullable String password, Map<String, String> attributes) {
        if (password != null) {
            PasswordPolicy.Verdict verdict = policy.check(password, username, email, displayName, null);
            if (!verdict.acceptable()) {
                throw DirectoryException.invalid(String.join(" ", verdict.problems()));
            }
        }
        UserAccount created = users.insert(username, email, displayName, password == null ? null : passwords.encode(password),
                false, Kind.PERSON);
        writeAttributes(created.id(), attributes);
        audit.record(actor, "user.created", target(created.id()), Map.of(), fields(created));
        return created;
    }

    /** Creates a service account: no password, signs in with API tokens only. */
    @Transactional
    UserAccount createServiceAccount(Actor actor, String name, @Nullable String description) {
        UserAccount created = users.insert(name, null, description, null, false, Kind.SERVICE);
        audit.record(actor, "service_account.created", target(created.id()), Map.of(), fields(created));
        return created;
    }

    /** Changes email, display name and attributes (null leaves attributes as they are), and enables or disables. */
    @Transactional
    UserAccount update(Actor actor, UserId id, @Nullable String email, @Nullable String displayName,
            @Nullable Map<String, String> attributes, boolean enabled) {
        UserAccount before = users.get(id);
        Map<String, String> beforeFields = fields(before);
        db.update(USER).set(EMAIL, email).set(DISPLAY_NAME, displayName).where(ID.eq(id.toString())).execute();
        if (attributes != null) {
            db.deleteFrom(DirectoryTables.USER_ATTRIBUTE).where(DirectoryTables.ATTR_USER.eq(id.toString())).execute();
            writeAttributes(id, attributes);
        }
        UserAccount after = users.get(id);
        if (!beforeFields.equals(fields(after))) {
            audit.record(actor, action(before, "updated"), target(id), beforeFields, fields(after));
            events.publishEvent(new UserUpdated(id, after.username()));
        }
        if (enabled != before.enabled()) {
            setEnabled(actor, id, enabled);
        }
        return users.get(id);
    }

    /** Enables or disables; disabling ends every session of the user at once. Doing it twice changes nothing. */
    @Transactional
    void setEnabled(Actor actor, UserId id, boolean enabled) {
        UserAccount before = users.get(id);
        if (before.enabled() == enabled) {
            return;
        }
        db.update(USER).set(ENABLED, enabled).where(ID.eq(id.toString())).execute();
        if (!enabled) {
            if (before.username().equalsIgnoreCase(actor.name())) {
                throw DirectoryException.conflict("You cannot disable your own account.");
            }
            roles.requireAnAdministrator();
        }
        int ended = enabled ? 0 : endSessions(before.username());
        Map<String, String> after = new LinkedHashMap<>(Map.of("enabled", String.valueOf(enabled)));
        if (!enabled) {
            after.put("sessions_ended", String.valueOf(ended));
        }
        audit.record(actor, action(before, enabled ? "enabled" : "disabled"), target(id),
                Map.of("enabled", String.valueOf(before.enabled())), after);
        events.publishEvent(enabled ? new UserEnabled(id, before.username()) : new UserDisabled(id, before.username()));
    }

    /** Deletes the user with their memberships, role assignments, tokens and sessions. */
    @Transactional
    void delete(Actor actor, UserId id) {
        UserAccount before = users.get(id);
        if (before.username().equalsIgnoreCase(actor.name())) {
            throw DirectoryException.conflict("You cannot delete your own account.");
        }
        db.deleteFrom(DirectoryTables.ASSIGNMENT).where(DirectoryTables.ASSIGNMENT_KIND.eq("user"),
                DirectoryTables.ASSIGNMENT_SUBJECT.eq(id.toString())).execute();
        db.deleteFrom(DirectoryTables.MEMBER).where(DirectoryTables.MEMBER_USER.eq(id.toString())).execute();
        db.deleteFrom(DirectoryTables.USER_ATTRIBUTE).where(DirectoryTables.ATTR_USER.eq(id.toString())).execute();
        db.deleteFrom(DirectoryTables.TOKEN).where(DirectoryTables.TOKEN_USER.eq(id.toString())).execute();
        db.deleteFrom(USER).where(ID.eq(id.toString())).execute();
        roles.requireAnAdministrator();
        endSessions(before.username());
        audit.record(actor, action(before, "deleted"), target(id), fields(before), Map.of());
        events.publishEvent(new UserDeleted(id, before.username()));
    }

    private int endSessions(String username) {
        var ids = List.copyOf(sessions.findByPrincipalName(username).keySet());
        ids.forEach(sessions::deleteById);
        if (!ids.isEmpty()) {
            events.publishEvent(new SessionsEnded(username, ids));
        }
        return ids.size();
    }

    private void writeAttributes(UserId id, Map<String, String> attributes) {
        attributes.forEach((name, value) -> db.insertInto(DirectoryTables.USER_ATTRIBUTE).set(DirectoryTables.ATTR_USER, id.toString())
                .set(DirectoryTables.ATTR_NAME, name).set(DirectoryTables.ATTR_VALUE, value).execute());
    }

    private Map<String, String> fields(UserAccount user) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("username", user.username());
        fields.put("email", user.email() == null ? "" : user.email());
        fields.put("display_name", user.displayName() == null ? "" : user.displayName());
        fields.put("enabled", String.valueOf(user.enabled()));
        users.attributesOf(user.id()).forEach((name, value) -> fields.put("attribute." + name, value));
        return fields;
    }

    private static String action(UserAccount user, String verb) {
        return (user.kind() == Kind.SERVICE ? "service_account." : "user.") + verb;
    }

    static String target(UserId id) {
        return "user:" + id;
    }
}
