package dev.holdfast.platform.identity.internal;

import dev.holdfast.platform.shared.web.PublicPaths;
import dev.holdfast.platform.identity.AuditLog;
import dev.holdfast.platform.identity.mfa.SecondFactorSecurity;
import java.time.Clock;
import java.util.List;
import org.jooq.DSLContext;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authorization.AuthorizationManagers;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.access.IpAddressAuthorizationManager;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

/**
 * Who may reach what. Everything needs a signed-in user except sign-in, first-run setup, static assets, health
 * probes and the paths modules declare public; {@code /admin/**} needs an administrator; Prometheus metrics are
 * served to loopback only. CSRF protection is on for every state-changing request; sign-in and setup are behind
 * the brute-force defence ({@link LoginThrottleFilter}).
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; img-src 'self' data:; style-src 'self'; "
            + "script-src 'self'; connect-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'self'; object-src 'none'";

    @Bean
    LoginThrottleFilter loginThrottleFilter(LoginFailures failures, IdentitySettings settings, AuditLog audit,
            PasswordEncoder passwords, Clock clock) {
        return new LoginThrottleFilter(failures, settings, audit, passwords, clock);
    }

    /** The throttle runs inside the security chain only, not also as a servlet filter of its own. */
    @Bean
    FilterRegistrationBean<LoginThrottleFilter> loginThrottleFilterRegistration(LoginThrottleFilter filter) {
        FilterRegistrationBean<LoginThrottleFilter> registration = new FilterRegistrationBean<>(filter);
        registration.setEnabled(false);
        return registration;
    }

    @Bean
    SessionRulesFilter sessionRulesFilter(SessionSettings settings, SignIns signIns, Clock clock,
            org.springframework.context.ApplicationEventPublisher events) {
        return new SessionRulesFilter(settings, signIns, clock, events);
    }

    /** The session rules run inside the security chain only, after authorization. */
    @Bean
    FilterRegistrationBean<SessionRulesFilter> sessionRulesFilterRegistration(SessionRulesFilter filter) {
        FilterRegistrationBean<SessionRulesFilter> registration = new FilterRegistrationBean<>(filter);
        registration.setEnabled(false);
        return registration;
    }

    /** Static assets and the live password check run without a session (see {@link SessionlessRequestFilter}). */
    @Bean
    FilterRegistrationBean<SessionlessRequestFilter> sessionlessRequests() {
        FilterRegistrationBean<SessionlessRequestFilter> registration = new FilterRegistrationBean<>(new SessionlessRequestFilter());
        registration.addUrlPatterns(PasswordCheckRoute.PATH, "/css/*", "/js/*", "/webjars/*", "/favicon.svg");
        registration.setOrder(org.springframework.session.web.http.SessionRepositoryFilter.DEFAULT_ORDER + 1);
        return registration;
    }

    @Bean
    SecurityFilterChain web(HttpSecurity http, List<PublicPaths> publicPaths, LoginThrottleFilter throttle,
            SecondFactorSecurity secondFactors, DSLContext db, JooqUsers users, SessionRulesFilter sessionRules) throws Exception {
        http.addFilterBefore(throttle, UsernamePasswordAuthenticationFilter.class);
        http.addFilterBefore(new AuthorityRefresh(db, users), AuthorizationFilter.class);
        http.addFilterAfter(sessionRules, AuthorizationFilter.class);
        secondFactors.configure(http);
        http.authorizeHttpRequests(requests -> {
            requests.requestMatchers("/setup", "/login", "/login/forgot", "/login/reset", "/invitation", "/password/check", "/error", "/webjars/**", "/css/**", "/js/**", "/favicon.svg").permitAll();
            requests.requestMatchers(secondFactors.publicPaths()).permitAll();
            requests.requestMatchers(secondFactors.enrolmentPaths()).access(secondFactors.enrolment());
            requests.requestMatchers("/actuator/health", "/actuator/health/**").permitAll();
            requests.requestMatchers("/actuator/prometheus").access(AuthorizationManagers.anyOf(
                    IpAddressAuthorizationManager.hasIpAddress("127.0.0.0/8"), IpAddressAuthorizationManager.hasIpAddress("::1")));
            for (PublicPaths paths : publicPaths) {
                requests.requestMatchers(paths.patterns().toArray(String[]::new)).permitAll();
            }
            requests.requestMatchers("/admin/**").hasRole("ADMIN");
            requests.anyRequest().authenticated();
        });
        http.csrf(csrf -> csrf.ignoringRequestMatchers(PasswordCheckRoute.PATH));
        http.formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/", false).failureUrl("/login?error").permitAll());
        http.logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?signedOut").deleteCookies("HOLDFAST_SESSION"));
        http.sessionManagement(session -> session.sessionFixation(fixation -> fixation.changeSessionId()));
        http.headers(headers -> headers
                .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN)));
        return http.build();
    }
}
