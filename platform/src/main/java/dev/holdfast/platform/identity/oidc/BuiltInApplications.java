package dev.holdfast.platform.identity.oidc;

import dev.holdfast.platform.shared.database.DatabaseReady;
import dev.holdfast.platform.shared.settings.PlatformSettings;
import dev.holdfast.platform.shared.web.BuiltInApplication;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Holdfast's own applications ({@link BuiltInApplication} beans of the modules) as clients of the provider:
 * registered at start-up when missing, public clients with PKCE, consent skipped, the exact redirect URI
 * {@code <base URL><basePath>/sso/callback}, ID tokens signed ES256. Administrators may restrict them to groups,
 * demand a second factor or change token lifetimes; what makes them work (client id, type, redirect URI, grants,
 * scopes, no consent, ID token algorithm) is pinned, and they cannot be deleted. They have no home URI: the modules are tiles of the application library
 * already, and forward-auth must not take them for an application behind the proxy.
 *
 * <p>Without {@code HOLDFAST_BASE_URL} the redirect URI is taken from the request's own base, as for every link
 * Holdfast makes: the stored one is {@code http://localhost:<port>}'s, and an authorization request for a built-in
 * application may also name the callback on the origin the request itself arrived at. That origin is the one the
 * browser is talking to, so the code can only go back to where it came from.
 */
public class BuiltInApplications {

    static final Set<String> SCOPES = Set.of("openid", "profile", "email", "groups");
    static final Duration ACCESS_TOKEN_TTL = Duration.ofMinutes(5);
    static final Duration REFRESH_TOKEN_TTL = Duration.ofHours(8);
    /** The modules check their ID tokens themselves and accept ES256: a P-256 signature costs a fraction of RSA's. */
    static final String ID_TOKEN_ALGORITHM = "ES256";

    private static final Logger LOG = LoggerFactory.getLogger(BuiltInApplications.class);

    private final Map<String, BuiltInApplication> byClientId = new LinkedHashMap<>();
    private final OidcClients clients;
    private final PlatformSettings platform;
    private final Environment environment;

    BuiltInApplications(List<BuiltInApplication> applications, OidcClients clients, PlatformSettings platform,
            Environment environment) {
        for (BuiltInApplication application : applications) {
            BuiltInApplication other = byClientId.put(application.clientId(), application);
            if (other != null) {
                throw new IllegalStateException("two built-in applications with client id " + application.clientId());
            }
        }
        if (applications.stream().map(BuiltInApplication::basePath).distinct().count() != applications.size()) {
            throw new IllegalStateException("two built-in applications guard the same base path: " + applications);
        }
        this.clients = clients;
        this.platform = platform;
        this.environment = environment;
    }

    public List<BuiltInApplication> list() {
        return List.copyOf(byClientId.values());
    }

    Optional<BuiltInApplication> find(String clientId) {
        return Optional.ofNullable(byClientId.get(clientId));
    }

    boolean isBuiltIn(String clientId) {
        return byClientId.containsKey(clientId);
    }

    private volatile boolean databaseReady;
    private volatile int port = -1;

    /** Registers the missing ones and re-pins the existing ones (the base URL may have changed since). */
    @EventListener
    void on(DatabaseReady event) {
        databaseReady = true;
        ensureAll();
    }

    /** Without a configured base URL, the stored redirect URIs name the port, known once the web server runs. */
    @EventListener
    void on(WebServerInitializedEvent event) {
        port = event.getWebServer().getPort();
        if (databaseReady && platform.baseUrl() == null) {
            ensureAll();
        }
    }

    private void ensureAll() {
        for (BuiltInApplication application : byClientId.values()) {
            try {
                ensure(application);
            } catch (RuntimeException e) { // another node registering it at the same moment; it is there either way
                LOG.warn("could not register the built-in application {}: {}", application.clientId(), e.toString());
            }
        }
    }

    private void ensure(BuiltInApplication application) {
        Optional<OidcClient> existing = clients.findByClient(application.clientId());
        if (existing.isEmpty()) {
            clients.register(registration(application, application.name(), Set.of(), ACCESS_TOKEN_TTL, REFRESH_TOKEN_TTL, false));
            LOG.info("registered the built-in application {} with the OpenID Connect provider", application.clientId());
            return;
        }
        OidcClients.Registration now = OidcClients.Registration.of(existing.get());
        OidcClients.Registration pinned = pin(now);
        if (!pinned.equals(now)) {
            clients.update(existing.get().id(), pinned);
        }
    }

    /**
     * What an administrator may change of a built-in application (name, allowed groups, second factor, token
     * lifetimes), with everything else put back as the module needs it. Other applications are returned as they are.
     */
    OidcClients.Registration pin(OidcClients.Registration registration) {
        BuiltInApplication application = byClientId.get(registration.clientId());
        if (application == null) {
            return registration;
        }
        return registration(application, registration.name(), registration.allowedGroups(), registration.accessTokenTtl(),
                registration.refreshTokenTtl(), registration.requireSecondFactor());
    }

    private OidcClients.Registration registration(BuiltInApplication application, String name, Set<String> allowedGroups,
            Duration accessTtl, Duration refreshTtl, boolean secondFactor) {
        String base = storedBase();
        return new OidcClients.Registration(application.clientId(), name, false,
                List.of(URI.create(base + application.callbackPath())), List.of(), SCOPES, Set.of("authorization_code"),
                false, accessTtl, refreshTtl, allowedGroups, null, null, secondFactor, ID_TOKEN_ALGORITHM);
    }

    /** The configured base URL, else what it defaults to: {@code http://localhost:<port>}. */
    private String storedBase() {
        if (platform.baseUrl() != null) {
            return withoutSlash(platform.baseUrl().toString());
        }
        return "http://localhost:" + (port > 0 ? String.valueOf(port)
                : environment.getProperty("local.server.port", environment.getProperty("server.port", "8080")));
    }

    /** The base the browser uses for Holdfast: the configured base URL, else the request's own. */
    String base(HttpServletRequest request) {
        if (platform.baseUrl() != null) {
            return withoutSlash(platform.baseUrl().toString());
        }
        return withoutSlash(ServletUriComponentsBuilder.fromContextPath(request).replaceQuery(null).build().toUriString());
    }

    /**
     * Wraps the provider's redirect URI check: without a configured base URL, a built-in application may also be
     * sent back to its callback on the origin this authorization request arrived at.
     */
    Consumer<OAuth2AuthorizationCodeRequestAuthenticationContext> redirectUris(
            Consumer<OAuth2AuthorizationCodeRequestAuthenticationContext> standard) {
        return context -> {
            RegisteredClient client = context.getRegisteredClient();
            HttpServletRequest request = currentRequest();
            BuiltInApplication application = byClientId.get(client.getClientId());
            if (application == null || platform.baseUrl() != null || request == null) {
                standard.accept(context);
                return;
            }
            String own = base(request) + application.callbackPath();
            RegisteredClient widened = client.getRedirectUris().contains(own) ? client
                    : RegisteredClient.from(client).redirectUri(own).build();
            OAuth2AuthorizationCodeRequestAuthenticationContext.Builder builder = OAuth2AuthorizationCodeRequestAuthenticationContext
                    .with(context.getAuthentication()).registeredClient(widened);
            if (context.getAuthorizationRequest() != null) {
                builder.authorizationRequest(context.getAuthorizationRequest());
            }
            if (context.getAuthorizationConsent() != null) {
                builder.authorizationConsent(context.getAuthorizationConsent());
            }
            standard.accept(builder.build());
        };
    }

    private static @Nullable HttpServletRequest currentRequest() {
        return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
                ? attributes.getRequest() : null;
    }

    private static String withoutSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
