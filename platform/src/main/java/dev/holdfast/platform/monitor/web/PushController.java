package dev.holdfast.platform.monitor.web;

import dev.holdfast.platform.monitor.Monitors;
import dev.holdfast.platform.monitor.NoSuchMonitorException;
import dev.holdfast.platform.shared.web.PublicPaths;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The push URL a watched job calls ({@code GET} or {@code POST /api/push/<token>}): public, the token is the secret.
 * As Uptime Kuma's push URL it takes {@code ?status=up|down} (down means down now), {@code msg} (the message or
 * cause) and {@code ping} (milliseconds); anything else in {@code status} or {@code ping} is a 400 naming the field.
 * No session, no CSRF (a job is no browser); an unknown token is a 404.
 */
@RestController
class PushController {

    private final Monitors monitors;

    PushController(Monitors monitors) {
        this.monitors = monitors;
    }

    @RequestMapping(path = "/api/push/{token}", method = {RequestMethod.GET, RequestMethod.POST})
    ResponseEntity<Map<String, Object>> push(@PathVariable String token, @RequestParam(required = false) @Nullable String status,
            @RequestParam(required = false) @Nullable String msg, @RequestParam(required = false) @Nullable String ping) {
        if (token.length() > 64) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("ok", false, "msg", "unknown push token"));
        }
        String state = status == null || status.isBlank() ? "up" : status.strip().toLowerCase(Locale.ROOT);
        if (!state.equals("up") && !state.equals("down")) {
            return invalid("status", "up or down");
        }
        Long pingMillis = null;
        if (ping != null && !ping.isBlank()) {
            try {
                pingMillis = Math.round(Double.parseDouble(ping.strip()));
            } catch (NumberFormatException e) {
                pingMillis = -1L;
            }
            if (pingMillis < 0 || pingMillis > Integer.MAX_VALUE) {
                return invalid("ping", "a response time in milliseconds, 0 or more");
            }
        }
        try {
            monitors.push(token, state.equals("up"), msg, pingMillis);
            return ResponseEntity.ok(Map.of("ok", true));
        } catch (NoSuchMonitorException e) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("ok", false, "msg", "unknown push token"));
        }
    }

    private static ResponseEntity<Map<String, Object>> invalid(String field, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", "Bad Request");
        body.put("status", 400);
        body.put("detail", "Invalid " + field + ".");
        body.put("errors", Map.of(field, message));
        body.put("ok", false);
        body.put("msg", field + ": " + message);
        return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(body);
    }

    @Configuration(proxyBeanMethods = false)
    static class PushSecurity {

        @Bean
        PublicPaths monitorPushPaths() {
            return PublicPaths.of("/api/push/**");
        }

        @Bean
        @Order(2)
        SecurityFilterChain monitorPush(HttpSecurity http) throws Exception {
            http.securityMatcher("/api/push/**");
            http.authorizeHttpRequests(requests -> requests.anyRequest().permitAll());
            http.csrf(csrf -> csrf.disable());
            http.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
            http.requestCache(cache -> cache.disable());
            return http.build();
        }
    }
}
