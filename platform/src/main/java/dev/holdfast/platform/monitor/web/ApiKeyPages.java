package dev.holdfast.platform.monitor.web;

import dev.holdfast.platform.monitor.InvalidMonitorException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The admin page of monitoring API keys ({@code /monitor/api-keys}): list with scopes and last use, create (the key
 * is shown on the answer page once, never again), revoke. Administrators only; forms carry the CSRF token.
 */
@Controller
class ApiKeyPages {

    private final MonitorApiKeys keys;

    ApiKeyPages(MonitorApiKeys keys) {
        this.keys = keys;
    }

    @GetMapping("/monitor/api-keys")
    String list(HttpServletRequest request, Model model) {
        requireAdmin(request);
        return page(model, null, null, null);
    }

    @PostMapping("/monitor/api-keys")
    String create(@RequestParam(required = false) @Nullable String name, @RequestParam(required = false) @Nullable List<String> scope,
            HttpServletRequest request, Model model) {
        requireAdmin(request);
        try {
            MonitorApiKeys.CreatedKey created = keys.create(name, scope == null ? List.of() : scope, request.getRemoteUser(), request.getRemoteAddr());
            return page(model, "Key \"" + created.key().name() + "\" created. Copy it now: it is not shown again.", null, created.secret());
        } catch (InvalidMonitorException e) {
            return page(model, null, String.join(" ", e.errors().entrySet().stream().map(entry -> entry.getKey() + ": " + entry.getValue()).toList()), null);
        }
    }

    @PostMapping("/monitor/api-keys/{id}/revoke")
    String revoke(@PathVariable String id, HttpServletRequest request, RedirectAttributes flash) {
        requireAdmin(request);
        if (keys.revoke(id, request.getRemoteUser(), request.getRemoteAddr())) {
            flash.addFlashAttribute("notice", "Key revoked: it no longer works.");
        }
        return "redirect:/monitor/api-keys";
    }

    private String page(Model model, @Nullable String notice, @Nullable String error, @Nullable String secret) {
        if (notice != null || !model.containsAttribute("notice")) {
            model.addAttribute("notice", notice);
        }
        model.addAttribute("error", error);
        model.addAttribute("secret", secret);
        model.addAttribute("scopes", Arrays.stream(ApiScope.values()).map(ApiScope::value).toList());
        model.addAttribute("keys", keys.list().stream().map(k -> new ApiKeyViews.Row(k.id(), k.name(), k.prefix(),
                String.join(" ", k.scopeNames()), k.createdBy() == null ? "" : k.createdBy(), k.createdAt().toString(),
                k.lastUsedAt() == null ? "never" : k.lastUsedAt().toString(), k.revokedAt() == null ? null : k.revokedAt().toString())).toList());
        return "monitor/api-keys";
    }

    private static void requireAdmin(HttpServletRequest request) {
        if (!request.isUserInRole("ADMIN")) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, "API keys are for administrators.");
        }
    }
}
