package dev.holdfast.platform.crm.access;

import dev.holdfast.platform.crm.access.AccessAdministration.Actor;
import dev.holdfast.platform.crm.access.CrmRole.FieldAccess;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * The CRM access admin API: roles ({@code /roles}), teams ({@code /teams}) and what identity groups get
 * ({@code /group-mappings/{group}}). Scopes are written {@code all|team|own|no} (EspoCRM's {@code yes} is read as
 * all), field access as EspoCRM's {@code {"read": "yes|no", "edit": "yes|no"}}.
 */
@RestController
@RequestMapping("/api/crm/v1")
class AccessApiController {

    private final AccessAdministration administration;
    private final AccessStore store;

    AccessApiController(AccessAdministration administration, AccessStore store) {
        this.administration = administration;
        this.store = store;
    }

    record RoleView(String id, String name, Map<String, Map<String, String>> permissions,
            Map<String, Map<String, Map<String, String>>> fields) {

        static RoleView of(CrmRole role) {
            Map<String, Map<String, String>> permissions = new LinkedHashMap<>();
            role.permissions().forEach((type, actions) -> {
                Map<String, String> byAction = new LinkedHashMap<>();
                actions.forEach((action, scope) -> byAction.put(lower(action), lower(scope)));
                permissions.put(type, byAction);
            });
            Map<String, Map<String, Map<String, String>>> fields = new LinkedHashMap<>();
            role.fields().forEach((type, byField) -> {
                Map<String, Map<String, String>> views = new LinkedHashMap<>();
                byField.forEach((field, access) -> views.put(field, view(access)));
                fields.put(type, views);
            });
            return new RoleView(role.id(), role.name(), permissions, fields);
        }

        private static Map<String, String> view(FieldAccess access) {
            return Map.of("read", access.read() ? "yes" : "no", "edit", access.edit() ? "yes" : "no");
        }

        private static String lower(Enum<?> value) {
            return value.name().toLowerCase(Locale.ROOT);
        }
    }

    record TeamView(String id, String name, @Nullable String description, List<String> members, List<String> roleIds) {

        static TeamView of(CrmTeam team) {
            return new TeamView(team.id(), team.name(), team.description(), team.members().stream().sorted().toList(),
                    team.roleIds().stream().sorted().toList());
        }
    }

    record Named(String id, String name) {}

    record MappingView(String group, List<Named> roles, List<Named> teams) {

        static MappingView of(GroupMapping mapping) {
            return new MappingView(mapping.group(), mapping.roles().stream().map(r -> new Named(r.id(), r.name())).toList(),
                    mapping.teams().stream().map(t -> new Named(t.id(), t.name())).toList());
        }
    }

    @GetMapping("/roles")
    List<RoleView> roles() {
        return store.roles().stream().map(RoleView::of).toList();
    }

    @PostMapping("/roles")
    ResponseEntity<RoleView> createRole(@RequestBody(required = false) @Nullable JsonNode body, Principal principal,
            HttpServletRequest request) {
        CrmRole role = administration.createRole(actor(principal, request), AccessInput.role(AccessStore.newId(), body));
        return ResponseEntity.created(URI.create("/api/crm/v1/roles/" + role.id())).body(RoleView.of(role));
    }

    @GetMapping("/roles/{id}")
    RoleView role(@PathVariable String id) {
        return RoleView.of(administration.role(id));
    }

    /** Replaces the role's name, scopes and field rules. */
    @PutMapping("/roles/{id}")
    RoleView replaceRole(@PathVariable String id, @RequestBody(required = false) @Nullable JsonNode body, Principal principal,
            HttpServletRequest request) {
        administration.role(id);
        return RoleView.of(administration.replaceRole(actor(principal, request), AccessInput.role(id, body)));
    }

