package dev.holdfast.platform.crm.internal;

import dev.holdfast.platform.crm.access.ApiAuthentication;
import dev.holdfast.platform.identity.SessionSecurity;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.csrf.CsrfToken;

/**
 * Who may use the record API ({@code /api/v1/**}): a signed-in browser session (CSRF token in {@code X-CSRF-TOKEN}
 * for changes; identity's {@link SessionSecurity} rules apply as on pages), or a machine credential
 * ({@link ApiAuthentication}: {@code X-Api-Key}, {@code Authorization: Bearer} with a service account token or an
 * OIDC access token of Holdfast's provider, EspoCRM's {@code X-Hmac-Authorization}; stateless: no session, no CSRF).
 * Refusals are problem details.
 */
@Configuration(proxyBeanMethods = false)
class CrmApiSecurity {

    static final String BASE = "/api/v1";

    @Bean
    @Order(2)
    SecurityFilterChain crmApi(HttpSecurity http, ApiAuthentication machines, SessionSecurity sessions) throws Exception {
        http.securityMatcher(BASE + "/**");
        http.addFilterBefore(machines.filter(BASE, true), AuthorizationFilter.class);
        sessions.applyTo(http);
        http.authorizeHttpRequests(requests -> requests.anyRequest().authenticated());
        http.csrf(csrf -> csrf.ignoringRequestMatchers(ApiAuthentication::stateless));
        http.requestCache(cache -> cache.disable());
        // a machine request never touches a session: without a CSRF token to render, nothing creates one
        http.addFilterAfter((request, response, chain) -> {
            if (ApiAuthentication.stateless((HttpServletRequest) request)) {
                request.removeAttribute(CsrfToken.class.getName());
                request.removeAttribute("_csrf");
            }
            chain.doFilter(request, response);
        }, CsrfFilter.class);
        http.exceptionHandling(errors -> errors
                .authenticationEntryPoint((request, response, e) -> problem(response, HttpStatus.UNAUTHORIZED,
                        "Sign in, or send X-Api-Key, Authorization: Bearer or X-Hmac-Authorization."))
                .accessDeniedHandler((request, response, e) -> problem(response, HttpStatus.FORBIDDEN,
                        "Forbidden (with a session, changes need the CSRF token in the X-CSRF-TOKEN header).")));
        return http.build();
    }

    static void problem(HttpServletResponse response, HttpStatus status, String detail) throws IOException {
        ApiAuthentication.problem(response, status, detail);
    }
}
