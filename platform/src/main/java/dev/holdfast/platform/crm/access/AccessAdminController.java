package dev.holdfast.platform.crm.access;

import dev.holdfast.platform.crm.access.AccessViews.Cell;
import dev.holdfast.platform.crm.access.AccessViews.MappingRow;
import dev.holdfast.platform.crm.access.AccessViews.Member;
import dev.holdfast.platform.crm.access.AccessViews.Named;
import dev.holdfast.platform.crm.access.AccessViews.RoleForm;
import dev.holdfast.platform.crm.access.AccessViews.RoleSummary;
import dev.holdfast.platform.crm.access.AccessViews.Row;
import dev.holdfast.platform.crm.access.AccessViews.TeamPage;
import dev.holdfast.platform.crm.access.AccessViews.TeamSummary;
import dev.holdfast.platform.crm.access.CrmRole.FieldAccess;
import dev.holdfast.platform.identity.UserAccount.UserId;
import dev.holdfast.platform.identity.UserManagement;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.Principal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Administrators' pages for CRM roles (a matrix of entity types × actions, and field rules), teams and the
 * identity groups mapped to them. Post-redirect-get; a refused change comes back as a message on the page.
 */
@Controller
@RequestMapping("/admin/crm")
class AccessAdminController {

    /** The built-in entity types, always offered in the role editor; roles may name custom ones too. */
    static final List<String> BUILT_IN_TYPES = List.of("Account", "Contact", "Lead", "Opportunity", "Case", "Task", "Call",
            "Meeting", "Document", "Note");

    private final AccessAdministration administration;
    private final AccessStore store;
    private final UserManagement users;

    AccessAdminController(AccessAdministration administration, AccessStore store, UserManagement users) {
        this.administration = administration;
        this.store = store;
        this.users = users;
    }

    @GetMapping("/roles")
    String roles(Model model) {
        model.addAttribute("roles", store.roles().stream().map(AccessAdminController::summary).toList());
        return "crm/roles";
    }

    @PostMapping("/roles")
    String createRole(@RequestParam(required = false) @Nullable String name, Principal principal, HttpServletRequest request,
            RedirectAttributes flash) {
        return attempt(flash, "/admin/crm/roles", () -> "/admin/crm/roles/" + administration.createRole(
                AccessApiController.actor(principal, request),
                new CrmRole(AccessStore.newId(), AccessInput.name(name, "name"), Map.of(), Map.of())).id());
    }

    @GetMapping("/roles/{id}")
    String role(@PathVariable String id, Model model) {
        CrmRole role = administration.role(id);
        Set<String> types = new LinkedHashSet<>(BUILT_IN_TYPES);
        types.addAll(role.permissions().keySet());
        List<Row> rows = types.stream().map(type -> new Row(type, java.util.Arrays.stream(Action.values()).map(action ->
                new Cell(action.name().toLowerCase(Locale.ROOT), "scope." + type + "." + action.name().toLowerCase(Locale.ROOT),
                        action == Action.CREATE ? List.of("all", "no") : List.of("all", "team", "own", "no"),
                        role.scope(type, action).name().toLowerCase(Locale.ROOT))).toList())).toList();
        String fieldLines = role.fields().entrySet().stream().flatMap(type -> type.getValue().entrySet().stream()
                .map(field -> type.getKey() + "." + field.getKey() + " = " + field.getValue().label()))
                .collect(Collectors.joining("\n"));
        model.addAttribute("role", new RoleForm(role.id(), role.name(), rows, fieldLines));
        return "crm/role";
    }

    /** Saves the matrix ({@code scope.<Type>.<action>}), a new entity type's row ({@code newType}) and the field rules. */
    @PostMapping("/roles/{id}")
    String saveRole(@PathVariable String id, @RequestParam MultiValueMap<String, String> form, Principal principal,
            HttpServletRequest request, RedirectAttributes flash) {
        administration.role(id);
        return attempt(flash, "/admin/crm/roles/" + id, () -> {
            Map<String, Map<Action, Scope>> permissions = new LinkedHashMap<>();
            form.forEach((key, values) -> {
                if (key.startsWith("scope.") && !values.isEmpty()) {
                    String[] parts = key.split("\\.", 3);
                    if (parts.length != 3) {
                        throw AccessException.invalid(key, "is not a scope field");
                    }
                    String type = AccessInput.entityType(parts[1], key);
                    Action action = AccessInput.action(parts[2], key);
                    Scope scope = AccessInput.scope(values.getFirst(), action, key);
                    if (scope != Scope.NO) {
                        permissions.computeIfAbsent(type, t -> new EnumMap<>(Action.class)).put(action, scope);
                    }
                }
            });
            String newType = AccessStore.blankToNull(form.getFirst("newType"));
            if (newType != null) {
                permissions.putIfAbsent(AccessInput.entityType(newType, "newType"), new EnumMap<>(Map.of(Action.READ, Scope.OWN)));
            }
            Map<String, Map<String, FieldAccess>> fields = AccessInput.fieldLines(form.getFirst("fields"));
            administration.replaceRole(AccessApiController.actor(principal, request),
                    new CrmRole(id, AccessInput.name(form.getFirst("name"), "name"), permissions, fields));
            return "/admin/crm/roles/" + id;
        });
    }

    @PostMapping("/roles/{id}/delete")
    String deleteRole(@PathVariable String id, Principal principal, HttpServletRequest request, RedirectAttributes flash) {
        return attempt(flash, "/admin/crm/roles/" + id, () -> {
            administration.deleteRole(AccessApiController.actor(principal, request), id);
            return "/admin/crm/roles";
        });
    }

