package dev.holdfast.platform.identity.internal;

import dev.holdfast.platform.identity.UserAccount;
import dev.holdfast.platform.identity.UserAccount.Kind;
import dev.holdfast.platform.identity.UserAccount.UserId;
import dev.holdfast.platform.identity.internal.ApiViews.IssuedTokenView;
import dev.holdfast.platform.identity.internal.ApiViews.NewServiceAccount;
import dev.holdfast.platform.identity.internal.ApiViews.NewToken;
import dev.holdfast.platform.identity.internal.ApiViews.TokenView;
import dev.holdfast.platform.identity.internal.ApiViews.UserView;
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
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Service accounts (non-human principals that call the API with tokens) and their tokens. Disable or delete one
 * through {@code /users/{id}}; roles are assigned through {@code /roles/{id}/assignments/users/{id}}.
 */
@RestController
@RequestMapping("/api/identity/v1/service-accounts")
class ServiceAccountsApiController {

    private final JooqUsers users;
    private final UserAdministration administration;
    private final ApiTokens tokens;

    ServiceAccountsApiController(JooqUsers users, UserAdministration administration, ApiTokens tokens) {
        this.users = users;
        this.administration = administration;
        this.tokens = tokens;
    }

    @GetMapping
    List<UserView> list() {
        return administration.search(Kind.SERVICE, "", 0, 1000).users().stream().map(this::view).toList();
    }

    @PostMapping
    ResponseEntity<UserView> create(@RequestBody NewServiceAccount body, Principal principal, HttpServletRequest request) {
        UserAccount created = administration.createServiceAccount(Actor.of(principal, request), DirectoryInput.username(body.name()),
                DirectoryInput.optional(body.description(), 200, "description"));
        return ResponseEntity.created(URI.create("/api/identity/v1/service-accounts/" + created.id())).body(view(created));
    }

    @GetMapping("/{id}")
    UserView get(@PathVariable UUID id) {
        return view(serviceAccount(id));
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable UUID id, Principal principal, HttpServletRequest request) {
        administration.delete(Actor.of(principal, request), serviceAccount(id).id());
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/{id}/tokens")
    List<TokenView> tokens(@PathVariable UUID id) {
        return tokens.list(serviceAccount(id).id()).stream().map(TokenView::of).toList();
    }

    /** Makes a token; the answer holds the secret, which is never shown again. */
    @PostMapping("/{id}/tokens")
    ResponseEntity<IssuedTokenView> issue(@PathVariable UUID id, @RequestBody NewToken body, Principal principal,
            HttpServletRequest request) {
        String method = body.authenticationMethod();
        if (method != null && !method.equals("ApiKey") && !method.equals("Hmac")) {
            throw DirectoryException.invalid("authenticationMethod must be ApiKey or Hmac.");
        }
        ApiTokens.IssuedToken issued = tokens.issue(Actor.of(principal, request), new UserId(id),
                DirectoryInput.name(body.name()), body.expiresAt(), "Hmac".equals(method));
        return ResponseEntity.created(URI.create("/api/identity/v1/service-accounts/" + id + "/tokens/" + issued.token().id()))
                .body(new IssuedTokenView(TokenView.of(issued.token()), issued.secret(), issued.secretKey()));
    }

    /** Revokes a token at once (idempotent). */
    @DeleteMapping("/{id}/tokens/{tokenId}")
    ResponseEntity<Void> revoke(@PathVariable UUID id, @PathVariable UUID tokenId, Principal principal, HttpServletRequest request) {
        tokens.revoke(Actor.of(principal, request), new UserId(id), tokenId);
        return ResponseEntity.noContent().build();
    }

    private UserAccount serviceAccount(UUID id) {
        return users.findById(new UserId(id)).filter(account -> account.kind() == Kind.SERVICE)
                .orElseThrow(() -> DirectoryException.notFound("service account"));
    }

    private UserView view(UserAccount account) {
        return UserView.of(account, users.attributesOf(account.id()));
    }
}
