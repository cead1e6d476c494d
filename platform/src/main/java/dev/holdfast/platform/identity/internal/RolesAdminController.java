package dev.holdfast.platform.identity.internal;

import dev.holdfast.platform.identity.Role;
import dev.holdfast.platform.identity.Role.RoleId;
import dev.holdfast.platform.identity.RoleAssignmentChanged.Subject;
import dev.holdfast.platform.identity.UserAccount.UserId;
import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import java.util.Arrays;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Administrators' pages for roles: permissions, application, who holds them directly. */
@Controller
@RequestMapping("/admin/identity/roles")
class RolesAdminController {

    private final JooqRoles roles;
    private final JooqUsers users;

    RolesAdminController(JooqRoles roles, JooqUsers users) {
        this.roles = roles;
        this.users = users;
    }

    @GetMapping
    String list(Model model) {
        model.addAttribute("roles", roles.all());
        return "identity/roles";
    }

    @PostMapping
    String create(@RequestParam(required = false) @Nullable String name, @RequestParam(required = false) @Nullable String application,
            @RequestParam(required = false) @Nullable String description, @RequestParam(required = false) @Nullable String permissions,
            Principal principal, HttpServletRequest request, RedirectAttributes flash) {
        return AdminForms.attempt(flash, "/admin/identity/roles", () -> page(roles.create(Actor.of(principal, request),
                DirectoryInput.name(name), DirectoryInput.optional(application, 100, "application"),
                DirectoryInput.optional(description, 500, "description"), permissions(permissions)).id().value()));
    }

    @GetMapping("/{id}")
    String show(@PathVariable UUID id, Model model) {
        Role role = roles.get(new RoleId(id));
        model.addAttribute("role", role);
        model.addAttribute("users", roles.assignments(role.id()).stream().filter(a -> a.subject() == Subject.USER)
                .map(a -> users.findById(new UserId(a.subjectId()))).flatMap(java.util.Optional::stream).toList());
        model.addAttribute("groups", roles.groupsAssigned(role.id()));
        return "identity/role";
    }

    @PostMapping("/{id}")
    String update(@PathVariable UUID id, @RequestParam(required = false) @Nullable String name,
            @RequestParam(required = false) @Nullable String application, @RequestParam(required = false) @Nullable String description,
            @RequestParam(required = false) @Nullable String permissions, Principal principal, HttpServletRequest request,
            RedirectAttributes flash) {
        return AdminForms.attempt(flash, page(id), () -> page(roles.update(Actor.of(principal, request), new RoleId(id),
                DirectoryInput.name(name), DirectoryInput.optional(application, 100, "application"),
                DirectoryInput.optional(description, 500, "description"), permissions(permissions)).id().value()));
    }

    @PostMapping("/{id}/delete")
    String delete(@PathVariable UUID id, Principal principal, HttpServletRequest request, RedirectAttributes flash) {
        return AdminForms.attempt(flash, page(id), () -> {
            roles.delete(Actor.of(principal, request), new RoleId(id));
            return "/admin/identity/roles";
        });
    }

    /** Permissions typed one per line (or separated by commas or spaces). */
    private static java.util.Set<String> permissions(@Nullable String text) {
        return DirectoryInput.permissions(text == null ? java.util.List.of()
                : Arrays.stream(text.split("[\\s,]+")).filter(p -> !p.isBlank()).toList());
    }

    private static String page(UUID id) {
        return "/admin/identity/roles/" + id;
    }
}