    @DeleteMapping("/roles/{id}")
    ResponseEntity<Void> deleteRole(@PathVariable String id, Principal principal, HttpServletRequest request) {
        administration.deleteRole(actor(principal, request), id);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/teams")
    List<TeamView> teams() {
        return store.teams().stream().map(TeamView::of).toList();
    }

    @PostMapping("/teams")
    ResponseEntity<TeamView> createTeam(@RequestBody(required = false) @Nullable JsonNode body, Principal principal,
            HttpServletRequest request) {
        JsonNode json = body == null ? missing() : body;
        CrmTeam team = administration.createTeam(actor(principal, request), AccessInput.name(AccessInput.text(json.get("name"), "name"), "name"),
                AccessInput.description(AccessInput.text(json.get("description"), "description")),
                AccessInput.strings(json.get("members"), "members"), AccessInput.strings(json.get("roleIds"), "roleIds"));
        return ResponseEntity.created(URI.create("/api/crm/v1/teams/" + team.id())).body(TeamView.of(team));
    }

    @GetMapping("/teams/{id}")
    TeamView team(@PathVariable String id) {
        return TeamView.of(administration.team(id));
    }

    /** Replaces the team's name, description, members and roles ({@code roleIds}: ids or names). */
    @PutMapping("/teams/{id}")
    TeamView replaceTeam(@PathVariable String id, @RequestBody(required = false) @Nullable JsonNode body, Principal principal,
            HttpServletRequest request) {
        administration.team(id);
        JsonNode json = body == null ? missing() : body;
        return TeamView.of(administration.replaceTeam(actor(principal, request), id,
                AccessInput.name(AccessInput.text(json.get("name"), "name"), "name"),
                AccessInput.description(AccessInput.text(json.get("description"), "description")),
                AccessInput.strings(json.get("members"), "members"), AccessInput.strings(json.get("roleIds"), "roleIds")));
    }

    @DeleteMapping("/teams/{id}")
    ResponseEntity<Void> deleteTeam(@PathVariable String id, Principal principal, HttpServletRequest request) {
        administration.deleteTeam(actor(principal, request), id);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/group-mappings")
    List<MappingView> mappings() {
        return store.mappings().stream().map(MappingView::of).toList();
    }

    /** The same as PUT on the group's address, for group names that cannot be written in a path: {@code {"group", "roles", "teams"}}. */
    @PostMapping("/group-mappings")
    MappingView postMapping(@RequestBody(required = false) @Nullable JsonNode body, Principal principal, HttpServletRequest request) {
        JsonNode json = body == null ? missing() : body;
        return MappingView.of(administration.putMapping(actor(principal, request), AccessInput.name(AccessInput.text(json.get("group"), "group"), "group"),
                AccessInput.strings(json.get("roles"), "roles"), AccessInput.strings(json.get("teams"), "teams")));
    }

    @GetMapping("/group-mappings/{group}")
    MappingView mapping(@PathVariable String group) {
        return MappingView.of(administration.mapping(group));
    }

    /** What members of the group get: {@code {"roles": [id or name], "teams": [id or name]}}. */
    @PutMapping("/group-mappings/{group}")
    MappingView putMapping(@PathVariable String group, @RequestBody(required = false) @Nullable JsonNode body,
            Principal principal, HttpServletRequest request) {
        JsonNode json = body == null ? missing() : body;
        return MappingView.of(administration.putMapping(actor(principal, request), group,
                AccessInput.strings(json.get("roles"), "roles"), AccessInput.strings(json.get("teams"), "teams")));
    }

    @DeleteMapping("/group-mappings/{group}")
    ResponseEntity<Void> deleteMapping(@PathVariable String group, Principal principal, HttpServletRequest request) {
        administration.deleteMapping(actor(principal, request), group);
        return ResponseEntity.noContent().build();
    }

    static Actor actor(@Nullable Principal principal, HttpServletRequest request) {
        return new Actor(principal == null ? null : principal.getName(), request.getRemoteAddr());
    }

    private static JsonNode missing() {
        throw AccessException.invalid("body", "must be a JSON object");
    }
}
