package dev.holdfast.platform.crm.access;

import dev.holdfast.platform.crm.access.AccessViews.Choice;
import dev.holdfast.platform.crm.access.AccessViews.Member;
import dev.holdfast.platform.crm.access.AccessViews.TeamPage;
import dev.holdfast.platform.crm.access.AccessViews.TeamSummary;
import dev.holdfast.platform.identity.UserAccount.UserId;
import dev.holdfast.platform.identity.UserManagement;
import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import java.util.List;
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

/** Administrators' pages for CRM teams: the list, a team's name, description, roles and direct members. */
@Controller
@RequestMapping("/admin/crm/teams")
class CrmTeamsAdminController {

    private final AccessAdministration administration;
    private final AccessStore store;
    private final UserManagement users;

    CrmTeamsAdminController(AccessAdministration administration, AccessStore store, UserManagement users) {
        this.administration = administration;
        this.store = store;
        this.users = users;
    }

    @GetMapping
    String teams(Model model) {
        model.addAttribute("teams", store.teams().stream()
                .map(team -> new TeamSummary(team.id(), team.name(), team.description(), team.members().size())).toList());
        return "crm/teams";
    }

    @PostMapping
    String createTeam(@RequestParam(required = false) @Nullable String name, @RequestParam(required = false) @Nullable String description,
            Principal principal, HttpServletRequest request, RedirectAttributes flash) {
        return AccessForms.attempt(flash, "/admin/crm/teams", () -> "/admin/crm/teams/" + administration.createTeam(
                AccessApiController.actor(principal, request), AccessInput.name(name, "name"), AccessInput.description(description),
                List.of(), List.of()).id());
    }

    @GetMapping("/{id}")
    String team(@PathVariable String id, Model model) {
        CrmTeam team = administration.team(id);
        List<Member> members = team.members().stream()
                .map(member -> users.findById(new UserId(UUID.fromString(member)))
                        .map(user -> new Member(member, user.username(), user.name()))
                        .orElse(new Member(member, member, "(deleted user)")))
                .sorted(java.util.Comparator.comparing(Member::username)).toList();
        List<Choice> roles = store.roles().stream().map(role -> new Choice(role.id(), role.name(), team.roleIds().contains(role.id())))
                .toList();
        model.addAttribute("team", new TeamPage(team.id(), team.name(), team.description(), members, roles));
        return "crm/team";
    }

    @PostMapping("/{id}")
    String saveTeam(@PathVariable String id, @RequestParam(required = false) @Nullable String name,
            @RequestParam(required = false) @Nullable String description,
            @RequestParam(name = "roleIds", required = false) @Nullable List<String> roleIds, Principal principal,
            HttpServletRequest request, RedirectAttributes flash) {
        CrmTeam team = administration.team(id);
        return AccessForms.attempt(flash, "/admin/crm/teams/" + id, () -> "/admin/crm/teams/" + administration.replaceTeam(
                AccessApiController.actor(principal, request), id, AccessInput.name(name, "name"),
                AccessInput.description(description), List.copyOf(team.members()), roleIds == null ? List.of() : roleIds).id());
    }

    @PostMapping("/{id}/members")
    String addMember(@PathVariable String id, @RequestParam(required = false) @Nullable String username, Principal principal,
            HttpServletRequest request, RedirectAttributes flash) {
        return AccessForms.attempt(flash, "/admin/crm/teams/" + id, () -> "/admin/crm/teams/" + administration.changeMember(
                AccessApiController.actor(principal, request), id, username, true).id());
    }

    @PostMapping("/{id}/members/remove")
    String removeMember(@PathVariable String id, @RequestParam(required = false) @Nullable String username, Principal principal,
            HttpServletRequest request, RedirectAttributes flash) {
        return AccessForms.attempt(flash, "/admin/crm/teams/" + id, () -> "/admin/crm/teams/" + administration.changeMember(
                AccessApiController.actor(principal, request), id, username, false).id());
    }

    @PostMapping("/{id}/delete")
    String deleteTeam(@PathVariable String id, Principal principal, HttpServletRequest request, RedirectAttributes flash) {
        return AccessForms.attempt(flash, "/admin/crm/teams/" + id, () -> {
            administration.deleteTeam(AccessApiController.actor(principal, request), id);
            return "/admin/crm/teams";
        });
    }
}
