package dev.holdfast.platform.crm.access;

import dev.holdfast.platform.crm.access.AccessViews.Cell;
import dev.holdfast.platform.crm.access.AccessViews.EffectiveAccess;
import dev.holdfast.platform.crm.access.AccessViews.MappingRow;
import dev.holdfast.platform.crm.access.AccessViews.Named;
import dev.holdfast.platform.crm.access.AccessViews.Row;
import dev.holdfast.platform.identity.Group;
import dev.holdfast.platform.identity.UserAccount;
import dev.holdfast.platform.identity.UserManagement;
import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Administrators' pages for what identity groups get in the CRM, and for one user's effective access. */
@Controller
@RequestMapping("/admin/crm")
class CrmGroupMappingsAdminController {

    private final AccessAdministration administration;
    private final AccessStore store;
    private final UserManagement users;
    private final AccessCache cache;

    CrmGroupMappingsAdminController(AccessAdministration administration, AccessStore store, UserManagement users, AccessCache cache) {
        this.administration = administration;
        this.store = store;
        this.users = users;
        this.cache = cache;
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
        return AccessForms.attempt(flash, "/admin/crm/group-mappings", () -> {
            administration.putMapping(AccessApiController.actor(principal, request), group == null ? "" : group,
                    roleIds == null ? List.of() : roleIds, teamIds == null ? List.of() : teamIds);
            return "/admin/crm/group-mappings";
        });
    }

    @PostMapping("/group-mappings/delete")
    String deleteMapping(@RequestParam(required = false) @Nullable String group, Principal principal, HttpServletRequest request,
            RedirectAttributes flash) {
        return AccessForms.attempt(flash, "/admin/crm/group-mappings", () -> {
            administration.deleteMapping(AccessApiController.actor(principal, request), group == null ? "" : group);
            return "/admin/crm/group-mappings";
        });
    }

    /**
     * A user's effective CRM access, as EspoCRM's "Access" button shows it: groups (with ancestors), the roles and
     * teams they give, the combined scope per entity type and action, restricted fields.
     */
    @GetMapping("/access")
    String access(@RequestParam(required = false) @Nullable String username, Model model) {
        model.addAttribute("username", username == null ? "" : username.strip());
        model.addAttribute("access", username == null || username.isBlank() ? null
                : users.findByUsername(username.strip()).map(this::effectiveAccess).orElse(null));
        return "crm/access";
    }

    private EffectiveAccess effectiveAccess(UserAccount user) {
        List<String> groups = users.groupsOf(user.id()).stream().map(Group::name).toList();
        AccessTable table = cache.get(user.id().toString()).table();
        Set<String> types = new java.util.TreeSet<>(table.entityTypes());
        List<Row> rows = types.stream().map(type -> new Row(type, java.util.Arrays.stream(Action.values()).map(action ->
                new Cell(action.name().toLowerCase(Locale.ROOT), "", List.of(),
                        (user.administrator() ? Scope.ALL : table.scope(type, action)).name().toLowerCase(Locale.ROOT))).toList()))
                .toList();
        return new EffectiveAccess(user.username(), user.administrator(), user.enabled(), groups,
                store.rolesOf(groups, cache.get(user.id().toString()).teamIds()).stream().map(CrmRole::name).toList(),
                store.teams(cache.get(user.id().toString()).teamIds()).stream().map(CrmTeam::name).toList(), rows,
                user.administrator() ? List.of() : table.fieldRules());
    }
}
