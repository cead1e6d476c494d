package dev.holdfast.platform.identity.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import dev.holdfast.platform.identity.ApiCredentials;
import dev.holdfast.platform.shared.web.AdminApiPaths;
import dev.holdfast.platform.shared.web.ApiProblems;
import dev.holdfast.platform.shared.web.CredentialFilter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.jooq.DSLContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.AuthenticationConverter;
import org.springframework.security.web.authentication.AuthenticationFilter;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

/**
 * Who may use the identity admin API ({@code /api/identity/**}) and the admin APIs other modules declare
 * ({@link AdminApiPaths}, always administrators only): an administrator's browser session (CSRF token in
 * a header for changes), or {@code Authorization: Bearer <token>} of an enabled service account holding the
 * administrator permission. Token requests are stateless: no CSRF, no session is created or read. Refusals are
 * problem details: 401 without (valid) credentials, 403 without the permission or without the CSRF token.
 */
@Configuration(proxyBeanMethods = false)
class ApiSecurityConfiguration {

    private static final String BEARER = "Bearer ";
    /** No request to this API needs more; larger bodies are refused before they are read. */
    static final long MAX_BODY_BYTES = 64 * 1024;

    @Bean
    @Order(1)
    SecurityFilterChain identityApi(HttpSecurity http, ApiCredentials tokens, JooqUsers users, DSLContext db,
            List<AdminApiPaths> moduleApis) throws Exception {
        List<String> adminPaths = new ArrayList<>();
        moduleApis.forEach(api -> adminPaths.addAll(api.patterns()));
        // the monitoring API (/api/monitor/**) has its own chain with scoped keys (monitor.web.MonitorApiSecurity)
        List<String> paths = new ArrayList<>(List.of("/api/identity/**"));
        paths.addAll(adminPaths);
        http.securityMatcher(paths.toArray(String[]::new));
        http.addFilterBefore(ApiProblems.bodyLimit(MAX_BODY_BYTES, HttpStatus.BAD_REQUEST, request -> false),
                org.springframework.security.web.context.SecurityContextHolderFilter.class);
        credentials(tokens).applyTo(http);
        http.addFilterBefore(new AuthorityRefresh(db, users), AuthorizationFilter.class);
        http.authorizeHttpRequests(requests -> {
            if (!adminPaths.isEmpty()) {
                requests.requestMatchers(adminPaths.toArray(String[]::new)).hasRole("ADMIN");
            }
            requests.anyRequest().hasRole("ADMIN");
        });
        http.exceptionHandling(errors -> errors
                .authenticationEntryPoint(ApiProblems.unauthorized(
                        "Sign in as an administrator, or send an API token as Authorization: Bearer <token>."))
                .accessDeniedHandler(ApiProblems.forbidden(request ->
                        hasBearer(request) || request.getUserPrincipal() != null
                                ? "This needs the administrator permission (and, with a session, the CSRF token in the "
                                        + "X-CSRF-TOKEN header for changes)."
                                : "Forbidden.")));
        http.headers(headers -> headers
                .contentSecurityPolicy(csp -> csp.policyDirectives(SecurityConfiguration.CONTENT_SECURITY_POLICY))
                .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN)));
        return http.build();
    }

    /** {@code Authorization: Bearer <service account token>}; stateless (no session, no CSRF). */
    private static CredentialFilter<String> credentials(ApiCredentials tokens) {
        return CredentialFilter.of(
                request -> hasBearer(request) ? request.getHeader(HttpHeaders.AUTHORIZATION).substring(BEARER.length()).strip() : null,
                tokens::authenticate,
                request -> "The API token is unknown, revoked or expired, or its account is disabled.");
    }

    private static boolean hasBearer(HttpServletRequest request) {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        return header != null && header.regionMatches(true, 0, BEARER, 0, BEARER.length());
    }
}
