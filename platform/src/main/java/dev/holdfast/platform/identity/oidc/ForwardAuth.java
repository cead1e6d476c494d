package dev.holdfast.platform.identity.oidc;

import dev.holdfast.platform.identity.AuditEvent;
import dev.holdfast.platform.identity.AuditEvent.Outcome;
import dev.holdfast.platform.identity.AuditLog;
import dev.holdfast.platform.identity.UserAccount;
import dev.holdfast.platform.identity.UserManagement;
import dev.holdfast.platform.identity.mfa.SecondFactorSecurity;
import dev.holdfast.platform.shared.settings.PlatformSettings;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Forward-auth for applications without single sign-on of their own: the reverse proxy asks Holdfast about every
 * request ({@code /auth/forward/caddy} for Caddy's {@code forward_auth}, {@code /auth/forward/traefik} for Traefik's
 * ForwardAuth, {@code /auth/forward/nginx} for nginx's {@code auth_request}). Signed in (all factors) and allowed:
 * 200 with {@code X-Holdfast-User}, {@code X-Holdfast-Email}, {@code X-Holdfast-Groups}. Not signed in: Caddy and
 * Traefik get a redirect to Holdfast's sign-in and back; nginx gets 401 (its {@code error_page} sends the browser
 * on). Signed in but not in the application's groups: 403 and an audit event. Signed in without the second factor
 * the application demands: answered as not signed in, and the way back ({@code /auth/forward/start}) passes the
 * factor step (enrolling one first if need be). The application is the registered
 * one whose home URI has the forwarded host. The session cookie must reach Holdfast from the application's host:
 * set {@code HOLDFAST_COOKIE_DOMAIN} to the parent domain (docs/forward-auth.md).
 */
@Controller
class ForwardAuth {

    static final String START = "/auth/forward/start";

    private final UserManagement users;
    private final OidcClients clients;
    private final OidcClaims claims;
    private final AuditLog audit;
    private final ApplicationSecondFactor secondFactor;
    private final @Nullable URI baseUrl;

    ForwardAuth(UserManagement users, OidcClients clients, OidcClaims claims, AuditLog audit,
            ApplicationSecondFactor secondFactor, PlatformSettings platform) {
        this.users = users;
        this.clients = clients;
        this.claims = claims;
        this.audit = audit;
        this.secondFactor = secondFactor;
        this.baseUrl = platform.baseUrl();
    }

    /** Reached only signed in (the forward-auth filter chain answers everyone else). */
    @RequestMapping("/auth/forward/{proxy:caddy|traefik|nginx}")
    @Nullable ResponseEntity<Void> check(@PathVariable String proxy, Authentication who, HttpServletRequest request,
            HttpServletResponse response) throws IOException {
        UserAccount user = users.findByUsername(who.getName()).orElse(null);
        if (user == null || !user.enabled()) {
            return ResponseEntity.status(401).build();
        }
        URI original = originalUrl(request);
        Optional<OidcClient> app = original == null ? Optional.empty() : application(original.getHost());
        List<String> groups = claims.groupsOf(user);
        if (app.isPresent() && !app.get().allowedGroups().isEmpty()
                && groups.stream().noneMatch(app.get().allowedGroups()::contains)) {
            audit.record(AuditEvent.of(user.username(), request.getHeader("X-Forwarded-For") != null
                    ? request.getHeader("X-Forwarded-For").split(",")[0].strip() : request.getRemoteAddr(),
                    "forward_auth.denied", "client:" + app.get().clientId(), Outcome.DENIED,
                    Map.of("url", String.valueOf(original), "reason", "not in the application's groups")));
            return ResponseEntity.status(403).build();
        }
        if (app.isPresent() && secondFactor.owed(app.get(), who)) {
            sendToSignIn(request, response, baseUrl); // the way back through sign-in passes the factor step
            return null;
        }
        return ResponseEntity.ok()
                .header("X-Holdfast-User", user.username())
                .header("X-Holdfast-Email", user.email() == null ? "" : user.email())
                .header("X-Holdfast-Groups", String.join(",", groups))
                .header("Cache-Control", "no-store")
                .build();
    }

    /** After sign-in the browser returns here and is sent on to the application, if it is a registered one. */
    @GetMapping(START)
    void start(@RequestParam("rd") String redirect, Authentication who, HttpServletRequest request,
            HttpServletResponse response) throws IOException {
        URI target;
        try {
            target = URI.create(redirect);
        } catch (IllegalArgumentException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "rd is not a URL");
        }
        if (!target.isAbsolute() || target.getHost() == null || application(target.getHost()).isEmpty()
                || !(target.getScheme().equals("https") || target.getScheme().equals("http"))) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "rd must point to a registered application");
        }
        OidcClient app = application(target.getHost()).orElseThrow();
        Optional<UserAccount> user = users.findByUsername(who.getName());
        if (user.isPresent() && secondFactor.owed(app, who)) {
            secondFactor.demand(app, user.get(), request, response);
            response.sendRedirect(request.getContextPath() + SecondFactorSecurity.FACTOR_PAGE);
            return;
        }
        response.sendRedirect(target.toString());
    }

    /**
     * Where the browser goes when it is not signed in (the forward-auth chain's entry point): Holdfast's own
     * address is its base URL when set, else the Host the proxy used to reach it.
     */
    static void sendToSignIn(HttpServletRequest request, HttpServletResponse response, @Nullable URI baseUrl) throws IOException {
        if (request.getRequestURI().endsWith("/nginx")) {
            response.sendError(401);
            return;
        }
        URI original = originalUrl(request);
        if (original == null) {
            response.sendError(401);
            return;
        }
        String holdfast = baseUrl != null ? baseUrl.toString().replaceAll("/$", "") : request.getScheme() + "://" + request.getHeader("Host");
        response.sendRedirect(holdfast + START + "?rd=" + URLEncoder.encode(original.toString(), StandardCharsets.UTF_8));
    }

    /** The URL the browser asked the proxy for, from the headers each proxy sends. */
    static @Nullable URI originalUrl(HttpServletRequest request) {
        try {
            String original = request.getHeader("X-Original-URL");
            if (original != null) {
                return URI.create(original);
            }
            String host = request.getHeader("X-Forwarded-Host");
            if (host == null) {
                return null;
            }
            String proto = Optional.ofNullable(request.getHeader("X-Forwarded-Proto")).orElse("https");
            String uri = Optional.ofNullable(request.getHeader("X-Forwarded-Uri")).orElse("/");
            return URI.create(proto + "://" + host + (uri.startsWith("/") ? uri : "/" + uri));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private Optional<OidcClient> application(@Nullable String host) {
        return host == null ? Optional.empty() : clients.findByHomeHost(host);
    }
}
