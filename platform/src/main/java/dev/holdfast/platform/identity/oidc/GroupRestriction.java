package dev.holdfast.platform.identity.oidc;

import dev.holdfast.platform.identity.AuditEvent;
import dev.holdfast.platform.identity.AuditEvent.Outcome;
import dev.holdfast.platform.identity.AuditLog;
import dev.holdfast.platform.identity.UserManagement;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Consumer;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationException;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import dev.holdfast.platform.identity.mfa.SecondFactorSecurity;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Only members of an application's allowed groups (if it has any) may sign in to it: an extra check on Spring's
 * authorization requests, once the user is signed in. A refused user ends on Holdfast's access-denied page, not back
 * at the application with an error (the application could not explain it), and the refusal is audited as
 * {@code oidc.access.denied}.
 */
class GroupRestriction implements Consumer<OAuth2AuthorizationCodeRequestAuthenticationContext> {

    static final String DENIED_PAGE = "/oauth2/access-denied";

    private final OidcClients clients;
    private final OidcClaims claims;
    private final UserManagement users;
    private final AuditLog audit;

    GroupRestriction(OidcClients clients, OidcClaims claims, UserManagement users, AuditLog audit) {
        this.clients = clients;
        this.claims = claims;
        this.users = users;
        this.audit = audit;
    }

    /** Refused because of the groups; carries the request so the handler knows the application. */
    static final class NotInAllowedGroupException extends OAuth2AuthorizationCodeRequestAuthenticationException {
        NotInAllowedGroupException(OAuth2AuthorizationCodeRequestAuthenticationToken request) {
            super(new OAuth2Error(OAuth2ErrorCodes.ACCESS_DENIED, "not in a group allowed to use this application", null),
                    request);
        }
    }

    @Override
    public void accept(OAuth2AuthorizationCodeRequestAuthenticationContext context) {
        OAuth2AuthorizationCodeRequestAuthenticationToken request = context.getAuthentication();
        if (!(request.getPrincipal() instanceof Authentication user) || !user.isAuthenticated()
                || user instanceof AnonymousAuthenticationToken) {
            return;
        }
        if (!allowed(context.getRegisteredClient().getClientId(), user.getName())) {
            audit.record(AuditEvent.of(user.getName(), clientIp(), "oidc.access.denied",
                    "client:" + context.getRegisteredClient().getClientId(), Outcome.DENIED,
                    Map.of("reason", "not in an allowed group")));
            throw new NotInAllowedGroupException(request);
        }
    }

    boolean allowed(String clientId, String username) {
        var client = clients.findByClient(clientId);
        if (client.isEmpty() || client.get().allowedGroups().isEmpty()) {
            return true;
        }
        var account = users.findByUsername(username);
        return account.isPresent() && claims.groupsOf(account.get()).stream().anyMatch(client.get().allowedGroups()::contains);
    }

    /**
     * Sends a group refusal to Holdfast's page, an application's demand for a second factor to the factor step (keeping
     * the request to continue with), every other error as Spring's endpoint does by default (its handler is private,
     * so {@link #standardError} repeats it: back to the validated redirect URI with error and state, or 400 when
     * there is none).
     */
    AuthenticationFailureHandler errorHandler() {
        return (HttpServletRequest request, HttpServletResponse response, AuthenticationException exception) -> {
            if (exception instanceof NotInAllowedGroupException denied) {
                String clientId = denied.getAuthorizationCodeRequestAuthentication() == null ? ""
                        : denied.getAuthorizationCodeRequestAuthentication().getClientId();
                response.sendRedirect(request.getContextPath() + DENIED_PAGE + "?client_id="
                        + URLEncoder.encode(clientId, StandardCharsets.UTF_8));
            } else if (exception instanceof ApplicationSecondFactor.SecondFactorDemandedException) {
                // kept, so that the factor step (or the enrolment it leads to) continues to the application
                new HttpSessionRequestCache().saveRequest(request, response);
                response.sendRedirect(request.getContextPath() + SecondFactorSecurity.FACTOR_PAGE);
            } else {
                standardError(response, (OAuth2AuthorizationCodeRequestAuthenticationException) exception);
            }
        };
    }

    private static void standardError(HttpServletResponse response, OAuth2AuthorizationCodeRequestAuthenticationException e)
            throws java.io.IOException {
        OAuth2Error error = e.getError();
        OAuth2AuthorizationCodeRequestAuthenticationToken request = e.getAuthorizationCodeRequestAuthentication();
        if (request == null || request.getRedirectUri() == null || request.getRedirectUri().isBlank()) {
            response.sendError(HttpServletResponse.SC_BAD_REQUEST, error.toString());
            return;
        }
        UriComponentsBuilder uri = UriComponentsBuilder.fromUriString(request.getRedirectUri())
                .queryParam(OAuth2ParameterNames.ERROR, error.getErrorCode());
        if (error.getDescription() != null && !error.getDescription().isBlank()) {
            uri.queryParam(OAuth2ParameterNames.ERROR_DESCRIPTION, UriUtils.encode(error.getDescription(), StandardCharsets.UTF_8));
        }
        if (error.getUri() != null && !error.getUri().isBlank()) {
            uri.queryParam(OAuth2ParameterNames.ERROR_URI, UriUtils.encode(error.getUri(), StandardCharsets.UTF_8));
        }
        if (request.getState() != null && !request.getState().isBlank()) {
            uri.queryParam(OAuth2ParameterNames.STATE, UriUtils.encode(request.getState(), StandardCharsets.UTF_8));
        }
        response.sendRedirect(uri.build(true).toUriString());
    }

    private static String clientIp() {
        return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
                ? attributes.getRequest().getRemoteAddr() : "";
    }

}
