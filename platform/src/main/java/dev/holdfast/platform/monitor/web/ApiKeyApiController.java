package dev.holdfast.platform.monitor.web;

import dev.holdfast.platform.monitor.web.MonitorApiKeys.ApiKey;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Scoped API keys ({@code /api/monitor/v1/api-keys}, administrators only): list (never the keys), create (the key
 * is in this one answer as {@code key}), revoke ({@code DELETE}: the key stops working at once, stays listed).
 */
@RestController
@RequestMapping("/api/monitor/v1/api-keys")
class ApiKeyApiController {

    private final MonitorApiKeys keys;

    ApiKeyApiController(MonitorApiKeys keys) {
        this.keys = keys;
    }

    record KeyInput(@Nullable String name, @Nullable List<String> scopes) {}

    @GetMapping
    List<Map<String, Object>> list() {
        return keys.list().stream().map(ApiKeyApiController::view).toList();
    }

    @PostMapping
    ResponseEntity<Map<String, Object>> create(@RequestBody KeyInput input, Authentication user, HttpServletRequest request) {
        MonitorApiKeys.CreatedKey created = keys.create(input.name(), input.scopes() == null ? List.of() : input.scopes(), user.getName(),
                request.getRemoteAddr());
        Map<String, Object> body = view(created.key());
        body.put("key", created.secret());
        return ResponseEntity.created(URI.create("/api/monitor/v1/api-keys/" + created.key().id())).body(body);
    }

    @DeleteMapping("/{id}")
    ResponseEntity<?> revoke(@PathVariable String id, Authentication user, HttpServletRequest request) {
        if (!keys.revoke(id, user.getName(), request.getRemoteAddr())) {
            return ResponseEntity.of(ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No such API key.")).build();
        }
        return ResponseEntity.noContent().build();
    }

    static Map<String, Object> view(ApiKey key) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", key.id());
        view.put("name", key.name());
        view.put("prefix", key.prefix());
        view.put("scopes", key.scopeNames());
        view.put("createdBy", key.createdBy());
        view.put("createdAt", key.createdAt().toString());
        view.put("lastUsedAt", key.lastUsedAt() == null ? null : key.lastUsedAt().toString());
        view.put("revokedAt", key.revokedAt() == null ? null : key.revokedAt().toString());
        return view;
    }
}
