package dev.holdfast.platform.identity.internal;

import dev.holdfast.platform.identity.Group.GroupId;
import dev.holdfast.platform.identity.Role.RoleId;
import dev.holdfast.platform.identity.RoleAssignmentChanged.Subject;
import dev.holdfast.platform.identity.UserAccount;
import dev.holdfast.platform.identity.UserAccount.Kind;
import dev.holdfast.platform.identity.UserAccount.UserId;
import dev.holdfast.platform.identity.UserSessions;
import dev.holdfast.platform.identity.internal.JooqRoles.Assignment;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
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

/** Administrators' pages for people and service accounts: list, search, create, edit, disable, delete, memberships, roles. */
@Controller
@RequestMapping("/admin/identity/users")
class UsersAdminController {

    private static final int PAGE_SIZE = 25;

    private final JooqUsers users;
    private final UserAdministration administration;
    private final JooqGroups groups;
    private final JooqRoles roles;
    private final UserSessions sessions;
    private final Passwords passwords;

    UsersAdminController(JooqUsers users, UserAdministration administration, JooqGroups groups, JooqRoles roles,
            UserSessions sessions, Passwords passwords) {
        this.sessions = sessions;
        this.passwords = passwords;
        this.users = users;
        this.administration = administration;
        this.groups = groups;
        this.roles = roles;
    }

    @GetMapping
    String list(@RequestParam(defaultValue = "") String q, @RequestParam(defaultValue = "0") int page, Model model) {
        String query = q.length() > 200 ? q.substring(0, 200) : q;
        model.addAttribute("q", query);
        model.addAttribute("found", administration.search(Kind.PERSON, query, page, PAGE_SIZE));
        return "identity/users";
    }

    @PostMapping
    String create(@RequestParam @Nullable String username, @RequestParam(required = false) @Nullable String email,
            @RequestParam(required = false) @Nullable String displayName, @RequestParam(required = false) @Nullable String password,
            Principal principal, HttpServletRequest request, RedirectAttributes flash) {
        return AdminForms.attempt(flash, "/admin/identity/users", () -> "/admin/identity/users/" + administration.createPerson(
                Actor.of(principal, request), DirectoryInput.username(username), DirectoryInput.email(email),
                DirectoryInput.optional(displayName, 200, "display name"), DirectoryInput.password(password), java.util.Map.of()).id());
    }

    @GetMapping("/{id}")
    String show(@PathVariable UUID id, Model model) {
        UserAccount user = users.get(new UserId(id));
        model.addAttribute("user", user);
        model.addAttribute("attributes", users.attributesOf(user.id()));
        model.addAttribute("memberOf", groups.directGroupsOf(user.id()));
        model.addAttribute("allGroups", groups.all());
        model.addAttribute("assigned", roles.assignedTo(new Assignment(Subject.USER, id)));
        model.addAttribute("effective", roles.effectiveRolesOf(user.id()));
        model.addAttribute("allRoles", roles.all());
        model.addAttribute("sessions", sessions.list(user.username()));
        model.addAttribute("invitable", user.kind() == Kind.PERSON && !passwords.hasPassword(user.id().toString()));
        return "identity/user";
    }

    @PostMapping("/{id}/sessions/{handle}/revoke")
    String endSession(@PathVariable UUID id, @PathVariable String handle, Principal principal, HttpServletRequest request,
            RedirectAttributes flash) {
        UserAccount user = users.get(new UserId(id));
        boolean ended = sessions.revoke(user.username(), handle, principal.getName(), request.getRemoteAddr());
        flash.addFlashAttribute(ended ? "notice" : "error", ended ? "The session is ended." : "That session had already ended.");
        return "redirect:" + page(id);
    }

