package dev.holdfast.platform.identity.internal;

import static dev.holdfast.platform.identity.internal.DirectoryTables.*;
import static org.jooq.impl.DSL.and;
import static org.jooq.impl.DSL.or;

import dev.holdfast.platform.identity.Group;
import dev.holdfast.platform.identity.Role;
import dev.holdfast.platform.identity.Role.RoleId;
import dev.holdfast.platform.identity.RoleAssignmentChanged;
import dev.holdfast.platform.identity.RoleAssignmentChanged.Subject;
import dev.holdfast.platform.identity.RoleChanged;
import dev.holdfast.platform.identity.UserAccount.UserId;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Roles, their permissions, and their assignment to users and groups; what a user effectively holds. */
@Service
class JooqRoles {

    private final DSLContext db;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final AdminAudit audit;
    private final JooqGroups groups;

    JooqRoles(DSLContext db, Clock clock, ApplicationEventPublisher events, AdminAudit audit, JooqGroups groups) {
        this.db = db;
        this.clock = clock;
        this.events = events;
        this.audit = audit;
        this.groups = groups;
    }

    /** A role assigned to a user or a group. */
    record Assignment(Subject subject, UUID subjectId) {

        String kind() {
            return subject.name().toLowerCase(Locale.ROOT);
        }
    }

    List<Role> all() {
        return fetch(org.jooq.impl.DSL.trueCondition());
    }

    Optional<Role> find(RoleId id) {
        return fetch(ROLE_ID.eq(id.toString())).stream().findFirst();
    }

    Role get(RoleId id) {
        return find(id).orElseThrow(() -> DirectoryException.notFound("role"));
    }

    @Transactional
    Role create(Actor actor, String name, @Nullable String application, @Nullable String description, Set<String> permissions) {
        RoleId id = RoleId.random();
        requireFreeName(name, null);
        db.insertInto(ROLE).set(ROLE_ID, id.toString()).set(ROLE_NAME, name).set(ROLE_NAME_KEY, JooqUsers.key(name))
                .set(ROLE_APPLICATION, application).set(ROLE_DESCRIPTION, description).set(ROLE_BUILT_IN, false)
                .set(ROLE_CREATED_AT, clock.millis()).execute();
        writePermissions(id, permissions);
        Role role = get(id);
        audit.record(actor, "role.created", target(id), Map.of(), fields(role));
        events.publishEvent(new RoleChanged(id, false));
        return role;
    }

    @Transactional
    Role update(Actor actor, RoleId id, String name, @Nullable String application, @Nullable String description,
            Set<String> permissions) {
        Role before = requireEditable(id);
        requireFreeName(name, id);
        db.update(ROLE).set(ROLE_NAME, name).set(ROLE_NAME_KEY, JooqUsers.key(name)).set(ROLE_APPLICATION, application)
                .set(ROLE_DESCRIPTION, description).where(ROLE_ID.eq(id.toString())).execute();
        db.deleteFrom(PERMISSION).where(PERMISSION_ROLE.eq(id.toString())).execute();
        writePermissions(id, permissions);
        Role after = get(id);
        requireAnAdministrator();
        AuthorityRefresh.bump(db);
        audit.record(actor, "role.updated", target(id), fields(before), fields(after));
        events.publishEvent(new RoleChanged(id, false));
        return after;
    }

    @Transactional
    void delete(Actor actor, RoleId id) {
        Role before = requireEditable(id);
        db.deleteFrom(ASSIGNMENT).where(ASSIGNMENT_ROLE.eq(id.toString())).execute();
        db.deleteFrom(PERMISSION).where(PERMISSION_ROLE.eq(id.toString())).execute();
        db.deleteFrom(ROLE).where(ROLE_ID.eq(id.toString())).execute();
        requireAnAdministrator();
        AuthorityRefresh.bump(db);
        audit.record(actor, "role.deleted", target(id), fields(before), Map.of());
        events.publishEvent(new RoleChanged(id, true));
    }

