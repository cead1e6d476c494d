package dev.holdfast.platform.crm.access;

import static dev.holdfast.platform.crm.access.AccessTables.*;

import dev.holdfast.platform.crm.access.CrmRole.FieldAccess;
import java.time.Clock;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Repository;

/** Roles, teams and group mappings in the database. No validation here: callers pass checked values. */
@Repository
class AccessStore {

    private final DSLContext db;
    private final Clock clock;

    AccessStore(DSLContext db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    static String key(String name) {
        return name.strip().toLowerCase(Locale.ROOT);
    }

    // roles

    List<CrmRole> roles() {
        return roles(DSL.trueCondition());
    }

    Optional<CrmRole> role(String id) {
        return roles(ROLE_ID.eq(id)).stream().findFirst();
    }

    Optional<CrmRole> roleNamed(String name) {
        return roles(ROLE_NAME_KEY.eq(key(name))).stream().findFirst();
    }

    List<CrmRole> roles(Collection<String> ids) {
        return ids.isEmpty() ? List.of() : roles(ROLE_ID.in(ids));
    }

    private List<CrmRole> roles(Condition which) {
        Map<String, String> names = new LinkedHashMap<>();
        db.select(ROLE_ID, ROLE_NAME).from(ROLE).where(which).orderBy(ROLE_NAME_KEY).forEach(r -> names.put(r.value1(), r.value2()));
        if (names.isEmpty()) {
            return List.of();
        }
        Map<String, Map<String, Map<Action, Scope>>> permissions = new HashMap<>();
        db.select(PERMISSION_ROLE, PERMISSION_TYPE, PERMISSION_ACTION, PERMISSION_SCOPE).from(PERMISSION)
                .where(PERMISSION_ROLE.in(names.keySet())).orderBy(PERMISSION_TYPE)
                .forEach(r -> permissions.computeIfAbsent(r.value1(), id -> new LinkedHashMap<>())
                        .computeIfAbsent(r.value2(), t -> new EnumMap<>(Action.class))
                        .put(Action.valueOf(r.value3().toUpperCase(Locale.ROOT)), Scope.valueOf(r.value4().toUpperCase(Locale.ROOT))));
        Map<String, Map<String, Map<String, FieldAccess>>> fields = new HashMap<>();
        db.select(FIELD_ROLE, FIELD_TYPE, FIELD_NAME, FIELD_READ, FIELD_EDIT).from(FIELD)
                .where(FIELD_ROLE.in(names.keySet())).orderBy(FIELD_TYPE, FIELD_NAME)
                .forEach(r -> fields.computeIfAbsent(r.value1(), id -> new LinkedHashMap<>())
                        .computeIfAbsent(r.value2(), t -> new LinkedHashMap<>())
                        .put(r.value3(), new FieldAccess(r.value4(), r.value5())));
        return names.entrySet().stream().map(e -> new CrmRole(e.getKey(), e.getValue(),
                permissions.getOrDefault(e.getKey(), Map.of()), fields.getOrDefault(e.getKey(), Map.of()))).toList();
    }

    void insertRole(CrmRole role) {
        long now = clock.millis();
        db.insertInto(ROLE).set(ROLE_ID, role.id()).set(ROLE_NAME, role.name()).set(ROLE_NAME_KEY, key(role.name()))
                .set(ROLE_CREATED_AT, now).set(ROLE_UPDATED_AT, now).execute();
        writeRules(role);
    }

    void updateRole(CrmRole role) {
        db.update(ROLE).set(ROLE_NAME, role.name()).set(ROLE_NAME_KEY, key(role.name())).set(ROLE_UPDATED_AT, clock.millis())
                .where(ROLE_ID.eq(role.id())).execute();
        db.deleteFrom(PERMISSION).where(PERMISSION_ROLE.eq(role.id())).execute();
        db.deleteFrom(FIELD).where(FIELD_ROLE.eq(role.id())).execute();
        writeRules(role);
    }

    private void writeRules(CrmRole role) {
        role.permissions().forEach((type, actions) -> actions.forEach((action, scope) -> db.insertInto(PERMISSION)
                .set(PERMISSION_ROLE, role.id()).set(PERMISSION_TYPE, type)
                .set(PERMISSION_ACTION, action.name().toLowerCase(Locale.ROOT))
                .set(PERMISSION_SCOPE, scope.name().toLowerCase(Locale.ROOT)).execute()));
        role.fields().forEach((type, byField) -> byField.forEach((field, access) -> db.insertInto(FIELD)
                .set(FIELD_ROLE, role.id()).set(FIELD_TYPE, type).set(FIELD_NAME, field)
                .set(FIELD_READ, access.read()).set(FIELD_EDIT, access.edit()).execute()));
    }

    void deleteRole(String id) {
        db.deleteFrom(TEAM_ROLE).where(TEAM_ROLE_ROLE.eq(id)).execute();
        db.deleteFrom(GROUP_ROLE).where(GROUP_ROLE_ROLE.eq(id)).execute();
        db.deleteFrom(PERMISSION).where(PERMISSION_ROLE.eq(id)).execute();
        db.deleteFrom(FIELD).where(FIELD_ROLE.eq(id)).execute();
        db.deleteFrom(ROLE).where(ROLE_ID.eq(id)).execute();
    }

    // teams

    List<CrmTeam> teams() {
        return teams(DSL.trueCondition());
    }

    Optional<CrmTeam> team(String id) {
        return teams(TEAM_ID.eq(id)).stream().findFirst();
    }

    Optional<CrmTeam> teamNamed(String name) {
        return teams(TEAM_NAME_KEY.eq(key(name))).stream().findFirst();
    }

    List<CrmTeam> teams(Collection<String> ids) {
        return ids.isEmpty() ? List.of() : teams(TEAM_ID.in(ids));
    }

    private List<CrmTeam> teams(Condition which) {
        Map<String, Set<String>> members = new HashMap<>();
        db.select(MEMBER_TEAM, MEMBER_USER).from(MEMBER).join(TEAM).on(TEAM_ID.eq(MEMBER_TEAM)).where(which)
                .forEach(r -> members.computeIfAbsent(r.value1(), id -> new HashSet<>()).add(r.value2()));
        Map<String, Set<String>> roles = new HashMap<>();
        db.select(TEAM_ROLE_TEAM, TEAM_ROLE_ROLE).from(TEAM_ROLE).join(TEAM).on(TEAM_ID.eq(TEAM_ROLE_TEAM)).where(which)
                .forEach(r -> roles.computeIfAbsent(r.value1(), id -> new HashSet<>()).add(r.value2()));
        return db.select(TEAM_ID, TEAM_NAME, TEAM_DESCRIPTION).from(TEAM).where(which).orderBy(TEAM_NAME_KEY)
                .fetch(r -> new CrmTeam(r.value1(), r.value2(), r.value3(), members.getOrDefault(r.value1(), Set.of()),
                        roles.getOrDefault(r.value1(), Set.of())));
    }

    void insertTeam(CrmTeam team) {
        db.insertInto(TEAM).set(TEAM_ID, team.id()).set(TEAM_NAME, team.name()).set(TEAM_NAME_KEY, key(team.name()))
                .set(TEAM_DESCRIPTION, team.description()).set(TEAM_CREATED_AT, clock.millis()).execute();
        writeMembers(team);
    }

    void updateTeam(CrmTeam team) {
        db.update(TEAM).set(TEAM_NAME, team.name()).set(TEAM_NAME_KEY, key(team.name())).set(TEAM_DESCRIPTION, team.description())
                .where(TEAM_ID.eq(team.id())).execute();
        db.deleteFrom(MEMBER).where(MEMBER_TEAM.eq(team.id())).execute();
        db.deleteFrom(TEAM_ROLE).where(TEAM_ROLE_TEAM.eq(team.id())).execute();
        writeMembers(team);
    }

    private void writeMembers(CrmTeam team) {
        team.members().forEach(user -> db.insertInto(MEMBER).set(MEMBER_TEAM, team.id()).set(MEMBER_USER, user).execute());
        team.roleIds().forEach(role -> db.insertInto(TEAM_ROLE).set(TEAM_ROLE_TEAM, team.id()).set(TEAM_ROLE_ROLE, role).execute());
    }

    void deleteTeam(String id) {
        db.deleteFrom(TEAM_ROLE).where(TEAM_ROLE_TEAM.eq(id)).execute();
        db.deleteFrom(GROUP_TEAM).where(GROUP_TEAM_TEAM.eq(id)).execute();
        db.deleteFrom(MEMBER).where(MEMBER_TEAM.eq(id)).execute();
        db.deleteFrom(TEAM).where(TEAM_ID.eq(id)).execute();
    }

    /** Takes a deleted identity user out of every team. */
    void forgetMember(String userId) {
        db.deleteFrom(MEMBER).where(MEMBER_USER.eq(userId)).execute();
    }

    // group mappings

    List<GroupMapping> mappings() {
        return mappings(DSL.trueCondition());
    }

    Optional<GroupMapping> mapping(String group) {
        return mappings(MAPPING_KEY.eq(key(group))).stream().findFirst();
    }

    private List<GroupMapping> mappings(Condition which) {
        Map<String, List<String>> roleIds = new HashMap<>();
        db.select(GROUP_ROLE_KEY, GROUP_ROLE_ROLE).from(GROUP_ROLE).join(MAPPING).on(MAPPING_KEY.eq(GROUP_ROLE_KEY)).where(which)
                .forEach(r -> roleIds.computeIfAbsent(r.value1(), k -> new java.util.ArrayList<>()).add(r.value2()));
        Map<String, List<String>> teamIds = new HashMap<>();
        db.select(GROUP_TEAM_KEY, GROUP_TEAM_TEAM).from(GROUP_TEAM).join(MAPPING).on(MAPPING_KEY.eq(GROUP_TEAM_KEY)).where(which)
                .forEach(r -> teamIds.computeIfAbsent(r.value1(), k -> new java.util.ArrayList<>()).add(r.value2()));
        return db.select(MAPPING_KEY, MAPPING_GROUP).from(MAPPING).where(which).orderBy(MAPPING_KEY)
                .fetch(r -> new GroupMapping(r.value2(), roles(roleIds.getOrDefault(r.value1(), List.of())),
                        teams(teamIds.getOrDefault(r.value1(), List.of()))));
    }

    /** Creates or replaces the mapping of a group. */
    void putMapping(String group, Collection<String> roleIds, Collection<String> teamIds) {
        String key = key(group);
        deleteMapping(group);
        db.insertInto(MAPPING).set(MAPPING_KEY, key).set(MAPPING_GROUP, group.strip()).set(MAPPING_UPDATED_AT, clock.millis()).execute();
        roleIds.forEach(id -> db.insertInto(GROUP_ROLE).set(GROUP_ROLE_KEY, key).set(GROUP_ROLE_ROLE, id).execute());
        teamIds.forEach(id -> db.insertInto(GROUP_TEAM).set(GROUP_TEAM_KEY, key).set(GROUP_TEAM_TEAM, id).execute());
    }

    boolean deleteMapping(String group) {
        String key = key(group);
        db.deleteFrom(GROUP_ROLE).where(GROUP_ROLE_KEY.eq(key)).execute();
        db.deleteFrom(GROUP_TEAM).where(GROUP_TEAM_KEY.eq(key)).execute();
        return db.deleteFrom(MAPPING).where(MAPPING_KEY.eq(key)).execute() > 0;
    }

    // what one user gets

    /** The roles mapped to any of the groups (by name), each once. */
    List<CrmRole> rolesOfGroups(Collection<String> groupNames) {
        if (groupNames.isEmpty()) {
            return List.of();
        }
        List<String> ids = db.selectDistinct(GROUP_ROLE_ROLE).from(GROUP_ROLE)
                .where(GROUP_ROLE_KEY.in(groupNames.stream().map(AccessStore::key).toList())).fetch(GROUP_ROLE_ROLE);
        return roles(ids);
    }

    /** The roles the teams carry, each once. */
    List<CrmRole> rolesOfTeams(Collection<String> teamIds) {
        if (teamIds.isEmpty()) {
            return List.of();
        }
        return roles(db.selectDistinct(TEAM_ROLE_ROLE).from(TEAM_ROLE).where(TEAM_ROLE_TEAM.in(teamIds)).fetch(TEAM_ROLE_ROLE));
    }

    /** The user's roles: those of their groups and those their teams carry, each once. */
    List<CrmRole> rolesOf(Collection<String> groupNames, Collection<String> teamIds) {
        Map<String, CrmRole> roles = new LinkedHashMap<>();
        rolesOfGroups(groupNames).forEach(role -> roles.put(role.id(), role));
        rolesOfTeams(teamIds).forEach(role -> roles.putIfAbsent(role.id(), role));
        return List.copyOf(roles.values());
    }

    /** The user's teams: those they are a direct member of and those mapped to any of their groups. */
    Set<String> teamIdsOf(String userId, Collection<String> groupNames) {
        Set<String> ids = new HashSet<>(db.select(MEMBER_TEAM).from(MEMBER).where(MEMBER_USER.eq(userId)).fetch(MEMBER_TEAM));
        if (!groupNames.isEmpty()) {
            ids.addAll(db.selectDistinct(GROUP_TEAM_TEAM).from(GROUP_TEAM)
                    .where(GROUP_TEAM_KEY.in(groupNames.stream().map(AccessStore::key).toList())).fetch(GROUP_TEAM_TEAM));
        }
        return ids;
    }

    // revision

    long revision() {
        Long value = db.select(REVISION_VALUE).from(REVISION).where(REVISION_ID.eq(1)).fetchOne(REVISION_VALUE);
        return value == null ? 0 : value;
    }

    /** Tells every node that access may have changed; call inside the change's transaction. */
    void bump() {
        db.update(REVISION).set(REVISION_VALUE, REVISION_VALUE.plus(1)).where(REVISION_ID.eq(1)).execute();
    }

    static String newId() {
        return UUID.randomUUID().toString();
    }

    static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
