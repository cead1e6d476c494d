package dev.holdfast.platform.identity.oidc;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import dev.holdfast.platform.identity.UserManagement;
import dev.holdfast.platform.shared.jobs.JobsSettings;
import dev.holdfast.platform.shared.jobs.RecurringJob;
import dev.holdfast.platform.shared.settings.PlatformSettings;
import java.time.Clock;
import java.util.Map;
import org.jooq.DSLContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import dev.holdfast.platform.identity.mfa.SecondFactorSecurity;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.authorization.AuthenticatedAuthorizationManager;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationManagerFactory;
import org.springframework.security.core.session.SessionRegistry;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.oidc.OidcUserInfo;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.authentication.ClientSecretAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationValidator;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.web.authentication.OAuth2ErrorAuthenticationFailureHandler;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationSuccessHandler;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.session.Session;
import org.springframework.session.security.SpringSessionBackedSessionRegistry;

/**
 * Spring Security's authorization server, wired to Holdfast's stores: applications from {@link OidcClients},
 * authorizations with hashed tokens ({@link HashedAuthorizations}), consents, rotating keys ({@link SigningKeys}),
 * claims from the directory ({@link OidcClaims}). Its endpoints have their own filter chain, ahead of the
 * platform's; browsers without a session are sent to the platform's sign-in page and come back.
 */
@Configuration(proxyBeanMethods = false)
class OidcConfiguration {

    @Bean
    OidcClients oidcClients(DSLContext db, Clock clock, OidcSettings settings) {
        return new OidcClients(db, clock, settings.codeTtl());
    }

    @Bean
    BackChannelLogout backChannelLogout(DSLContext db, OidcClients clients, JwtEncoder encoder,
            dev.holdfast.platform.identity.AuditLog audit, Clock clock) {
        return new BackChannelLogout(db, clients, encoder, audit, clock);
    }

    @Bean
    dev.holdfast.platform.shared.jobs.OneOffJob<BackChannelLogout.Delivery> identityOidcBackchannelLogout(BackChannelLogout logout) {
        return logout.job;
    }

    @Bean
    SessionEnds sessionEnds(BackChannelLogout logout, dev.holdfast.platform.shared.jobs.Jobs jobs) {
        return new SessionEnds(logout, jobs);
    }

    /** Inside Spring Session's filter (so it sees the session), around Spring Security's (which ends it). */
    @Bean
    org.springframework.boot.web.servlet.FilterRegistrationBean<SessionEndFilter> sessionEndFilter(BackChannelLogout logout,
            dev.holdfast.platform.shared.jobs.Jobs jobs, HashedAuthorizations authorizations) {
        var registration = new org.springframework.boot.web.servlet.FilterRegistrationBean<>(
                new SessionEndFilter(logout, jobs, authorizations));
        registration.setOrder(org.springframework.session.web.http.SessionRepositoryFilter.DEFAULT_ORDER + 1);
        return registration;
    }

    @Bean
    GroupRestriction groupRestriction(OidcClients clients, OidcClaims claims, UserManagement users,
            dev.holdfast.platform.identity.AuditLog audit) {
        return new GroupRestriction(clients, claims, users, audit);
    }

    @Bean
    ApplicationSecondFactor applicationSecondFactor(OidcClients clients, UserManagement users,
            dev.holdfast.platform.identity.AuditLog audit) {
        return new ApplicationSecondFactor(clients, users, audit);
    }

    @Bean
    Applications applications(OidcClients clients, dev.holdfast.platform.identity.AuditLog audit,
            BuiltInApplications builtIns) {
        return new Applications(clients, audit, builtIns);
    }

    @Bean
    HashedAuthorizations hashedAuthorizations(DSLContext db, OidcClients clients, Clock clock,
            PlatformTransactionManager transactions, JwtDecoder selfContained,
            dev.holdfast.platform.identity.internal.RevokedCredentials revocations) {
        return new HashedAuthorizations(db, clients, clock, new TransactionTemplate(transactions), selfContained, revocations);
    }

    @Bean
    JooqConsents jooqConsents(DSLContext db) {
        return new JooqConsents(db);
    }

