package dev.holdfast.platform.identity.internal;

import dev.holdfast.platform.identity.Group;
import dev.holdfast.platform.identity.Group.GroupId;
import dev.holdfast.platform.identity.UserAccount;
import dev.holdfast.platform.identity.UserAccount.UserId;
import dev.holdfast.platform.identity.internal.ApiViews.GroupRequest;
import dev.holdfast.platform.identity.internal.ApiViews.GroupView;
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

/** Hierarchical groups and their members. A parent that would put a group inside itself is refused with 409. */
@RestController
@RequestMapping("/api/identity/v1/groups")
class GroupsApiController {

    private final JooqGroups groups;
    private final JooqUsers users;

    GroupsApiController(JooqGroups groups, JooqUsers users) {
        this.groups = groups;
        this.users = users;
    }

    @GetMapping
    List<GroupView> list() {
        return groups.all().stream().map(GroupView::of).toList();
    }

    @PostMapping
    ResponseEntity<GroupView> create(@RequestBody GroupRequest body, Principal principal, HttpServletRequest request) {
        Group group = groups.create(Actor.of(principal, request), DirectoryInput.name(body.name()), parent(body),
                DirectoryInput.optional(body.description(), 500, "description"), DirectoryInput.attributes(body.attributes()));
        return ResponseEntity.created(URI.create("/api/identity/v1/groups/" + group.id())).body(GroupView.of(group));
    }

    @GetMapping("/{id}")
    GroupView get(@PathVariable UUID id) {
        return GroupView.of(groups.get(new GroupId(id)));
    }

    /** Replaces name, parent, description and attributes. */
    @PutMapping("/{id}")
    GroupView replace(@PathVariable UUID id, @RequestBody GroupRequest body, Principal principal, HttpServletRequest request) {
        return GroupView.of(groups.update(Actor.of(principal, request), new GroupId(id), DirectoryInput.name(body.name()),
                parent(body), DirectoryInput.optional(body.description(), 500, "description"),
                DirectoryInput.attributes(body.attributes())));
    }

    /** Deletes a group without subgroups (409 otherwise). */
    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable UUID id, Principal principal, HttpServletRequest request) {
        groups.delete(Actor.of(principal, request), new GroupId(id));
        return ResponseEntity.noContent().build();
    }

    /** The group's own members' ids. */
    @GetMapping("/{id}/members")
    List<UUID> members(@PathVariable UUID id) {
        return groups.members(groups.get(new GroupId(id)).id()).stream().map(UserId::value).toList();
    }

    /** Adds a member (idempotent). */
    @PutMapping("/{id}/members/{userId}")
    ResponseEntity<Void> addMember(@PathVariable UUID id, @PathVariable UUID userId, Principal principal, HttpServletRequest request) {
        UserAccount user = users.get(new UserId(userId));
        groups.addMember(Actor.of(principal, request), new GroupId(id), user.id(), user.username());
        return ResponseEntity.noContent().build();
    }

    @DeleteMapping("/{id}/members/{userId}")
    ResponseEntity<Void> removeMember(@PathVariable UUID id, @PathVariable UUID userId, Principal principal,
            HttpServletRequest request) {
        UserAccount user = users.get(new UserId(userId));
        groups.removeMember(Actor.of(principal, request), new GroupId(id), user.id(), user.username());
        return ResponseEntity.noContent().build();
    }

    private static GroupId parent(GroupRequest body) {
        return body.parentId() == null ? null : new GroupId(body.parentId());
    }
}
