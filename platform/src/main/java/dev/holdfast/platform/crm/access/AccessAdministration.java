package dev.holdfast.platform.crm.access;

import dev.holdfast.platform.identity.AuditEvent;
import dev.holdfast.platform.identity.AuditEvent.Outcome;
import dev.holdfast.platform.identity.AuditLog;
import dev.holdfast.platform.identity.UserAccount;
import dev.holdfast.platform.identity.UserAccount.UserId;
import dev.holdfast.platform.identity.UserManagement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Administrators' changes to roles, teams and group mappings. Each is checked, audited ({@code crm.role.*},
 * {@code crm.team.*}, {@code crm.group_mapping.*}), bumps the access revision for every node, and takes effect on
 * this node as soon as it commits.
 */
@Service
class AccessAdministration {

    /** Who made a change, for the audit log. */
    record Actor(@Nullable String username, @Nullable String clientIp) {}

    private final AccessStore store;
    private final AccessCache cache;
    private final UserManagement users;
    private final AuditLog audit;

    AccessAdministration(AccessStore store, AccessCache cache, UserManagement users, AuditLog audit) {
        this.store = store;
        this.cache = cache;
        this.users = users;
        this.audit = audit;
    }

    CrmRole role(String id) {
        return store.role(id).orElseThrow(() -> AccessException.notFound("role"));
    }

    CrmTeam team(String id) {
        return store.team(id).orElseThrow(() -> AccessException.notFound("team"));
    }

    GroupMapping mapping(String group) {
        return store.mapping(group).orElseThrow(() -> AccessException.notFound("mapping for that group"));
    }

    @Transactional
    CrmRole createRole(Actor actor, CrmRole role) {
        requireFreeRoleName(role.name(), null);
        store.insertRole(role);
        changed(actor, "crm.role.created", "crm_role:" + role.id(), Map.of("name", role.name()));
        return role(role.id());
    }

    @Transactional
    CrmRole replaceRole(Actor actor, CrmRole role) {
        CrmRole before = role(role.id());
        requireFreeRoleName(role.name(), role.id());
        store.updateRole(role);
        changed(actor, "crm.role.updated", "crm_role:" + role.id(), Map.of("before.name", before.name(), "after.name", role.name()));
        return role(role.id());
    }

    @Transactional
    void deleteRole(Actor actor, String id) {
        CrmRole role = role(id);
        store.deleteRole(id);
        changed(actor, "crm.role.deleted", "crm_role:" + id, Map.of("name", role.name()));
    }

    @Transactional
    CrmTeam createTeam(Actor actor, String name, @Nullable String description, List<String> members, List<String> roles) {
        requireFreeTeamName(name, null);
        CrmTeam team = new CrmTeam(AccessStore.newId(), name, description, knownUsers(members), Set.copyOf(roleIds(roles)));
        store.insertTeam(team);
        changed(actor, "crm.team.created", "crm_team:" + team.id(), Map.of("name", name, "roles", roleNames(team.roleIds())));
        return team(team.id());
    }

    @Transactional
    CrmTeam replaceTeam(Actor actor, String id, String name, @Nullable String description, List<String> members,
            List<String> roles) {
        CrmTeam before = team(id);
        requireFreeTeamName(name, id);
        Set<String> roleIds = Set.copyOf(roleIds(roles));
        store.updateTeam(new CrmTeam(id, name, description, knownUsers(members), roleIds));
        changed(actor, "crm.team.updated", "crm_team:" + id, Map.of("before.name", before.name(), "after.name", name,
                "before.members", String.join(",", before.members()), "before.roles", roleNames(before.roleIds()),
                "after.roles", roleNames(roleIds)));
        return team(id);
    }

    /** Adds (or with {@code member} false removes) one identity user, by username, to a team. */
    @Transactional
    CrmTeam changeMember(Actor actor, String id, @Nullable String username, boolean member) {
        CrmTeam team = team(id);
        UserAccount user = users.findByUsername(username == null ? "" : username.strip())
                .orElseThrow(() -> AccessException.invalid("username", "no such user"));
        Set<String> members = new LinkedHashSet<>(team.members());
        if (member ? members.add(user.id().toString()) : members.remove(user.id().toString())) {
            store.updateTeam(new CrmTeam(id, team.name(), team.description(), members, team.roleIds()));
            changed(actor, member ? "crm.team.member_added" : "crm.team.member_removed", "crm_team:" + id,
                    Map.of("user", user.username()));
        }
        return team(id);
    }

