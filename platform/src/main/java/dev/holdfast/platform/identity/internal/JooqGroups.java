package dev.holdfast.platform.identity.internal;

import static dev.holdfast.platform.identity.internal.DirectoryTables.*;

import dev.holdfast.platform.identity.Group;
import dev.holdfast.platform.identity.Group.GroupId;
import dev.holdfast.platform.identity.GroupChanged;
import dev.holdfast.platform.identity.GroupMembershipChanged;
import dev.holdfast.platform.identity.UserAccount.UserId;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.SQLDialect;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Hierarchical groups, their attributes and members. A group's parent chain never loops back to itself. */
@Service
class JooqGroups {

    private final DSLContext db;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final AdminAudit audit;

    JooqGroups(DSLContext db, Clock clock, ApplicationEventPublisher events, AdminAudit audit) {
        this.db = db;
        this.clock = clock;
        this.events = events;
        this.audit = audit;
    }

    /** Every group, by name. */
    List<Group> all() {
        Map<String, Map<String, String>> attributes = new HashMap<>();
        db.selectFrom(GROUP_ATTRIBUTE).fetch().forEach(row ->
                attributes.computeIfAbsent(row.get(ATTR_GROUP), id -> new LinkedHashMap<>()).put(row.get(ATTR_NAME), row.get(ATTR_VALUE)));
        return db.selectFrom(GROUP).orderBy(GROUP_NAME_KEY).fetch(row -> toGroup(row, attributes.getOrDefault(row.get(GROUP_ID), Map.of())));
    }

    Optional<Group> find(GroupId id) {
        return db.selectFrom(GROUP).where(GROUP_ID.eq(id.toString())).fetchOptional().map(row -> toGroup(row, attributes(id)));
    }

    Group get(GroupId id) {
        return find(id).orElseThrow(() -> DirectoryException.notFound("group"));
    }

    @Transactional
    Group create(Actor actor, String name, @Nullable GroupId parent, @Nullable String description, Map<String, String> attributes) {
        GroupId id = GroupId.random();
        if (parent != null) {
            get(parent);
        }
        requireFreeName(name, null);
        db.insertInto(GROUP).set(GROUP_ID, id.toString()).set(GROUP_NAME, name).set(GROUP_NAME_KEY, JooqUsers.key(name))
                .set(GROUP_PARENT, parent == null ? null : parent.toString()).set(GROUP_DESCRIPTION, description)
                .set(GROUP_CREATED_AT, clock.millis()).execute();
        writeAttributes(id, attributes);
        Group group = get(id);
        audit.record(actor, "group.created", target(id), Map.of(), fields(group));
        events.publishEvent(new GroupChanged(id, false));
        return group;
    }

    /** Renames, moves or describes a group, and replaces its attributes. Refuses a parent that would close a loop. */
    @Transactional
    Group update(Actor actor, GroupId id, String name, @Nullable GroupId parent, @Nullable String description,
            Map<String, String> attributes) {
        lockTree();
        Group before = get(id);
        if (parent != null) {
            get(parent);
            requireNoCycle(id, parent);
        }
        requireFreeName(name, id);
        db.update(GROUP).set(GROUP_NAME, name).set(GROUP_NAME_KEY, JooqUsers.key(name))
                .set(GROUP_PARENT, parent == null ? null : parent.toString()).set(GROUP_DESCRIPTION, description)
                .where(GROUP_ID.eq(id.toString())).execute();
        db.deleteFrom(GROUP_ATTRIBUTE).where(ATTR_GROUP.eq(id.toString())).execute();
        writeAttributes(id, attributes);
        Group after = get(id);
        AuthorityRefresh.bump(db);
        audit.record(actor, "group.updated", target(id), fields(before), fields(after));
        events.publishEvent(new GroupChanged(id, false));
        return after;
    }