    /** Assigns the role; assigning it again changes nothing. The subject must exist (the caller checks). */
    @Transactional
    void assign(Actor actor, RoleId id, Assignment to, String subjectName) {
        Role role = get(id);
        if (assignments(id).contains(to)) {
            return;
        }
        db.insertInto(ASSIGNMENT).set(ASSIGNMENT_ROLE, id.toString()).set(ASSIGNMENT_KIND, to.kind())
                .set(ASSIGNMENT_SUBJECT, to.subjectId().toString()).execute();
        AuthorityRefresh.bump(db);
        audit.record(actor, "role.assigned", target(id), Map.of(), Map.of("role", role.name(), to.kind(), subjectName));
        events.publishEvent(new RoleAssignmentChanged(id, to.subject(), to.subjectId(), true));
    }

    @Transactional
    void unassign(Actor actor, RoleId id, Assignment from, String subjectName) {
        Role role = get(id);
        if (db.deleteFrom(ASSIGNMENT).where(ASSIGNMENT_ROLE.eq(id.toString()), ASSIGNMENT_KIND.eq(from.kind()),
                ASSIGNMENT_SUBJECT.eq(from.subjectId().toString())).execute() == 0) {
            throw DirectoryException.notFound("assignment of this role");
        }
        requireAnAdministrator();
        AuthorityRefresh.bump(db);
        audit.record(actor, "role.unassigned", target(id), Map.of("role", role.name(), from.kind(), subjectName), Map.of());
        events.publishEvent(new RoleAssignmentChanged(id, from.subject(), from.subjectId(), false));
    }

    List<Assignment> assignments(RoleId id) {
        return db.select(ASSIGNMENT_KIND, ASSIGNMENT_SUBJECT).from(ASSIGNMENT).where(ASSIGNMENT_ROLE.eq(id.toString()))
                .fetch(row -> new Assignment(Subject.valueOf(row.value1().toUpperCase(Locale.ROOT)), UUID.fromString(row.value2())));
    }

    /** Roles assigned directly to the user or the group (not inherited). */
    List<Role> assignedTo(Assignment subject) {
        return fetch(ROLE_ID.in(db.select(ASSIGNMENT_ROLE).from(ASSIGNMENT)
                .where(ASSIGNMENT_KIND.eq(subject.kind()), ASSIGNMENT_SUBJECT.eq(subject.subjectId().toString()))));
    }

    /** Roles assigned to the user or to any of their groups and those groups' ancestors. */
    List<Role> effectiveRolesOf(UserId user) {
        Set<String> groupIds = groups.groupsOf(user).stream().map(group -> group.id().toString()).collect(Collectors.toSet());
        Condition toUser = and(ASSIGNMENT_KIND.eq("user"), ASSIGNMENT_SUBJECT.eq(user.toString()));
        Condition toGroups = and(ASSIGNMENT_KIND.eq("group"), ASSIGNMENT_SUBJECT.in(groupIds));
        return fetch(ROLE_ID.in(db.select(ASSIGNMENT_ROLE).from(ASSIGNMENT).where(or(toUser, toGroups))));
    }

    Set<String> permissionsOf(UserId user, @Nullable String application) {
        return effectiveRolesOf(user).stream().filter(role -> role.global() || role.application().equals(application))
                .flatMap(role -> role.permissions().stream()).collect(Collectors.toCollection(TreeSet::new));
    }

