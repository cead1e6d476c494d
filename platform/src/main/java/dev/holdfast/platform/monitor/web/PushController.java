package dev.holdfast.platform.monitor.web;

import dev.holdfast.platform.monitor.Monitors;
import dev.holdfast.platform.monitor.NoSuchMonitorException;
import dev.holdfast.platform.shared.web.PublicPaths;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

/**
 * The push URL a watched job calls ({@code GET} or {@code POST /api/push/<token>}): public, the token is the secret.
 * No session, no CSRF (a job is no browser); an unknown token is a 404.
 */
@RestController
class PushController {

    private final Monitors monitors;

    PushController(Monitors monitors) {
        this.monitors = monitors;
    }

    @RequestMapping(path = "/api/push/{token}", method = {RequestMethod.GET, RequestMethod.POST})
    ResponseEntity<Map<String, Object>> push(@PathVariable String token) {
        if (token.length() > 64) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("ok", false, "msg", "unknown push token"));
        }
        try {
            monitors.push(token);
            return ResponseEntity.ok(Map.of("ok", true));
        } catch (NoSuchMonitorException e) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("ok", false, "msg", "unknown push token"));
        }
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