    @GetMapping("/teams")
    String teams(Model model) {
        model.addAttribute("teams", store.teams().stream()
                .map(team -> new TeamSummary(team.id(), team.name(), team.description(), team.members().size())).toList());
        return "crm/teams";
    }

    @PostMapping("/teams")
    String createTeam(@RequestParam(required = false) @Nullable String name, @RequestParam(required = false) @Nullable String description,
            Principal principal, HttpServletRequest request, RedirectAttributes flash) {
        return attempt(flash, "/admin/crm/teams", () -> "/admin/crm/teams/" + administration.createTeam(
                AccessApiController.actor(principal, request), AccessInput.name(name, "name"), AccessInput.description(description),
                List.of()).id());
    }

    @GetMapping("/teams/{id}")
    String team(@PathVariable String id, Model model) {
        CrmTeam team = administration.team(id);
        List<Member> members = team.members().stream()
                .map(member -> users.findById(new UserId(UUID.fromString(member)))
                        .map(user -> new Member(member, user.username(), user.name()))
                        .orElse(new Member(member, member, "(deleted user)")))
                .sorted(java.util.Comparator.comparing(Member::username)).toList();
        model.addAttribute("team", new TeamPage(team.id(), team.name(), team.description(), members));
        return "crm/team";
    }

    @PostMapping("/teams/{id}")
    String saveTeam(@PathVariable String id, @RequestParam(required = false) @Nullable String name,
            @RequestParam(required = false) @Nullable String description, Principal principal, HttpServletRequest request,
            RedirectAttributes flash) {
        CrmTeam team = administration.team(id);
        return attempt(flash, "/admin/crm/teams/" + id, () -> "/admin/crm/teams/" + administration.replaceTeam(
                AccessApiController.actor(principal, request), id, AccessInput.name(name, "name"),
                AccessInput.description(description), List.copyOf(team.members())).id());
    }

    @PostMapping("/teams/{id}/members")
    String addMember(@PathVariable String id, @RequestParam(required = false) @Nullable String username, Principal principal,
            HttpServletRequest request, RedirectAttributes flash) {
        return attempt(flash, "/admin/crm/teams/" + id, () -> "/admin/crm/teams/" + administration.changeMember(
                AccessApiController.actor(principal, request), id, username, true).id());
    }

    @PostMapping("/teams/{id}/members/remove")
    String removeMember(@PathVariable String id, @RequestParam(required = false) @Nullable String username, Principal principal,
            HttpServletRequest request, RedirectAttributes flash) {
        return attempt(flash, "/admin/crm/teams/" + id, () -> "/admin/crm/teams/" + administration.changeMember(
                AccessApiController.actor(principal, request), id, username, false).id());
    }

    @PostMapping("/teams/{id}/delete")
    String deleteTeam(@PathVariable String id, Principal principal, HttpServletRequest request, RedirectAttributes flash) {
        return attempt(flash, "/admin/crm/teams/" + id, () -> {
            administration.deleteTeam(AccessApiController.actor(principal, request), id);
            return "/admin/crm/teams";
        });
    }

    @GetMapping("/group-mappings")
    String mappings(Model model) {
        model.addAttribute("mappings", store.mappings().stream().map(mapping -> new MappingRow(mapping.group(),
                mapping.roles().stream().map(CrmRole::name).collect(Collectors.joining(", ")),
                mapping.teams().stream().map(CrmTeam::name).collect(Collectors.joining(", ")))).toList());
        model.addAttribute("roles", store.roles().stream().map(role -> new Named(role.id(), role.name())).toList());
        model.addAttribute("teams", store.teams().stream().map(team -> new Named(team.id(), team.name())).toList());
        return "crm/group-mappings";
    }

    /** Creates or replaces a group's mapping from the checked roles and teams. */
    @PostMapping("/group-mappings")
    String saveMapping(@RequestParam(required = false) @Nullable String group,
            @RequestParam(name = "roleId", required = false) @Nullable List<String> roleIds,
            @RequestParam(name = "teamId", required = false) @Nullable List<String> teamIds, Principal principal,
            HttpServletRequest request, RedirectAttributes flash) {
        return attempt(flash, "/admin/crm/group-mappings", () -> {
            administration.putMapping(AccessApiController.actor(principal, request), group == null ? "" : group,
                    roleIds == null ? List.of() : roleIds, teamIds == null ? List.of() : teamIds);
            return "/admin/crm/group-mappings";
        });
    }

    @PostMapping("/group-mappings/delete")
    String deleteMapping(@RequestParam(required = false) @Nullable String group, Principal principal, HttpServletRequest request,
            RedirectAttributes flash) {
        return attempt(flash, "/admin/crm/group-mappings", () -> {
            administration.deleteMapping(AccessApiController.actor(principal, request), group == null ? "" : group);
            return "/admin/crm/group-mappings";
        });
    }

    /** An unknown role or team in the address: the error page of its status (404). */
    @ExceptionHandler
    void on(AccessException e, HttpServletResponse response) throws IOException {
        response.sendError(e.status().value());
    }

    private static String attempt(RedirectAttributes flash, String back, Supplier<String> change) {
        try {
            String next = change.get();
            flash.addFlashAttribute("notice", "Saved.");
            return "redirect:" + next;
        } catch (AccessException e) {
            flash.addFlashAttribute("error", e.getMessage());
            return "redirect:" + back;
        }
    }

    private static RoleSummary summary(CrmRole role) {
        List<String> parts = new ArrayList<>();
        role.permissions().forEach((type, actions) -> parts.add(type + ": " + actions.entrySet().stream()
                .map(e -> e.getKey().name().toLowerCase(Locale.ROOT) + " " + e.getValue().name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(", "))));
        return new RoleSummary(role.id(), role.name(), parts.isEmpty() ? "no access" : String.join("; ", parts));
    }
}
