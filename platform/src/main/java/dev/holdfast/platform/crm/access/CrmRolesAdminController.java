package dev.holdfast.platform.crm.access;

import dev.holdfast.platform.crm.access.AccessViews.Cell;
import dev.holdfast.platform.crm.access.AccessViews.RoleForm;
import dev.holdfast.platform.crm.access.AccessViews.RoleSummary;
import dev.holdfast.platform.crm.access.AccessViews.Row;
import dev.holdfast.platform.crm.access.CrmRole.FieldAccess;
import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.util.MultiValueMap;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Administrators' pages for CRM roles: the list, and an editor with a matrix of entity types × actions and field rules. */
@Controller
@RequestMapping("/admin/crm/roles")
class CrmRolesAdminController {

    /** The built-in entity types, always offered in the role editor; roles may name custom ones too. */
    static final List<String> BUILT_IN_TYPES = List.of("Account", "Contact", "Lead", "Opportunity", "Case", "Task", "Call",
            "Meeting", "Document", "Note");

    private final AccessAdministration administration;
    private final AccessStore store;

    CrmRolesAdminController(AccessAdministration administration, AccessStore store) {
        this.administration = administration;
        this.store = store;
    }

    @GetMapping
    String roles(Model model) {
        model.addAttribute("roles", store.roles().stream().map(CrmRolesAdminController::summary).toList());
        return "crm/roles";
    }

    @PostMapping
    String createRole(@RequestParam(required = false) @Nullable String name, Principal principal, HttpServletRequest request,
            RedirectAttributes flash) {
        return AccessForms.attempt(flash, "/admin/crm/roles", () -> "/admin/crm/roles/" + administration.createRole(
                AccessApiController.actor(principal, request),
                new CrmRole(AccessStore.newId(), AccessInput.name(name, "name"), Map.of(), Map.of())).id());
    }

    @GetMapping("/{id}")
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
    @PostMapping("/{id}")
    String saveRole(@PathVariable String id, @RequestParam MultiValueMap<String, String> form, Principal principal,
            HttpServletRequest request, RedirectAttributes flash) {
        administration.role(id);
        return AccessForms.attempt(flash, "/admin/crm/roles/" + id, () -> {
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

    @PostMapping("/{id}/delete")
    String deleteRole(@PathVariable String id, Principal principal, HttpServletRequest request, RedirectAttributes flash) {
        return AccessForms.attempt(flash, "/admin/crm/roles/" + id, () -> {
            administration.deleteRole(AccessApiController.actor(principal, request), id);
            return "/admin/crm/roles";
        });
    }

    private static RoleSummary summary(CrmRole role) {
        List<String> parts = new ArrayList<>();
        role.permissions().forEach((type, actions) -> parts.add(type + ": " + actions.entrySet().stream()
                .map(e -> e.getKey().name().toLowerCase(Locale.ROOT) + " " + e.getValue().name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(", "))));
        return new RoleSummary(role.id(), role.name(), parts.isEmpty() ? "no access" : String.join("; ", parts));
    }
}
