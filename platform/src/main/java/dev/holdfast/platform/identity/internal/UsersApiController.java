package dev.holdfast.platform.identity.internal;

import dev.holdfast.platform.identity.UserAccount;
import dev.holdfast.platform.identity.UserAccount.Kind;
import dev.holdfast.platform.identity.UserAccount.UserId;
import dev.holdfast.platform.identity.internal.ApiViews.GroupView;
import dev.holdfast.platform.identity.internal.ApiViews.NewUser;
import dev.holdfast.platform.identity.internal.ApiViews.PageView;
import dev.holdfast.platform.identity.internal.ApiViews.RoleView;
import dev.holdfast.platform.identity.internal.ApiViews.UserChanges;
import dev.holdfast.platform.identity.internal.ApiViews.UserView;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.security.Principal;
import java.util.List;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** People in the directory, for administrators and administrator service accounts. */
@RestController
@RequestMapping("/api/identity/v1/users")
class UsersApiController {

    static final int MAX_PAGE_SIZE = 200;

    private final JooqUsers users;
    private final UserAdministration administration;

    UsersApiController(JooqUsers users, UserAdministration administration) {
        this.users = users;
        this.administration = administration;
    }

    /** People whose username, email or display name contains {@code q}, by username. */
    @GetMapping
    PageView<UserView> list(@RequestParam(defaultValue = "") String q, @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size) {
        if (page < 0 || size < 1 || size > MAX_PAGE_SIZE || q.length() > 200) {
            throw DirectoryException.invalid("page is 0 or more, size 1 to " + MAX_PAGE_SIZE + ", q at most 200 characters.");
        }
        UserPage found = administration.search(Kind.PERSON, q, page, size);
        return new PageView<>(found.users().stream().map(this::view).toList(), found.page(), found.size(), found.total());
    }

    @PostMapping
    ResponseEntity<UserView> create(@RequestBody NewUser body, Principal principal, HttpServletRequest request) {
        UserAccount created = administration.createPerson(Actor.of(principal, request), DirectoryInput.username(body.username()),
                DirectoryInput.email(body.email()), DirectoryInput.optional(body.displayName(), 200, "display name"),
                DirectoryInput.password(body.password()), DirectoryInput.attributes(body.attributes()));
        return ResponseEntity.created(URI.create("/api/identity/v1/users/" + created.id())).body(view(created));
    }

    @GetMapping("/{id}")
    UserView get(@PathVariable UUID id) {
        return view(users.get(new UserId(id)));
    }

    /** Changes what the body names; {@code "enabled": false} disables the user and ends all their sessions. */
    @PatchMapping("/{id}")
    UserView update(@PathVariable UUID id, @RequestBody UserChanges body, Principal principal, HttpServletRequest request) {
        UserAccount current = users.get(new UserId(id));
        UserAccount updated = administration.update(Actor.of(principal, request), current.id(),
                body.email() == null ? current.email() : DirectoryInput.email(body.email()),
                body.displayName() == null ? current.displayName() : DirectoryInput.optional(body.displayName(), 200, "display name"),
                body.attributes() == null ? null : DirectoryInput.attributes(body.attributes()),
                body.enabled() == null ? current.enabled() : body.enabled());
        return view(updated);
    }

    /** Deletes the user and ends all their sessions. */
    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable UUID id, Principal principal, HttpServletRequest request) {
        administration.delete(Actor.of(principal, request), new UserId(id));
        return ResponseEntity.noContent().build();
    }

    /** The user's groups, with every ancestor group. */
    @GetMapping("/{id}/groups")
    List<GroupView> groups(@PathVariable UUID id) {
        UserAccount user = users.get(new UserId(id));
        return users.groupsOf(user.id()).stream().map(GroupView::of).toList();
    }

    /** Every role the user holds, directly or through a group. */
    @GetMapping("/{id}/roles")
    List<RoleView> roles(@PathVariable UUID id) {
        UserAccount user = users.get(new UserId(id));
        return users.effectiveRolesOf(user.id()).stream().map(RoleView::of).toList();
    }

    private UserView view(UserAccount user) {
        return UserView.of(user, users.attributesOf(user.id()));
    }
}