    @Transactional
    void deleteTeam(Actor actor, String id) {
        CrmTeam team = team(id);
        store.deleteTeam(id);
        changed(actor, "crm.team.deleted", "crm_team:" + id, Map.of("name", team.name()));
    }

    /**
     * Creates or replaces what members of the group get. Roles and teams are named by id or by name.
     */
    @Transactional
    GroupMapping putMapping(Actor actor, String group, List<String> roles, List<String> teams) {
        String name = AccessInput.name(group, "group");
        List<String> roleIds = resolve(roles, "roles", ref -> store.role(ref).or(() -> store.roleNamed(ref)).map(CrmRole::id));
        List<String> teamIds = resolve(teams, "teams", ref -> store.team(ref).or(() -> store.teamNamed(ref)).map(CrmTeam::id));
        store.putMapping(name, roleIds, teamIds);
        GroupMapping mapping = mapping(name);
        changed(actor, "crm.group_mapping.updated", "group:" + name, Map.of(
                "roles", String.join(",", mapping.roles().stream().map(CrmRole::name).toList()),
                "teams", String.join(",", mapping.teams().stream().map(CrmTeam::name).toList())));
        return mapping;
    }

    @Transactional
    void deleteMapping(Actor actor, String group) {
        if (!store.deleteMapping(group)) {
            throw AccessException.notFound("mapping for that group");
        }
        changed(actor, "crm.group_mapping.deleted", "group:" + group.strip(), Map.of());
    }

    /** Roles named by id or by name ({@code roleIds[i]} names a bad one). */
    private List<String> roleIds(List<String> roles) {
        return resolve(roles, "roleIds", ref -> store.role(ref).or(() -> store.roleNamed(ref)).map(CrmRole::id));
    }

    private String roleNames(Set<String> roleIds) {
        return String.join(",", store.roles(roleIds).stream().map(CrmRole::name).toList());
    }

    private List<String> resolve(List<String> refs, String field, Function<String, Optional<String>> lookUp) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < refs.size(); i++) {
            String id = lookUp.apply(refs.get(i)).orElseThrow(
                    AccessException.supplier(field + "[" + i + "]", "no such " + (field.equals("roleIds") ? "role"
                            : field.substring(0, field.length() - 1))));
            if (!ids.contains(id)) {
                ids.add(id);
            }
        }
        return ids;
    }

    private Set<String> knownUsers(List<String> members) {
        Set<String> known = new LinkedHashSet<>();
        for (int i = 0; i < members.size(); i++) {
            String field = "members[" + i + "]";
            UUID id;
            try {
                id = UUID.fromString(members.get(i));
            } catch (IllegalArgumentException e) {
                throw AccessException.invalid(field, "must be an identity user id");
            }
            if (users.findById(new UserId(id)).isEmpty()) {
                throw AccessException.invalid(field, "no such user");
            }
            known.add(id.toString());
        }
        return known;
    }

    private void requireFreeRoleName(String name, @Nullable String self) {
        store.roleNamed(name).filter(other -> !other.id().equals(self)).ifPresent(other -> {
            throw AccessException.conflict("name", "A role named " + other.name() + " exists.");
        });
    }

    private void requireFreeTeamName(String name, @Nullable String self) {
        store.teamNamed(name).filter(other -> !other.id().equals(self)).ifPresent(other -> {
            throw AccessException.conflict("name", "A team named " + other.name() + " exists.");
        });
    }

    private void changed(Actor actor, String action, String target, Map<String, String> details) {
        store.bump();
        cache.forgetAllAfterCommit();
        audit.record(AuditEvent.of(actor.username(), actor.clientIp(), action, target, Outcome.SUCCESS, details));
    }
}