    /** Deletes a group without subgroups, with its memberships and role assignments. */
    @Transactional
    void delete(Actor actor, GroupId id) {
        Group before = get(id);
        if (db.fetchExists(GROUP, GROUP_PARENT.eq(id.toString()))) {
            throw DirectoryException.conflict("Group " + before.name() + " has subgroups; move or delete them first.");
        }
        db.deleteFrom(ASSIGNMENT).where(ASSIGNMENT_KIND.eq("group"), ASSIGNMENT_SUBJECT.eq(id.toString())).execute();
        db.deleteFrom(MEMBER).where(MEMBER_GROUP.eq(id.toString())).execute();
        db.deleteFrom(GROUP_ATTRIBUTE).where(ATTR_GROUP.eq(id.toString())).execute();
        db.deleteFrom(GROUP).where(GROUP_ID.eq(id.toString())).execute();
        AuthorityRefresh.bump(db);
        audit.record(actor, "group.deleted", target(id), fields(before), Map.of());
        events.publishEvent(new GroupChanged(id, true));
    }

    /** Adds a member; adding one who is already a member changes nothing. */
    @Transactional
    void addMember(Actor actor, GroupId id, UserId user, String username) {
        Group group = get(id);
        if (members(id).contains(user)) {
            return;
        }
        db.insertInto(MEMBER).set(MEMBER_GROUP, id.toString()).set(MEMBER_USER, user.toString()).execute();
        AuthorityRefresh.bump(db);
        audit.record(actor, "group.member_added", target(id), Map.of(), Map.of("group", group.name(), "member", username));
        events.publishEvent(new GroupMembershipChanged(id, user, true));
    }

    @Transactional
    void removeMember(Actor actor, GroupId id, UserId user, String username) {
        Group group = get(id);
        if (db.deleteFrom(MEMBER).where(MEMBER_GROUP.eq(id.toString()), MEMBER_USER.eq(user.toString())).execute() == 0) {
            throw DirectoryException.notFound("member of this group");
        }
        AuthorityRefresh.bump(db);
        audit.record(actor, "group.member_removed", target(id), Map.of("group", group.name(), "member", username), Map.of());
        events.publishEvent(new GroupMembershipChanged(id, user, false));
    }

    List<UserId> members(GroupId id) {
        return db.select(MEMBER_USER).from(MEMBER).where(MEMBER_GROUP.eq(id.toString()))
                .fetch(row -> new UserId(UUID.fromString(row.value1())));
    }

    /** The groups the user is a member of themselves, by name. */
    List<Group> directGroupsOf(UserId user) {
        Set<String> ids = Set.copyOf(db.select(MEMBER_GROUP).from(MEMBER).where(MEMBER_USER.eq(user.toString())).fetch(row -> row.value1()));
        return all().stream().filter(group -> ids.contains(group.id().toString())).toList();
    }

    /** The user's groups and all their ancestors, each once, by name. */
    List<Group> groupsOf(UserId user) {
        List<String> direct = db.select(MEMBER_GROUP).from(MEMBER).where(MEMBER_USER.eq(user.toString())).fetch(row -> row.value1());
        if (direct.isEmpty()) {
            return List.of();
        }
        Map<String, @Nullable String> parents = parents();
        Set<String> ids = new LinkedHashSet<>();
        for (String id : direct) {
            for (String at = id; at != null && ids.add(at); at = parents.get(at)) {
                // walks up to the root; add() stops at a group already seen
            }
        }
        List<Group> all = all();
        return all.stream().filter(group -> ids.contains(group.id().toString())).toList();
    }

    /** The group and all its descendants' ids. */
    Set<String> withDescendants(Set<String> roots) {
        Map<String, @Nullable String> parents = parents();
        Set<String> result = new LinkedHashSet<>(roots);
        boolean grew = true;
        while (grew) {
            grew = false;
            for (var entry : parents.entrySet()) {
                if (entry.getValue() != null && result.contains(entry.getValue()) && result.add(entry.getKey())) {
                    grew = true;
                }
            }
        }
        return result;
    }