    /** Ends every session of the user; an administrator ending their own keeps the one they are using. */
    @PostMapping("/{id}/sessions/revoke-all")
    String endAllSessions(@PathVariable UUID id, Principal principal, HttpServletRequest request, HttpSession session,
            RedirectAttributes flash) {
        UserAccount user = users.get(new UserId(id));
        String keep = user.username().equals(principal.getName()) ? SpringUserSessions.handle(session.getId()) : null;
        int ended = sessions.revokeAll(user.username(), keep, principal.getName(), request.getRemoteAddr());
        flash.addFlashAttribute("notice", ended == 1 ? "1 session ended." : ended + " sessions ended.");
        return "redirect:" + page(id);
    }

    @PostMapping("/{id}")
    String update(@PathVariable UUID id, @RequestParam(required = false) @Nullable String email,
            @RequestParam(required = false) @Nullable String displayName, @RequestParam(required = false) @Nullable String attributes,
            Principal principal, HttpServletRequest request, RedirectAttributes flash) {
        String page = page(id);
        return AdminForms.attempt(flash, page, () -> {
            UserAccount user = users.get(new UserId(id));
            administration.update(Actor.of(principal, request), user.id(), DirectoryInput.email(email),
                    DirectoryInput.optional(displayName, 200, "display name"), DirectoryInput.attributeLines(attributes), user.enabled());
            return page;
        });
    }

    @PostMapping("/{id}/enabled")
    String setEnabled(@PathVariable UUID id, @RequestParam boolean enabled, Principal principal, HttpServletRequest request,
            RedirectAttributes flash) {
        return AdminForms.attempt(flash, page(id), () -> {
            administration.setEnabled(Actor.of(principal, request), new UserId(id), enabled);
            return page(id);
        });
    }

    @PostMapping("/{id}/delete")
    String delete(@PathVariable UUID id, Principal principal, HttpServletRequest request, RedirectAttributes flash) {
        return AdminForms.attempt(flash, page(id), () -> {
            boolean service = users.get(new UserId(id)).kind() == Kind.SERVICE;
            administration.delete(Actor.of(principal, request), new UserId(id));
            return service ? "/admin/identity/service-accounts" : "/admin/identity/users";
        });
    }

    @PostMapping("/{id}/groups")
    String join(@PathVariable UUID id, @RequestParam(required = false) @Nullable String groupId, Principal principal,
            HttpServletRequest request, RedirectAttributes flash) {
        return AdminForms.attempt(flash, page(id), () -> {
            UserAccount user = users.get(new UserId(id));
            groups.addMember(Actor.of(principal, request), new GroupId(AdminForms.id(groupId)), user.id(), user.username());
            return page(id);
        });
    }

    @PostMapping("/{id}/groups/{groupId}/remove")
    String leave(@PathVariable UUID id, @PathVariable UUID groupId, Principal principal, HttpServletRequest request,
            RedirectAttributes flash) {
        return AdminForms.attempt(flash, page(id), () -> {
            UserAccount user = users.get(new UserId(id));
            groups.removeMember(Actor.of(principal, request), new GroupId(groupId), user.id(), user.username());
            return page(id);
        });
    }

    @PostMapping("/{id}/roles")
    String assign(@PathVariable UUID id, @RequestParam(required = false) @Nullable String roleId, Principal principal,
            HttpServletRequest request, RedirectAttributes flash) {
        return AdminForms.attempt(flash, page(id), () -> {
            UserAccount user = users.get(new UserId(id));
            roles.assign(Actor.of(principal, request), new RoleId(AdminForms.id(roleId)), new Assignment(Subject.USER, id), user.username());
            return page(id);
        });
    }

    @PostMapping("/{id}/roles/{roleId}/remove")
    String unassign(@PathVariable UUID id, @PathVariable UUID roleId, Principal principal, HttpServletRequest request,
            RedirectAttributes flash) {
        return AdminForms.attempt(flash, page(id), () -> {
            UserAccount user = users.get(new UserId(id));
            roles.unassign(Actor.of(principal, request), new RoleId(roleId), new Assignment(Subject.USER, id), user.username());
            return page(id);
        });
    }

    private static String page(UUID id) {
        return "/admin/identity/users/" + id;
    }
}