    @Bean
    SigningKeys signingKeys(DSLContext db, Clock clock, OidcSettings settings) {
        return new SigningKeys(db, clock, settings.keyRotation(), settings.keyPublishLead(), OidcSettings.MAX_SIGNED_TOKEN_LIFETIME);
    }

    /** The published key set (current, next and not yet retired keys): what the JWK Set endpoint serves. */
    @Bean
    JWKSource<SecurityContext> jwkSource(SigningKeys keys) {
        return keys.published();
    }

    /** Signs with the one current key of the kind asked for; ES256 through BouncyCastle ({@link Es256Encoder}). */
    @Bean
    JwtEncoder jwtEncoder(SigningKeys keys) {
        return new Es256Encoder(keys.signing());
    }

    /** Checks Holdfast's own access tokens (userinfo, introspection) against every published key, RSA or EC. */
    @Bean
    JwtDecoder jwtDecoder(JWKSource<SecurityContext> jwkSource) {
        return NimbusJwtDecoder.withJwkSource(jwkSource)
                .jwsAlgorithms(algorithms -> {
                    algorithms.add(SignatureAlgorithm.RS256);
                    algorithms.add(SignatureAlgorithm.ES256);
                })
                .build();
    }

    @Bean
    AuthorizationServerSettings authorizationServerSettings(OidcSettings settings, PlatformSettings platform) {
        AuthorizationServerSettings.Builder builder = AuthorizationServerSettings.builder();
        String issuer = settings.issuer() != null ? settings.issuer()
                : platform.baseUrl() != null ? platform.baseUrl().toString().replaceAll("/$", "") : null;
        if (issuer != null) {
            builder.issuer(issuer);
        }
        return builder.build();
    }

    /** Sessions by user across nodes (Spring Session), for the {@code sid} claim and RP-initiated logout. */
    @Bean
    SessionRegistry sessionRegistry(FindByIndexNameSessionRepository<? extends Session> sessions) {
        return new SpringSessionBackedSessionRegistry<>(sessions);
    }

    @Bean
    OidcAudit oidcAudit(dev.holdfast.platform.identity.AuditLog audit) {
        return new OidcAudit(audit);
    }

    @Bean
    OidcClaims oidcClaims(UserManagement users, Clock clock) {
        return new OidcClaims(users, clock);
    }