    /** Groups ordered as a tree (parents before children, siblings by name), with each one's depth. */
    List<GroupNode> tree() {
        List<Group> all = all();
        Map<@Nullable GroupId, List<Group>> children = new HashMap<>();
        all.forEach(group -> children.computeIfAbsent(group.parent(), key -> new ArrayList<>()).add(group));
        List<GroupNode> nodes = new ArrayList<>();
        addChildren(children, null, 0, nodes);
        return nodes;
    }

    private void addChildren(Map<@Nullable GroupId, List<Group>> children, @Nullable GroupId parent, int depth, List<GroupNode> nodes) {
        List<Group> level = new ArrayList<>(children.getOrDefault(parent, List.of()));
        level.sort(Comparator.comparing(group -> group.name().toLowerCase(java.util.Locale.ROOT)));
        for (Group group : level) {
            nodes.add(new GroupNode(group, depth));
            addChildren(children, group.id(), depth + 1, nodes);
        }
    }

    private Map<String, @Nullable String> parents() {
        Map<String, @Nullable String> parents = new HashMap<>();
        db.select(GROUP_ID, GROUP_PARENT).from(GROUP).fetch().forEach(row -> parents.put(row.value1(), row.value2()));
        return parents;
    }

    private void requireNoCycle(GroupId id, GroupId parent) {
        Map<String, @Nullable String> parents = parents();
        Set<String> seen = new LinkedHashSet<>();
        for (String at = parent.toString(); at != null && seen.add(at); at = parents.get(at)) {
            if (at.equals(id.toString())) {
                throw DirectoryException.conflict("A group cannot be inside itself: that parent is the group or one of its subgroups.");
            }
        }
    }

    /** On PostgreSQL, serialises changes to the tree so two concurrent moves cannot close a loop together. */
    private void lockTree() {
        if (db.dialect().family() == SQLDialect.POSTGRES) {
            db.select(GROUP_ID).from(GROUP).forUpdate().fetch();
        }
    }

    private void requireFreeName(String name, @Nullable GroupId self) {
        var same = db.select(GROUP_ID).from(GROUP).where(GROUP_NAME_KEY.eq(JooqUsers.key(name))).fetchOne(GROUP_ID);
        if (same != null && (self == null || !same.equals(self.toString()))) {
            throw DirectoryException.conflict("A group named " + name + " already exists.");
        }
    }

    private void writeAttributes(GroupId id, Map<String, String> attributes) {
        attributes.forEach((name, value) -> db.insertInto(GROUP_ATTRIBUTE)
                .set(ATTR_GROUP, id.toString()).set(ATTR_NAME, name).set(ATTR_VALUE, value).execute());
    }

    private Map<String, String> attributes(GroupId id) {
        Map<String, String> attributes = new LinkedHashMap<>();
        db.selectFrom(GROUP_ATTRIBUTE).where(ATTR_GROUP.eq(id.toString())).orderBy(ATTR_NAME).fetch()
                .forEach(row -> attributes.put(row.get(ATTR_NAME), row.get(ATTR_VALUE)));
        return attributes;
    }

    private static Group toGroup(Record row, Map<String, String> attributes) {
        String parent = row.get(GROUP_PARENT);
        return new Group(new GroupId(UUID.fromString(row.get(GROUP_ID))), row.get(GROUP_NAME),
                parent == null ? null : new GroupId(UUID.fromString(parent)), row.get(GROUP_DESCRIPTION), attributes);
    }

    static String target(GroupId id) {
        return "group:" + id;
    }

    private static Map<String, String> fields(Group group) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("name", group.name());
        fields.put("parent", group.parent() == null ? "" : group.parent().toString());
        fields.put("description", group.description() == null ? "" : group.description());
        group.attributes().forEach((name, value) -> fields.put("attribute." + name, value));
        return fields;
    }
}
