package dev.holdfast.platform.identity.internal;

import dev.holdfast.platform.identity.RoleAssignmentChanged.Subject;
import dev.holdfast.platform.identity.UserAccount;
import dev.holdfast.platform.identity.UserAccount.Kind;
import dev.holdfast.platform.identity.UserAccount.UserId;
import dev.holdfast.platform.identity.internal.JooqRoles.Assignment;
import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Administrators' pages for service accounts and their API tokens. A new token's secret is rendered in the answer
 * to the POST itself (not redirected, so it is never stored in a session) and never shown again.
 */
@Controller
@RequestMapping("/admin/identity/service-accounts")
class ServiceAccountsAdminController {

    private final JooqUsers users;
    private final UserAdministration administration;
    private final ApiTokens tokens;
    private final JooqRoles roles;
    private final java.time.Clock clock;

    ServiceAccountsAdminController(JooqUsers users, UserAdministration administration, ApiTokens tokens, JooqRoles roles,
            java.time.Clock clock) {
        this.clock = clock;
        this.users = users;
        this.administration = administration;
        this.tokens = tokens;
        this.roles = roles;
    }

    @GetMapping
    String list(Model model) {
        model.addAttribute("accounts", administration.search(Kind.SERVICE, "", 0, 1000).users());
        return "identity/service-accounts";
    }

    @PostMapping
    String create(@RequestParam(required = false) @Nullable String name, @RequestParam(required = false) @Nullable String description,
            Principal principal, HttpServletRequest request, RedirectAttributes flash) {
        return AdminForms.attempt(flash, "/admin/identity/service-accounts", () -> page(administration.createServiceAccount(
                Actor.of(principal, request), DirectoryInput.username(name), DirectoryInput.optional(description, 200, "description"))
                .id().value()));
    }

    @GetMapping("/{id}")
    String show(@PathVariable UUID id, Model model) {
        return render(id, null, model);
    }

    @PostMapping("/{id}/tokens")
    String issue(@PathVariable UUID id, @RequestParam(required = false) @Nullable String name,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate expires,
            Principal principal, HttpServletRequest request, Model model) {
        try {
            Instant expiresAt = expires == null ? null : expires.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
            var issued = tokens.issue(Actor.of(principal, request), new UserId(id), DirectoryInput.name(name), expiresAt);
            return render(id, issued.secret(), model);
        } catch (DirectoryException e) {
            model.addAttribute("error", e.getMessage());
            return render(id, null, model);
        }
    }

    @PostMapping("/{id}/tokens/{tokenId}/revoke")
    String revoke(@PathVariable UUID id, @PathVariable UUID tokenId, Principal principal, HttpServletRequest request,
            RedirectAttributes flash) {
        return AdminForms.attempt(flash, page(id), () -> {
            tokens.revoke(Actor.of(principal, request), new UserId(id), tokenId);
            return page(id);
        });
    }

    private String render(UUID id, @Nullable String secret, Model model) {
        UserAccount account = users.findById(new UserId(id)).filter(a -> a.kind() == Kind.SERVICE)
                .orElseThrow(() -> DirectoryException.notFound("service account"));
        model.addAttribute("account", account);
        model.addAttribute("tokens", tokens.list(account.id()));
        model.addAttribute("assigned", roles.assignedTo(new Assignment(Subject.USER, id)));
        model.addAttribute("allRoles", roles.all());
        model.addAttribute("secret", secret);
        model.addAttribute("now", clock.instant());
        return "identity/service-account";
    }

    private static String page(UUID id) {
        return "/admin/identity/service-accounts/" + id;
    }
}
