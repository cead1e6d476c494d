package dev.holdfast.platform.monitor.web;

import dev.holdfast.platform.identity.ApiCredentials;
import dev.holdfast.platform.identity.SessionSecurity;
import dev.holdfast.platform.shared.web.ApiProblems;
import dev.holdfast.platform.shared.web.CredentialFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.authentication.AuthenticationConverter;
import org.springframework.security.web.authentication.AuthenticationFilter;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.csrf.CsrfToken;

/**
 * Who may use the monitoring API ({@code /api/monitor/**}):
 * <ul>
 *   <li>a signed-in browser session (CSRF token in {@code X-CSRF-TOKEN} for changes; identity's session rules apply):
 *       everyone signed in reads monitors, maintenance, tags and status pages; administrators do everything else;</li>
 *   <li>a scoped monitoring API key {@code hfm_...} ({@link MonitorApiKeys}) as {@code Authorization: Bearer} or
 *       {@code X-Api-Key}: exactly what its scopes allow ({@link ApiScope}), never managing keys;</li>
 *   <li>a service account's token ({@code hf_...}, identity's {@link ApiCredentials}), as before: reading, and
 *       everything when the account holds the administrator permission.</li>
 * </ul>
 * Token requests are stateless (no session, no CSRF). Refusals are problem details: 401 without valid credentials,
 * 403 naming the missing scope or permission. Bodies over 64 KiB are refused with 413 before they are read, except
 * the YAML import, which {@link dev.holdfast.platform.monitor.status} reads as a stream up to its own cap.
 */
@Configuration(proxyBeanMethods = false)
class MonitorApiSecurity {

    static final String API_KEY = "X-Api-Key";
    /** The authority every monitoring API key holds besides its scopes: such a request is judged by scopes alone. */
    static final String KEY_AUTHORITY = "MONITOR_API_KEY";
    static final long MAX_BODY_BYTES = 64 * 1024;
    static final String IMPORT_PATH = "/api/monitor/v1/import";
    private static final String BEARER = "Bearer ";

    /** API areas by path: the scope family that guards them, and whether everyone signed in may read them. */
    private record Area(String scope, boolean openToReaders, String... patterns) {}

    private static final List<Area> AREAS = List.of(
            new Area("channels", false, "/api/monitor/v1/channels", "/api/monitor/v1/channels/**", "/api/monitor/v1/channel-types",
                    "/api/monitor/v1/monitors/*/channels", "/api/monitor/v1/monitors/*/channels/**"),
            new Area("monitors", true, "/api/monitor/v1/monitors", "/api/monitor/v1/monitors/**", "/api/monitor/v1/maintenance",
                    "/api/monitor/v1/maintenance/**", "/api/monitor/v1/tags", "/api/monitor/v1/tags/**"),
            new Area("status-pages", true, "/api/monitor/v1/status-pages", "/api/monitor/v1/status-pages/**"),
            new Area("config", false, "/api/monitor/v1/export", IMPORT_PATH));

    @Bean
    @Order(2)
    SecurityFilterChain monitorApi(HttpSecurity http, MonitorApiKeys keys, ApiCredentials credentials, SessionSecurity sessions)
            throws Exception {
        http.securityMatcher("/api/monitor/**");
        http.addFilterBefore(ApiProblems.bodyLimit(MAX_BODY_BYTES, HttpStatus.CONTENT_TOO_LARGE,
                request -> IMPORT_PATH.equals(request.getRequestURI())),
                org.springframework.security.web.context.SecurityContextHolderFilter.class);
        credentials(keys, credentials).applyTo(http);
        sessions.applyTo(http);
        http.authorizeHttpRequests(requests -> {
            requests.requestMatchers("/api/monitor/v1/api-keys", "/api/monitor/v1/api-keys/**").access(administrator());
            for (Area area : AREAS) {
                requests.requestMatchers(area.patterns()).access(scoped(area));
            }
            requests.anyRequest().access(administrator());
        });
        http.exceptionHandling(errors -> errors
                .authenticationEntryPoint(ApiProblems.unauthorized(
                        "Sign in, or send a monitoring API key (hfm_...) or a service account's token as Authorization: Bearer <key>."))
                .accessDeniedHandler(ApiProblems.forbidden(MonitorApiSecurity::refusal)));
        return http.build();
    }

    private static AuthorizationManager<RequestAuthorizationContext> administrator() {
        return (authentication, context) -> {
            Set<String> held = held(authentication.get());
            return new AuthorizationDecision(!held.contains(KEY_AUTHORITY) && held.contains("ROLE_ADMIN"));
        };
    }

    private static AuthorizationManager<RequestAuthorizationContext> scoped(Area area) {
        return (authentication, context) -> {
            Set<String> held = held(authentication.get());
            boolean read = reading(context.getRequest());
            if (held.contains(KEY_AUTHORITY)) {
                return new AuthorizationDecision(held.contains("SCOPE_" + area.scope() + ":write")
                        || read && held.contains("SCOPE_" + area.scope() + ":read"));
            }
            boolean signedIn = authentication.get() != null && !(authentication.get() instanceof AnonymousAuthenticationToken)
                    && authentication.get().isAuthenticated();
            return new AuthorizationDecision(held.contains("ROLE_ADMIN") || signedIn && read && area.openToReaders());
        };
    }

    private static Set<String> held(@Nullable Authentication authentication) {
        return authentication == null ? Set.of()
                : authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority).collect(Collectors.toSet());
    }

    private static boolean reading(HttpServletRequest request) {
        return "GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod());
    }

    /** Why a request was refused: the scope a key lacks, or the permission a person or account lacks. */
    private static String refusal(HttpServletRequest request) {
        boolean key = token(request) != null && token(request).startsWith(MonitorApiKeys.PREFIX);
        String path = request.getRequestURI();
        if (path.startsWith("/api/monitor/v1/api-keys")) {
            return "Managing API keys needs the administrator permission (an API key cannot manage keys).";
        }
        for (Area area : AREAS) {
            for (String pattern : area.patterns()) {
                if (new org.springframework.util.AntPathMatcher().match(pattern, path)) {
                    String scope = area.scope() + (reading(request) ? ":read" : ":write");
                    return key ? "This API key lacks the scope " + scope + "."
                            : "This needs the administrator permission (and, with a session, the CSRF token in the X-CSRF-TOKEN header for changes).";
                }
            }
        }
        return "This needs the administrator permission.";
    }

    /** A monitoring API key or a service account's token, as {@code Authorization: Bearer} or {@code X-Api-Key}; stateless. */
    private static CredentialFilter<String> credentials(MonitorApiKeys keys, ApiCredentials credentials) {
        return CredentialFilter.of(MonitorApiSecurity::token, secret -> {
            if (secret.startsWith(MonitorApiKeys.PREFIX)) {
                return keys.authenticate(secret).map(key -> {
                    List<GrantedAuthority> authorities = new ArrayList<>(List.of(new SimpleGrantedAuthority(KEY_AUTHORITY)));
                    key.scopes().forEach(scope -> authorities.add(new SimpleGrantedAuthority(scope.authority())));
                    return ApiCredentials.presented("api-key:" + key.name(), authorities);
                });
            }
            return credentials.authenticate(secret);
        }, request -> "The API key or token is unknown, revoked or expired, or its account is disabled.");
    }

    private static @Nullable String token(HttpServletRequest request) {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header != null && header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return header.substring(BEARER.length()).strip();
        }
        String key = request.getHeader(API_KEY);
        return key == null ? null : key.strip();
    }
}
