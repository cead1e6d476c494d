package dev.holdfast.platform.crm.internal;

import dev.holdfast.platform.identity.ApiCredentials;
import dev.holdfast.platform.identity.SessionSecurity;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.AuthenticationConverter;
import org.springframework.security.web.authentication.AuthenticationFilter;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.csrf.CsrfToken;

/**
 * Who may use the record API ({@code /api/v1/**}): a signed-in browser session (CSRF token in {@code X-CSRF-TOKEN}
 * for changes; identity's {@link SessionSecurity} rules apply as on pages) or {@code X-Api-Key: <service account token>} (stateless: no session, no CSRF). Refusals are problem
 * details. Extension point: further credentials (an OIDC bearer token, EspoCRM's {@code X-Hmac-Authorization}) are
 * one more {@link AuthenticationConverter} + manager pair added like {@link #apiKeyFilter}, and one more header in
 * {@link #stateless}.
 */
@Configuration(proxyBeanMethods = false)
class CrmApiSecurity {

    static final String API_KEY = "X-Api-Key";

    @Bean
    @Order(2)
    SecurityFilterChain crmApi(HttpSecurity http, ApiCredentials credentials, SessionSecurity sessions) throws Exception {
        http.securityMatcher("/api/v1/**");
        http.addFilterBefore(apiKeyFilter(credentials), AuthorizationFilter.class);
        sessions.applyTo(http);
        http.authorizeHttpRequests(requests -> requests.anyRequest().authenticated());
        http.csrf(csrf -> csrf.ignoringRequestMatchers(CrmApiSecurity::stateless));
        http.requestCache(cache -> cache.disable());
        // an API-key request never touches a session: without a CSRF token to render, nothing creates one
        http.addFilterAfter((request, response, chain) -> {
            if (stateless((HttpServletRequest) request)) {
                request.removeAttribute(CsrfToken.class.getName());
                request.removeAttribute("_csrf");
            }
            chain.doFilter(request, response);
        }, CsrfFilter.class);
        http.exceptionHandling(errors -> errors
                .authenticationEntryPoint((request, response, e) -> problem(response, HttpStatus.UNAUTHORIZED,
                        "Sign in, or send a service account's API token as X-Api-Key."))
                .accessDeniedHandler((request, response, e) -> problem(response, HttpStatus.FORBIDDEN,
                        "Forbidden (with a session, changes need the CSRF token in the X-CSRF-TOKEN header).")));
        return http.build();
    }

    private static AuthenticationFilter apiKeyFilter(ApiCredentials credentials) {
        AuthenticationManager manager = candidate -> credentials.authenticate((String) candidate.getCredentials())
                .map(account -> {
                    List<GrantedAuthority> authorities = new ArrayList<>(List.of(new SimpleGrantedAuthority("ROLE_USER")));
                    if (account.administrator()) {
                        authorities.add(new SimpleGrantedAuthority("ROLE_ADMIN"));
                    }
                    return UsernamePasswordAuthenticationToken.authenticated(account.username(), null, authorities);
                })
                .orElseThrow(() -> new BadCredentialsException("unknown, revoked or expired API key"));
        AuthenticationConverter apiKey = request -> request.getHeader(API_KEY) != null
                ? UsernamePasswordAuthenticationToken.unauthenticated("api-key", request.getHeader(API_KEY).strip())
                : null;
        AuthenticationFilter filter = new AuthenticationFilter(manager, apiKey);
        filter.setSecurityContextRepository(new RequestAttributeSecurityContextRepository());
        filter.setSuccessHandler((request, response, authentication) -> {});
        filter.setFailureHandler((request, response, e) -> problem(response, HttpStatus.UNAUTHORIZED,
                "The API key is unknown, revoked or expired, or its account is disabled."));
        return filter;
    }

    private static boolean stateless(HttpServletRequest request) {
        return request.getHeader(API_KEY) != null;
    }

    static void problem(HttpServletResponse response, HttpStatus status, String detail) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", status.getReasonPhrase());
        body.put("status", status.value());
        body.put("detail", detail);
        response.setStatus(status.value());
        response.setContentType("application/problem+json");
        response.getWriter().write(Json.write(body));
    }
}
