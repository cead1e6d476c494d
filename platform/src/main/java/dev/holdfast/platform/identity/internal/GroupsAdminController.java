package dev.holdfast.platform.identity.internal;

import dev.holdfast.platform.identity.Group;
import dev.holdfast.platform.identity.Group.GroupId;
import dev.holdfast.platform.identity.Role.RoleId;
import dev.holdfast.platform.identity.RoleAssignmentChanged.Subject;
import dev.holdfast.platform.identity.UserAccount;
import dev.holdfast.platform.identity.UserAccount.UserId;
import dev.holdfast.platform.identity.internal.JooqRoles.Assignment;
import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
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

/** Administrators' pages for the group tree: create, move, rename, attributes, members, roles, delete. */
@Controller
@RequestMapping("/admin/identity/groups")
class GroupsAdminController {

    private final JooqGroups groups;
    private final JooqRoles roles;
    private final JooqUsers users;

    GroupsAdminController(JooqGroups groups, JooqRoles roles, JooqUsers users) {
        this.groups = groups;
        this.roles = roles;
        this.users = users;
    }

    @GetMapping
    String tree(Model model) {
        model.addAttribute("tree", groups.tree());
        return "identity/groups";
    }

    @PostMapping
    String create(@RequestParam(required = false) @Nullable String name, @RequestParam(required = false) @Nullable String parentId,
            @RequestParam(required = false) @Nullable String description, Principal principal, HttpServletRequest request,
            RedirectAttributes flash) {
        return AdminForms.attempt(flash, "/admin/identity/groups", () -> page(groups.create(Actor.of(principal, request),
                DirectoryInput.name(name), parent(parentId), DirectoryInput.optional(description, 500, "description"),
                java.util.Map.of()).id().value()));
    }

    @GetMapping("/{id}")
    String show(@PathVariable UUID id, Model model) {
        Group group = groups.get(new GroupId(id));
        model.addAttribute("group", group);
        model.addAttribute("tree", groups.tree());
        model.addAttribute("members", groups.members(group.id()).stream().map(users::findById)
                .flatMap(java.util.Optional::stream).toList());
        model.addAttribute("assigned", roles.assignedTo(new Assignment(Subject.GROUP, id)));
        model.addAttribute("allRoles", roles.all());
        return "identity/group";
    }

    @PostMapping("/{id}")
    String update(@PathVariable UUID id, @RequestParam(required = false) @Nullable String name,
            @RequestParam(required = false) @Nullable String parentId, @RequestParam(required = false) @Nullable String description,
            @RequestParam(required = false) @Nullable String attributes, Principal principal, HttpServletRequest request,
            RedirectAttributes flash) {
        return AdminForms.attempt(flash, page(id), () -> page(groups.update(Actor.of(principal, request), new GroupId(id),
                DirectoryInput.name(name), parent(parentId), DirectoryInput.optional(description, 500, "description"),
                DirectoryInput.attributeLines(attributes)).id().value()));
    }

    @PostMapping("/{id}/delete")
    String delete(@PathVariable UUID id, Principal principal, HttpServletRequest request, RedirectAttributes flash) {
        return AdminForms.attempt(flash, page(id), () -> {
            groups.delete(Actor.of(principal, request), new GroupId(id));
            return "/admin/identity/groups";
        });
    }

    @PostMapping("/{id}/members")
    String addMember(@PathVariable UUID id, @RequestParam(required = false) @Nullable String username, Principal principal,
            HttpServletRequest request, RedirectAttributes flash) {
        return AdminForms.attempt(flash, page(id), () -> {
            UserAccount user = users.findByUsername(username == null ? "" : username)
                    .orElseThrow(() -> DirectoryException.notFound("user named " + username));
            groups.addMember(Actor.of(principal, request), new GroupId(id), user.id(), user.username());
            return page(id);
        });
    }

    @PostMapping("/{id}/members/{userId}/remove")
    String removeMember(@PathVariable UUID id, @PathVariable UUID userId, Principal principal, HttpServletRequest request,
            RedirectAttributes flash) {
        return AdminForms.attempt(flash, page(id), () -> {
            UserAccount user = users.get(new UserId(userId));
            groups.removeMember(Actor.of(principal, request), new GroupId(id), user.id(), user.username());
            return page(id);
        });
    }

    @PostMapping("/{id}/roles")
    String assign(@PathVariable UUID id, @RequestParam(required = false) @Nullable String roleId, Principal principal,
            HttpServletRequest request, RedirectAttributes flash) {
        return AdminForms.attempt(flash, page(id), () -> {
            Group group = groups.get(new GroupId(id));
            roles.assign(Actor.of(principal, request), new RoleId(AdminForms.id(roleId)), new Assignment(Subject.GROUP, id), group.name());
            return page(id);
        });
    }

    @PostMapping("/{id}/roles/{roleId}/remove")
    String unassign(@PathVariable UUID id, @PathVariable UUID roleId, Principal principal, HttpServletRequest request,
            RedirectAttributes flash) {
        return AdminForms.attempt(flash, page(id), () -> {
            Group group = groups.get(new GroupId(id));
            roles.unassign(Actor.of(principal, request), new RoleId(roleId), new Assignment(Subject.GROUP, id), group.name());
            return page(id);
        });
    }

    private static @Nullable GroupId parent(@Nullable String parentId) {
        UUID id = AdminForms.optionalId(parentId);
        return id == null ? null : new GroupId(id);
    }

    private static String page(UUID id) {
        return "/admin/identity/groups/" + id;
    }
}