    /** Ids of users who hold the administrator permission through a global role, directly or by a group. */
    Set<String> administratorIds() {
        var adminRoles = db.select(PERMISSION_ROLE).from(PERMISSION).join(ROLE).on(ROLE_ID.eq(PERMISSION_ROLE))
                .where(PERMISSION_NAME.eq(Role.ADMIN_PERMISSION), ROLE_APPLICATION.isNull());
        Set<String> users = new java.util.HashSet<>();
        Set<String> adminGroups = new java.util.HashSet<>();
        db.select(ASSIGNMENT_KIND, ASSIGNMENT_SUBJECT).from(ASSIGNMENT).where(ASSIGNMENT_ROLE.in(adminRoles)).fetch()
                .forEach(row -> ("user".equals(row.value1()) ? users : adminGroups).add(row.value2()));
        Set<String> groupIds = groups.withDescendants(adminGroups);
        if (!groupIds.isEmpty()) {
            users.addAll(db.select(MEMBER_USER).from(MEMBER).where(MEMBER_GROUP.in(groupIds)).fetch(row -> row.value1()));
        }
        return users;
    }

    /** Refuses a change that would leave no enabled person able to administer Holdfast. */
    void requireAnAdministrator() {
        Set<String> ids = administratorIds();
        boolean any = !ids.isEmpty() && db.fetchExists(UserTable.USER, UserTable.ID.in(ids), UserTable.ENABLED.isTrue(),
                USER_KIND.eq("person"));
        if (!any) {
            throw DirectoryException.conflict("This would leave no enabled administrator; make someone else an administrator first.");
        }
    }

    /** Every group the role is assigned to, for pages. */
    List<Group> groupsAssigned(RoleId id) {
        Set<String> ids = assignments(id).stream().filter(a -> a.subject() == Subject.GROUP)
                .map(a -> a.subjectId().toString()).collect(Collectors.toSet());
        return groups.all().stream().filter(group -> ids.contains(group.id().toString())).toList();
    }

    private Role requireEditable(RoleId id) {
        Role role = get(id);
        if (role.builtIn()) {
            throw DirectoryException.conflict("The built-in role " + role.name() + " cannot be changed or deleted.");
        }
        return role;
    }

    private void requireFreeName(String name, @Nullable RoleId self) {
        var same = db.select(ROLE_ID).from(ROLE).where(ROLE_NAME_KEY.eq(JooqUsers.key(name))).fetchOne(ROLE_ID);
        if (same != null && (self == null || !same.equals(self.toString()))) {
            throw DirectoryException.conflict("A role named " + name + " already exists.");
        }
    }

    private void writePermissions(RoleId id, Set<String> permissions) {
        permissions.forEach(permission -> db.insertInto(PERMISSION).set(PERMISSION_ROLE, id.toString())
                .set(PERMISSION_NAME, permission).execute());
    }

    private List<Role> fetch(Condition condition) {
        var rows = db.select(ROLE_ID, ROLE_NAME, ROLE_APPLICATION, ROLE_DESCRIPTION, ROLE_BUILT_IN).from(ROLE)
                .where(condition).orderBy(ROLE_NAME_KEY).fetch();
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<String, Set<String>> permissions = new HashMap<>();
        db.select(PERMISSION_ROLE, PERMISSION_NAME).from(PERMISSION).where(PERMISSION_ROLE.in(rows.getValues(ROLE_ID))).fetch()
                .forEach(row -> permissions.computeIfAbsent(row.value1(), key -> new TreeSet<>()).add(row.value2()));
        return rows.map(row -> toRole(row, permissions.getOrDefault(row.get(ROLE_ID), Set.of())));
    }

    private static Role toRole(Record row, Set<String> permissions) {
        return new Role(new RoleId(UUID.fromString(row.get(ROLE_ID))), row.get(ROLE_NAME), row.get(ROLE_APPLICATION),
                row.get(ROLE_DESCRIPTION), permissions, Boolean.TRUE.equals(row.get(ROLE_BUILT_IN)));
    }

    static String target(RoleId id) {
        return "role:" + id;
    }

    private static Map<String, String> fields(Role role) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("name", role.name());
        fields.put("application", role.application() == null ? "" : role.application());
        fields.put("description", role.description() == null ? "" : role.description());
        fields.put("permissions", String.join(",", new TreeSet<>(role.permissions())));
        return fields;
    }
}