    /**
     * ID tokens carry the profile claims the scopes allow; access tokens carry sub, groups and roles, and are signed
     * with ES256 (unless the setting says RS256, or no EC key signs yet). ID tokens are signed with the algorithm the
     * client registered ({@code id_token_signed_response_alg}): RS256 unless it chose ES256 (as the built-in
     * applications do), and RS256 while no EC key signs yet.
     */
    @Bean
    OAuth2TokenCustomizer<JwtEncodingContext> holdfastClaims(OidcClaims claims, SigningKeys keys, OidcSettings settings) {
        boolean es256 = "ES256".equals(settings.accessTokenAlgorithm());
        return context -> {
            if (context.getPrincipal() == null) {
                return;
            }
            if (es256 && OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())
                    && keys.signsWith(com.nimbusds.jose.jwk.KeyType.EC)) {
                context.getJwsHeader().algorithm(SignatureAlgorithm.ES256);
            }
            if (OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue())
                    && SignatureAlgorithm.ES256.equals(context.getRegisteredClient().getTokenSettings().getIdTokenSignatureAlgorithm())
                    && !keys.signsWith(com.nimbusds.jose.jwk.KeyType.EC)) {
                // registered ES256, but the first EC key is still only published (an upgraded installation): RSA
                context.getJwsHeader().algorithm(SignatureAlgorithm.RS256);
            }
            if (context.getAuthorizationGrantType().getValue().equals("client_credentials")) {
                // marks the token as the client's own, so that introspection can recognise it without a stored copy
                context.getClaims().claim(HashedAuthorizations.GRANT_TYPE_CLAIM, "client_credentials");
                return;
            }
            boolean idToken = OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue());
            boolean accessToken = OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType());
            if (!idToken && !accessToken) {
                return;
            }
            Map<String, Object> values = claims.of(context.getPrincipal().getName(), context.getAuthorizedScopes());
            context.getClaims().claims(existing -> {
                if (idToken) {
                    existing.putAll(values);
                } else {
                    existing.put("sub", values.get("sub"));
                    if (values.containsKey("groups")) {
                        existing.put("groups", values.get("groups"));
                        existing.put("roles", values.get("roles"));
                    }
                }
            });
        };
    }

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    SecurityFilterChain authorizationServer(HttpSecurity http, OidcClients clients, HashedAuthorizations authorizations,
            JooqConsents consents, OidcClaims claims, OidcAudit audit, GroupRestriction groups,
            ApplicationSecondFactor secondFactor, SecondFactorSecurity factorStep,
            AuthorizationManagerFactory<Object> rules, BuiltInApplications builtIns,
            org.springframework.beans.factory.ObjectProvider<org.springframework.security.authentication.AuthenticationEventPublisher> events)
            throws Exception {
        events.ifAvailable(publisher -> http.getSharedObject(
                org.springframework.security.config.annotation.authentication.builders.AuthenticationManagerBuilder.class)
                .authenticationEventPublisher(new QuietGrantEvents(publisher)));
        http.oauth2AuthorizationServer(as -> {
                    http.securityMatcher(as.getEndpointsMatcher());
                    as
                        .registeredClientRepository(clients)
                        .authorizationService(authorizations)
                        .authorizationConsentService(consents)
                        .authorizationEndpoint(endpoint -> endpoint.consentPage("/oauth2/consent")
                                .errorResponseHandler(groups.errorHandler())
                                .authenticationProviders(providers -> providers.forEach(provider -> {
                                    if (provider instanceof OAuth2AuthorizationCodeRequestAuthenticationProvider requests) {
                                        requests.setAuthenticationValidator(
                                                builtIns.redirectUris(new OAuth2AuthorizationCodeRequestAuthenticationValidator())
                                                        .andThen(groups).andThen(secondFactor));
                                    }
                                })))
                        .tokenEndpoint(endpoint -> endpoint.accessTokenResponseHandler(new TokenResponses()).errorResponseHandler(
                                audit.auditing("oidc.token.failed", new OAuth2ErrorAuthenticationFailureHandler())))
                        .tokenRevocationEndpoint(endpoint -> endpoint.errorResponseHandler(
                                audit.auditing("oidc.revocation.failed", new OAuth2ErrorAuthenticationFailureHandler())))
                        .tokenIntrospectionEndpoint(endpoint -> endpoint.errorResponseHandler(
                                audit.auditing("oidc.introspection.failed", new OAuth2ErrorAuthenticationFailureHandler())))
                        .deviceVerificationEndpoint(endpoint -> endpoint.consentPage("/oauth2/consent")
                                .deviceVerificationResponseHandler(new SimpleUrlAuthenticationSuccessHandler(
                                        DeviceVerificationController.PATH + "?success"))
                                .errorResponseHandler(audit.auditing("oidc.device.verification.failed",
                                        new SimpleUrlAuthenticationFailureHandler(DeviceVerificationController.PATH + "?error"))))
                        .clientAuthentication(authentication -> authentication
                                .errorResponseHandler(audit.auditing("oidc.client.authentication.failed",
                                        OidcConfiguration::clientAuthenticationError))
                                .authenticationProviders(providers -> providers
                                .forEach(provider -> {
                                    if (provider instanceof ClientSecretAuthenticationProvider secrets) {
                                        secrets.setPasswordEncoder(new HashedSecrets());
                                    }
                                })))
                        .oidc(oidc -> oidc
                                .providerConfigurationEndpoint(configuration -> configuration.providerConfigurationCustomizer(
                                        metadata -> metadata.idTokenSigningAlgorithms(algorithms -> {
                                            if (!algorithms.contains("ES256")) {
                                                algorithms.add("ES256"); // for clients that registered it
                                            }
                                        })))
                                .userInfoEndpoint(userInfo -> userInfo.userInfoMapper(context -> new OidcUserInfo(
                                        claims.of(context.getAuthorization().getPrincipalName(),
                                                context.getAuthorization().getAuthorizedScopes()))))
                                .logoutEndpoint(Customizer.withDefaults()));
                })
                .authorizeHttpRequests(requests -> requests.anyRequest().access(peopleOrClients(rules)))
                .exceptionHandling(exceptions -> {
                    exceptions.defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint("/login"),
                            new MediaTypeRequestMatcher(MediaType.TEXT_HTML));
                    factorStep.sendToFactorStep(exceptions);
                })
                .oauth2ResourceServer(resourceServer -> resourceServer.jwt(Customizer.withDefaults()));
        return http.build();
    }

    /**
     * A person (the browser at the authorization endpoint) is held to the platform's rules, including the second
     * factor; a client application authenticated with its own credentials (token, introspection, revocation, device
     * authorization) only has to be authenticated. The second-factor rule is about people: asking it for a client
     * looked up a user named like the client on every token request (a database query per grant), and refused the
     * grant when a user of that name had a second factor.
     */
    static AuthorizationManager<Object> peopleOrClients(AuthorizationManagerFactory<Object> rules) {
        AuthorizationManager<Object> people = rules.authenticated();
        AuthorizationManager<Object> clients = AuthenticatedAuthorizationManager.authenticated();
        return (authentication, object) -> authentication.get() instanceof OAuth2ClientAuthenticationToken
                ? clients.authorize(authentication, object)
                : people.authorize(authentication, object);
    }

    /** As Spring's client authentication answers: 401 for an unknown client or wrong secret, else 400. */
    private static void clientAuthenticationError(jakarta.servlet.http.HttpServletRequest request,
            jakarta.servlet.http.HttpServletResponse response, org.springframework.security.core.AuthenticationException exception)
            throws java.io.IOException {
        org.springframework.security.core.context.SecurityContextHolder.clearContext();
        var error = exception instanceof org.springframework.security.oauth2.core.OAuth2AuthenticationException oauth
                ? oauth.getError() : new org.springframework.security.oauth2.core.OAuth2Error("invalid_client");
        var http = new org.springframework.http.server.ServletServerHttpResponse(response);
        http.setStatusCode("invalid_client".equals(error.getErrorCode())
                ? org.springframework.http.HttpStatus.UNAUTHORIZED : org.springframework.http.HttpStatus.BAD_REQUEST);
        new org.springframework.security.oauth2.core.http.converter.OAuth2ErrorHttpMessageConverter().write(error, null, http);
    }

    /**
     * The forward-auth endpoints have a chain of their own: a signed-in user (all factors passed) reaches
     * {@link ForwardAuth}; anyone else is answered for the proxy (redirect to sign-in, or 401 for nginx) instead of
     * being sent to the sign-in page as a browser would.
     */
    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE + 1)
    SecurityFilterChain forwardAuthChain(HttpSecurity http, PlatformSettings platform) throws Exception {
        http.securityMatcher("/auth/forward/caddy", "/auth/forward/traefik", "/auth/forward/nginx")
                .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                .requestCache(cache -> cache.disable())
                .csrf(csrf -> csrf.disable()) // read-only checks the proxy makes with any method; nothing changes state
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint((request, response, e) -> ForwardAuth.sendToSignIn(request, response, platform.baseUrl()))
                        .accessDeniedHandler((request, response, e) -> ForwardAuth.sendToSignIn(request, response, platform.baseUrl())));
        return http.build();
    }

    /** Client secrets are 256-bit random values Holdfast made, stored as SHA-256 (see {@link TokenHash}). */
    static final class HashedSecrets implements PasswordEncoder {

        @Override
        public String encode(CharSequence rawPassword) {
            return TokenHash.of(rawPassword.toString());
        }

        @Override
        public boolean matches(CharSequence rawPassword, String encodedPassword) {
            return encodedPassword != null && TokenHash.matches(rawPassword.toString(), encodedPassword);
        }
    }

    @Bean
    RecurringJob identityOidcKeyRotation(SigningKeys keys) {
        return new RecurringJob("identity.oidc-key-rotation", "0 17 * * * *", keys::rotate);
    }

    @Bean
    RecurringJob identityOidcCleanup(HashedAuthorizations authorizations, JobsSettings jobs) {
        return new RecurringJob("identity.oidc-cleanup", jobs.housekeepingCron(), authorizations::removeExpired);
    }
}
