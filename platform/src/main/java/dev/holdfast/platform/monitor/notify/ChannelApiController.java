package dev.holdfast.platform.monitor.notify;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The notification channels admin API ({@code /api/monitor/v1/channels}): JSON in and out, secrets masked in every
 * answer, problem details for refusals (400 with {@code errors} per field, 404, 409 for a taken name, 502 when a test
 * message did not arrive). Administrators or API keys with the channels scopes (monitor.web.MonitorApiSecurity).
 */
@RestController
class ChannelApiController {

    private final Channels channels;
    private final ChannelDeliveries deliveries;
    private final ChannelRegistry registry;

    ChannelApiController(Channels channels, ChannelDeliveries deliveries, ChannelRegistry registry) {
        this.channels = channels;
        this.deliveries = deliveries;
        this.registry = registry;
    }

    @GetMapping("/api/monitor/v1/channel-types")
    List<Map<String, Object>> types(HttpServletRequest request) {
        requireAdmin(request);
        return registry.all().stream().map(ChannelApiController::type).toList();
    }

    @GetMapping("/api/monitor/v1/channels")
    List<Map<String, Object>> list(HttpServletRequest request) {
        requireAdmin(request);
        return channels.list().stream().map(this::json).toList();
    }

    @GetMapping("/api/monitor/v1/channels/{id}")
    Map<String, Object> get(@PathVariable String id, HttpServletRequest request) {
        requireAdmin(request);
        return json(channels.get(id));
    }

    @PostMapping("/api/monitor/v1/channels")
    ResponseEntity<Map<String, Object>> create(@RequestBody ChannelInput input, HttpServletRequest request) {
        requireAdmin(request);
        Channel channel = channels.create(input);
        return ResponseEntity.created(URI.create("/api/monitor/v1/channels/" + channel.id())).body(json(channel));
    }

    @PutMapping("/api/monitor/v1/channels/{id}")
    Map<String, Object> update(@PathVariable String id, @RequestBody ChannelInput input, HttpServletRequest request) {
        requireAdmin(request);
        return json(channels.update(id, input));
    }

    @DeleteMapping("/api/monitor/v1/channels/{id}")
    ResponseEntity<Void> delete(@PathVariable String id, HttpServletRequest request) {
        requireAdmin(request);
        channels.delete(id);
        return ResponseEntity.noContent().build();
    }

    /** Sends a test message now; 200 when the provider took it, else a 502 problem detail saying why. */
    @PostMapping("/api/monitor/v1/channels/{id}/test")
    Map<String, Object> test(@PathVariable String id, HttpServletRequest request) {
        requireAdmin(request);
        deliveries.sendTest(channels.get(id));
        return Map.of("delivered", true);
    }

    @GetMapping("/api/monitor/v1/channels/{id}/deliveries")
    List<Map<String, Object>> deliveries(@PathVariable String id, HttpServletRequest request) {
        requireAdmin(request);
        channels.get(id);
        return deliveries.recent(id, 50).stream().map(ChannelApiController::attempt).toList();
    }

    /** An administrator, or a monitoring API key with {@code channels:write} (or {@code channels:read} to read). */
    static void requireAdmin(HttpServletRequest request) {
        if (request.getUserPrincipal() == null) {
            throw new AccessDeniedException("managing notification channels needs an administrator");
        }
        if (request.isUserInRole("ADMIN")) {
            return;
        }
        boolean read = "GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod());
        var authentication = org.springframework.security.core.context.SecurityContextHolder.getContext().getAuthentication();
        boolean scoped = authentication != null && authentication.getAuthorities().stream().map(a -> a.getAuthority())
                .anyMatch(a -> a.equals("SCOPE_channels:write") || read && a.equals("SCOPE_channels:read"));
        if (!scoped) {
            throw new AccessDeniedException("managing notification channels needs an administrator or the channels scope");
        }
    }

    Map<String, Object> json(Channel channel) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", channel.id());
        json.put("name", channel.name());
        json.put("type", channel.type());
        json.put("isDefault", channel.isDefault());
        json.put("settings", channels.masked(channel));
        json.put("createdAt", channel.createdAt().toString());
        json.put("updatedAt", channel.updatedAt().toString());
        return json;
    }

    private static Map<String, Object> type(NotificationChannel type) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("type", type.type());
        json.put("name", type.displayName());
        json.put("settings", type.settings().stream().map(setting -> {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("name", setting.name());
            s.put("label", setting.label());
            s.put("kind", setting.kind().name().toLowerCase(java.util.Locale.ROOT));
            s.put("required", setting.required());
            s.put("secret", setting.secret());
            s.put("default", setting.defaultValue());
            s.put("help", setting.help());
            if (!setting.choices().isEmpty()) {
                s.put("choices", setting.choices());
            }
            return s;
        }).toList());
        return json;
    }

    private static Map<String, Object> attempt(ChannelDeliveries.Attempt attempt) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("deliveryId", attempt.deliveryId());
        json.put("attempt", attempt.attempt());
        json.put("monitorId", attempt.monitorId());
        json.put("kind", attempt.kind());
        json.put("outcome", attempt.outcome());
        json.put("status", attempt.status());
        json.put("error", attempt.error());
        json.put("at", attempt.at().toString());
        return json;
    }
}
