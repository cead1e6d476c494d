package dev.holdfast.platform.crm.access;

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
import dev.holdfast.platform.shared.web.ApiProblems;

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

    @Bean
    @Order(2)
    SecurityFilterChain crmAccessApi(HttpSecurity http, UserManagement users, ApiAuthentication machines) throws Exception {
        http.securityMatcher("/api/crm/v1/**");
        // an administrator service account's token (X-Api-Key or Bearer), or an OIDC access token: stateless, no CSRF
        machines.credentials("/api/crm/v1", false).applyTo(http);
        http.addFilterBefore(ApiProblems.bodyLimit(MAX_BODY_BYTES, HttpStatus.BAD_REQUEST, request -> false),
                SecurityContextHolderFilter.class);
        http.authorizeHttpRequests(requests -> requests.anyRequest().access(AuthorizationManagers.allOf(
                AuthorityAuthorizationManager.hasRole("ADMIN"), stillAdministrator(users))));
        http.exceptionHandling(errors -> errors
                .authenticationEntryPoint(ApiProblems.unauthorized(
                        "Sign in as an administrator, or send an administrator service account's token."))
                .accessDeniedHandler(ApiProblems.forbidden(request ->
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
}
