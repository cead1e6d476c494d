package dev.holdfast.platform.identity.oidc;

import dev.holdfast.platform.identity.ApplicationSignedIn;
import dev.holdfast.platform.identity.UserAccount;
import dev.holdfast.platform.identity.UserManagement;
import dev.holdfast.platform.shared.web.BuiltInApplication;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.io.Serializable;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.authentication.OAuth2LoginAuthenticationToken;
import org.springframework.security.oauth2.client.endpoint.RestClientAuthorizationCodeTokenResponseClient;
import org.springframework.security.oauth2.client.oidc.authentication.OidcAuthorizationCodeAuthenticationProvider;
import org.springframework.security.oauth2.client.oidc.authentication.OidcIdTokenDecoderFactory;
import org.springframework.security.oauth2.client.oidc.authentication.OidcIdTokenValidator;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.converter.ClaimTypeConverter;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationExchange;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationResponse;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The gate in front of each built-in application's pages ({@link BuiltInApplication}): a signed-in session that has
 * not yet signed in to that application runs a real authorization code flow with PKCE against Holdfast's own
 * provider, as any relying party would. The browser goes to {@code /oauth2/authorize} (the provider's session makes
 * that a redirect straight back, unless the application's group restriction or second factor stops it), the
 * callback exchanges the code at the token endpoint and checks the ID token (signature against the JWK Set, iss,
 * aud, azp, exp, nonce) with Spring Security's own OAuth2 client classes, and the claims are kept in the HTTP
 * session for this application. Signing out ends the session, and with it every application's sign-in.
 *
 * <p>Runs as a servlet filter right after Spring Security's chain, so only people the platform's rules let in get
 * here; requests without a session (API tokens) and anonymous ones pass untouched. A sign-in is renewed by the next
 * page load after its ID token expired, so a change of an application's allowed groups reaches open sessions.
 */
class ModuleSignInGate extends OncePerRequestFilter {

    static final String SIGN_IN = ModuleSignInGate.class.getName() + ".signIn.";
    static final String PENDING = ModuleSignInGate.class.getName() + ".pending.";
    private static final int MAX_PENDING = 5;
    private static final Logger LOG = LoggerFactory.getLogger(ModuleSignInGate.class);

    /** One application's sign-in in this session: the ID token's claims. */
    record ModuleSignIn(String clientId, String username, String subject, List<String> groups, List<String> roles,
            Instant expiresAt) implements Serializable {}

    /** An authorization request on its way, the base URL it was made for, and the page to return to. */
    record Pending(OAuth2AuthorizationRequest request, String base, String returnTo) implements Serializable {}

    private final BuiltInApplications applications;
    private final AuthorizationServerSettings server;
    private final UserManagement users;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final OidcAuthorizationCodeAuthenticationProvider codeExchange = new OidcAuthorizationCodeAuthenticationProvider(
            new RestClientAuthorizationCodeTokenResponseClient(), new OidcUserService());
    /** ID token decoders by registration id, checking against the provider's published keys. */
    private final Map<String, JwtDecoder> idTokenDecoders = new ConcurrentHashMap<>();
    /** Client registrations by registration id ({@code <client id> <base URL>}): one per base the browser uses. */
    private final Map<String, ClientRegistration> registrations = new ConcurrentHashMap<>();
    private final DefaultOAuth2AuthorizationRequestResolver requests;

    ModuleSignInGate(BuiltInApplications applications, AuthorizationServerSettings server, UserManagement users,
            ApplicationEventPublisher events, Clock clock) {
        this.applications = applications;
        this.server = server;
        this.users = users;
        this.events = events;
        this.clock = clock;
        this.requests = new DefaultOAuth2AuthorizationRequestResolver(registrations::get, "/oauth2/authorization");
        this.codeExchange.setJwtDecoderFactory(this::idTokenDecoder);
    }

    /**
     * The built-in applications register ES256 ID tokens ({@link BuiltInApplications#ID_TOKEN_ALGORITHM}); RS256 is
     * accepted too, as the provider signs with RSA while no EC key signs yet (an upgraded installation publishes
     * its first EC key ahead of using it). Both are checked against the provider's published key set, with the
     * standard ID token checks (issuer, audience, expiry, nonce).
     */
    private JwtDecoder idTokenDecoder(ClientRegistration registration) {
        if (idTokenDecoders.size() > 100) {
            idTokenDecoders.clear();
        }
        return idTokenDecoders.computeIfAbsent(registration.getRegistrationId(), id -> {
            NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(registration.getProviderDetails().getJwkSetUri())
                    .jwsAlgorithms(algorithms -> {
                        algorithms.add(SignatureAlgorithm.ES256);
                        algorithms.add(SignatureAlgorithm.RS256);
                    })
                    .build();
            decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(new JwtTimestampValidator(),
                    new OidcIdTokenValidator(registration)));
            decoder.setClaimSetConverter(new ClaimTypeConverter(OidcIdTokenDecoderFactory.createDefaultClaimTypeConverters()));
            return decoder;
        });
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return application(request).isEmpty();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        BuiltInApplication application = application(request).orElseThrow();
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        HttpSession session = request.getSession(false);
        if (authentication == null || !authentication.isAuthenticated() || authentication instanceof AnonymousAuthenticationToken
                || session == null) {
            chain.doFilter(request, response);
            return;
        }
        if (path(request).equals(application.callbackPath())) {
            callback(application, authentication, session, request, response);
            return;
        }
        ModuleSignIn signIn = session.getAttribute(SIGN_IN + application.clientId()) instanceof ModuleSignIn found ? found : null;
        boolean navigation = isNavigation(request);
        if (signIn != null && signIn.username().equals(authentication.getName())
                && (!navigation || clock.instant().isBefore(signIn.expiresAt()))) {
            chain.doFilter(request, response);
            return;
        }
        if (!navigation) {
            // a form or a fragment of a page that has not signed in yet: open the application's page, which will
            if (request.getHeader("HX-Request") != null) {
                response.setHeader("HX-Redirect", request.getContextPath() + application.basePath());
                return;
            }
            response.setStatus(HttpServletResponse.SC_SEE_OTHER);
            response.setHeader("Location", request.getContextPath() + application.basePath());
            return;
        }
        start(application, session, request, response);
    }

    /** Sends the browser to the provider's authorization endpoint with state, nonce and a PKCE challenge. */
    private void start(BuiltInApplication application, HttpSession session, HttpServletRequest request,
            HttpServletResponse response) throws IOException {
        String base = applications.base(request);
        ClientRegistration registration = registration(application, base);
        OAuth2AuthorizationRequest authorization = requests.resolve(request, registration.getRegistrationId());
        if (authorization == null) {
            throw new IllegalStateException("no authorization request for " + application.clientId());
        }
        String query = request.getQueryString();
        String returnTo = path(request) + (query == null ? "" : "?" + query);
        Map<String, Pending> pending = pending(session, application);
        while (pending.size() >= MAX_PENDING) {
            pending.remove(pending.keySet().iterator().next());
        }
        pending.put(authorization.getState(), new Pending(authorization, base, returnTo));
        session.setAttribute(PENDING + application.clientId(), pending);
        response.sendRedirect(authorization.getAuthorizationRequestUri());
    }

    private void callback(BuiltInApplication application, Authentication authentication, HttpSession session,
            HttpServletRequest request, HttpServletResponse response) throws IOException {
        Map<String, Pending> pending = pending(session, application);
        String state = request.getParameter("state");
        Pending started = state == null ? null : pending.remove(state);
        session.setAttribute(PENDING + application.clientId(), pending);
        if (started == null) {
            // an old or foreign callback: start again rather than trust it
            response.sendRedirect(request.getContextPath() + application.basePath());
            return;
        }
        // made again if the flow started on another node
        ClientRegistration registration = registration(application, started.base());
        String error = request.getParameter("error");
        String code = request.getParameter("code");
        if (error != null || code == null) {
            LOG.info("sign-in to {} came back without a code: {}", application.clientId(), error);
            response.sendError(HttpServletResponse.SC_FORBIDDEN);
            return;
        }
        OAuth2AuthorizationResponse answer = OAuth2AuthorizationResponse.success(code)
                .redirectUri(started.request().getRedirectUri()).state(state).build();
        OidcUser user;
        try {
            var signedIn = (OAuth2LoginAuthenticationToken) codeExchange.authenticate(
                    new OAuth2LoginAuthenticationToken(registration, new OAuth2AuthorizationExchange(started.request(), answer)));
            user = (OidcUser) signedIn.getPrincipal();
        } catch (OAuth2AuthenticationException e) {
            LOG.warn("sign-in to {} refused: {}", application.clientId(), e.getError().getErrorCode());
            response.sendError(HttpServletResponse.SC_FORBIDDEN);
            return;
        }
        Optional<UserAccount> account = users.findByUsername(authentication.getName());
        if (account.isEmpty() || !account.get().id().value().toString().equals(user.getSubject())) {
            LOG.warn("sign-in to {}: the ID token names another user than the session's", application.clientId());
            response.sendError(HttpServletResponse.SC_FORBIDDEN);
            return;
        }
        List<String> groups = strings(user.getClaimAsStringList("groups"));
        List<String> roles = strings(user.getClaimAsStringList("roles"));
        Instant expires = user.getIdToken().getExpiresAt() != null ? user.getIdToken().getExpiresAt() : clock.instant();
        session.setAttribute(SIGN_IN + application.clientId(), new ModuleSignIn(application.clientId(),
                authentication.getName(), user.getSubject(), groups, roles, expires));
        events.publishEvent(new ApplicationSignedIn(application.clientId(), account.get().id(), authentication.getName(),
                groups, roles));
        response.sendRedirect(request.getContextPath() + started.returnTo());
    }

    private ClientRegistration registration(BuiltInApplication application, String base) {
        String issuer = server.getIssuer() != null ? server.getIssuer().replaceAll("/$", "") : base;
        String id = application.clientId() + " " + base;
        if (registrations.size() > 100) { // a handful of names Holdfast is reached by; more means someone is making them up
            registrations.clear();
        }
        return registrations.computeIfAbsent(id, key -> ClientRegistration.withRegistrationId(key)
                .clientId(application.clientId())
                .clientName(application.name())
                .clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUri(base + application.callbackPath())
                .scope(BuiltInApplications.SCOPES)
                .authorizationUri(base + server.getAuthorizationEndpoint())
                .tokenUri(issuer + server.getTokenEndpoint())
                .jwkSetUri(issuer + server.getJwkSetEndpoint())
                .issuerUri(issuer)
                .userNameAttributeName("sub")
                .build());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Pending> pending(HttpSession session, BuiltInApplication application) {
        return session.getAttribute(PENDING + application.clientId()) instanceof LinkedHashMap<?, ?> map
                ? (Map<String, Pending>) map : new LinkedHashMap<>();
    }

    private Optional<BuiltInApplication> application(HttpServletRequest request) {
        String path = path(request);
        return applications.list().stream()
                .filter(app -> path.equals(app.basePath()) || path.startsWith(app.basePath() + "/"))
                .findFirst();
    }

    /** A page the browser is opening (not a form post, not an htmx fragment): it may be sent on a round trip. */
    private static boolean isNavigation(HttpServletRequest request) {
        return ("GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod())) && request.getHeader("HX-Request") == null;
    }

    private static String path(HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length());
    }

    private static List<String> strings(@Nullable List<String> values) {
        return values == null ? List.of() : List.copyOf(values);
    }

}
