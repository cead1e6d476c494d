package dev.holdfast.platform.crm.access;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import dev.holdfast.platform.identity.UserManagement;
import org.springframework.security.authorization.AuthorityAuthorizationManager;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationManagers;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import tools.jackson.databind.json.JsonMapper;

/**
 * Who may use the CRM access admin API ({@code /api/crm/v1/**}): an administrator's browser session, with the CSRF
 * token in the {@code X-CSRF-TOKEN} header for changes, as identity's admin API, or an administrator service
 * account's token ({@code X-Api-Key} or {@code Authorization: Bearer}; stateless, no CSRF; {@link ApiAuthentication}). Refusals are problem details
 * (401 without a session, 403 without the administrator role or the CSRF token); bodies over 64 KiB are refused.
 */
@Configuration(proxyBeanMethods = false)
class AccessApiSecurity {

    static final long MAX_BODY_BYTES = 64 * 1024;
    /** The same policy as every other page and API (identity's SecurityConfiguration). */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; img-src 'self' data:; style-src 'self'; "
            + "script-src 'self'; connect-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'self'; object-src 'none'";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Bean
    @Order(2)
    SecurityFilterChain crmAccessApi(HttpSecurity http, UserManagement users, ApiAuthentication machines) throws Exception {
        http.securityMatcher("/api/crm/v1/**");
        // an administrator service account's token (X-Api-Key or Bearer), or an OIDC access token: stateless, no CSRF
        http.addFilterBefore(machines.filter("/api/crm/v1", false), org.springframework.security.web.access.intercept.AuthorizationFilter.class);
        http.csrf(csrf -> csrf.ignoringRequestMatchers(ApiAuthentication::stateless));
        // a token request never touches a session: without a CSRF token to render, nothing creates one
        http.addFilterAfter((request, response, chain) -> {
            if (ApiAuthentication.stateless((jakarta.servlet.http.HttpServletRequest) request)) {
                request.removeAttribute(org.springframework.security.web.csrf.CsrfToken.class.getName());
                request.removeAttribute("_csrf");
            }
            chain.doFilter(request, response);
        }, org.springframework.security.web.csrf.CsrfFilter.class);
        http.addFilterBefore((request, response, chain) -> {
            if (request.getContentLengthLong() > MAX_BODY_BYTES) {
                problem((HttpServletResponse) response, HttpStatus.BAD_REQUEST,
                        "The request body is larger than " + MAX_BODY_BYTES / 1024 + " KiB.");
                return;
            }
            chain.doFilter(request, response);
        }, SecurityContextHolderFilter.class);
        http.authorizeHttpRequests(requests -> requests.anyRequest().access(AuthorizationManagers.allOf(
                AuthorityAuthorizationManager.hasRole("ADMIN"), stillAdministrator(users))));
        http.requestCache(cache -> cache.disable());
        http.exceptionHandling(errors -> errors
                .authenticationEntryPoint((request, response, e) -> problem(response, HttpStatus.UNAUTHORIZED,
                        "Sign in as an administrator, or send an administrator service account's token."))
                .accessDeniedHandler((request, response, e) -> problem(response, HttpStatus.FORBIDDEN,
                        request.getUserPrincipal() != null
                                ? "This needs the administrator role (and the CSRF token in the X-CSRF-TOKEN header for changes)."
                                : "Forbidden.")));
        http.headers(headers -> headers
                .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN)));
        return http.build();
    }

    /**
     * The session's roles are refreshed by identity's filter on pages only; this API asks the directory itself, so an
     * administrator demoted a moment ago is refused at once (one primary-key read per request to this small API).
     */
    private static AuthorizationManager<RequestAuthorizationContext> stillAdministrator(UserManagement users) {
        return (authentication, context) -> {
            Authentication current = authentication.get();
            boolean administrator = current != null && current.isAuthenticated() && users.findByUsername(current.getName())
                    .map(user -> user.enabled() && user.administrator()).orElse(false);
            return new AuthorizationDecision(administrator);
        };
    }

    private static void problem(HttpServletResponse response, HttpStatus status, String detail) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", status.getReasonPhrase());
        body.put("status", status.value());
        body.put("detail", detail);
        response.setStatus(status.value());
        response.setContentType("application/problem+json");
        response.getWriter().write(JSON.writeValueAsString(body));
    }
}
