package dev.holdfast.platform.identity.internal;

import dev.holdfast.platform.identity.Group;
import dev.holdfast.platform.identity.Group.GroupId;
import dev.holdfast.platform.identity.Role;
import dev.holdfast.platform.identity.Role.RoleId;
import dev.holdfast.platform.identity.RoleAssignmentChanged.Subject;
import dev.holdfast.platform.identity.UserAccount;
import dev.holdfast.platform.identity.UserAccount.UserId;
import dev.holdfast.platform.identity.internal.ApiViews.AssignmentsView;
import dev.holdfast.platform.identity.internal.ApiViews.RoleRequest;
import dev.holdfast.platform.identity.internal.ApiViews.RoleView;
import dev.holdfast.platform.identity.internal.JooqRoles.Assignment;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.security.Principal;
import java.util.List;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Roles with their permissions, and their assignment to users (people, service accounts) and groups. */
@RestController
@RequestMapping("/api/identity/v1/roles")
class RolesApiController {

    private final JooqRoles roles;
    private final JooqGroups groups;
    private final JooqUsers users;

    RolesApiController(JooqRoles roles, JooqGroups groups, JooqUsers users) {
        this.roles = roles;
        this.groups = groups;
        this.users = users;
    }

    @GetMapping
    List<RoleView> list() {
        return roles.all().stream().map(RoleView::of).toList();
    }

    @PostMapping
    ResponseEntity<RoleView> create(@RequestBody RoleRequest body, Principal principal, HttpServletRequest request) {
        Role role = roles.create(Actor.of(principal, request), DirectoryInput.name(body.name()),
                DirectoryInput.optional(body.application(), 100, "application"),
                DirectoryInput.optional(body.description(), 500, "description"), DirectoryInput.permissions(body.permissions()));
        return ResponseEntity.created(URI.create("/api/identity/v1/roles/" + role.id())).body(RoleView.of(role));
    }

    @GetMapping("/{id}")
    RoleView get(@PathVariable UUID id) {
        return RoleView.of(roles.get(new RoleId(id)));
    }

    /** Replaces name, application, description and permissions; the built-in administrator role answers 409. */
    @PutMapping("/{id}")
    RoleView replace(@PathVariable UUID id, @RequestBody RoleRequest body, Principal principal, HttpServletRequest request) {
        return RoleView.of(roles.update(Actor.of(principal, request), new RoleId(id), DirectoryInput.name(body.name()),
                DirectoryInput.optional(body.application(), 100, "application"),
                DirectoryInput.optional(body.description(), 500, "description"), DirectoryInput.permissions(body.permissions())));
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable UUID id, Principal principal, HttpServletRequest request) {
        roles.delete(Actor.of(principal, request), new RoleId(id));
        return ResponseEntity.noContent().build();
    }

    /** Users and groups the role is assigned to directly. */
    @GetMapping("/{id}/assignments")
    AssignmentsView assignments(@PathVariable UUID id) {
        List<Assignment> all = roles.assignments(roles.get(new RoleId(id)).id());
        return new AssignmentsView(all.stream().filter(a -> a.subject() == Subject.USER).map(Assignment::subjectId).toList(),
                all.stream().filter(a -> a.subject() == Subject.GROUP).map(Assignment::subjectId).toList());
    }

    @PutMapping("/{id}/assignments/users/{userId}")
    ResponseEntity<Void> assignUser(@PathVariable UUID id, @PathVariable UUID userId, Principal principal, HttpServletRequest request) {
        UserAccount user = users.get(new UserId(userId));
        roles.assign(Actor.of(principal, request), new RoleId(id), new Assignment(Subject.USER, userId), user.username());
        return ResponseEntity.noContent().build();
    }

    @DeleteMapping("/{id}/assignments/users/{userId}")
    ResponseEntity<Void> unassignUser(@PathVariable UUID id, @PathVariable UUID userId, Principal principal,
            HttpServletRequest request) {
        UserAccount user = users.get(new UserId(userId));
        roles.unassign(Actor.of(principal, request), new RoleId(id), new Assignment(Subject.USER, userId), user.username());
        return ResponseEntity.noContent().build();
    }

    @PutMapping("/{id}/assignments/groups/{groupId}")
    ResponseEntity<Void> assignGroup(@PathVariable UUID id, @PathVariable UUID groupId, Principal principal,
            HttpServletRequest request) {
        Group group = groups.get(new GroupId(groupId));
        roles.assign(Actor.of(principal, request), new RoleId(id), new Assignment(Subject.GROUP, groupId), group.name());
        return ResponseEntity.noContent().build();
    }

    @DeleteMapping("/{id}/assignments/groups/{groupId}")
    ResponseEntity<Void> unassignGroup(@PathVariable UUID id, @PathVariable UUID groupId, Principal principal,
            HttpServletRequest request) {
        Group group = groups.get(new GroupId(groupId));
        roles.unassign(Actor.of(principal, request), new RoleId(id), new Assignment(Subject.GROUP, groupId), group.name());
        return ResponseEntity.noContent().build();
    }
}
