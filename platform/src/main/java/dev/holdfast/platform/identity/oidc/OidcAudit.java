package dev.holdfast.platform.identity.oidc;

import dev.holdfast.platform.identity.AuditEvent;
import dev.holdfast.platform.identity.AuditEvent.Outcome;
import dev.holdfast.platform.identity.AuditLog;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationConsentAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2DeviceVerificationAuthenticationToken;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.oauth2.server.authorization.oidc.authentication.OidcLogoutAuthenticationToken;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The provider's audit trail: every authorization (a code issued to an application for a user), consent, sign-out
 * through an application, and every refused token, revocation or introspection request and failed client
 * authentication, with the standard error code. A successful token request is
 * not audited (a client-credentials token costs no database write at all); its count is in the metrics.
 */
class OidcAudit {

    private final AuditLog audit;

    OidcAudit(AuditLog audit) {
        this.audit = audit;
    }

    @EventListener
    void on(AuthenticationSuccessEvent event) {
        Authentication what = event.getAuthentication();
        if (what instanceof OAuth2AuthorizationCodeRequestAuthenticationToken request && request.getAuthorizationCode() != null) {
            record(name(request.getPrincipal()), "oidc.authorized", request.getClientId(), Outcome.SUCCESS,
                    Map.of("scopes", String.join(" ", request.getScopes())));
        } else if (what instanceof OAuth2AuthorizationConsentAuthenticationToken consent) {
            record(name(consent.getPrincipal()), "oidc.consent.granted", consent.getClientId(), Outcome.SUCCESS,
                    Map.of("scopes", String.join(" ", consent.getScopes())));
        } else if (what instanceof OAuth2DeviceVerificationAuthenticationToken device && device.getClientId() != null) {
            record(name(device.getPrincipal()), "oidc.device.authorized", device.getClientId(), Outcome.SUCCESS, Map.of());
        } else if (what instanceof OidcLogoutAuthenticationToken logout) {
            // client_id is optional at /connect/logout; the ID token given as the hint names the application
            String client = logout.getClientId();
            if (client == null && logout.getIdToken() != null && logout.getIdToken().getAudience() != null
                    && !logout.getIdToken().getAudience().isEmpty()) {
                client = logout.getIdToken().getAudience().getFirst();
            }
            record(name(logout.getPrincipal()), "oidc.logout", client, Outcome.SUCCESS, Map.of());
        }
    }

    /**
     * Wraps an endpoint's error response: records the refusal (the standard error code and its description), then
     * answers as the endpoint would. Spring publishes no event for these, so the endpoints report them here.
     */
    AuthenticationFailureHandler auditing(String action, AuthenticationFailureHandler answer) {
        return (request, response, exception) -> {
            Map<String, String> details = new LinkedHashMap<>();
            String client = request.getParameter("client_id");
            if (exception instanceof OAuth2AuthenticationException failure) {
                details.put("error", failure.getError().getErrorCode());
                if (failure.getError().getDescription() != null) {
                    details.put("reason", failure.getError().getDescription());
                }
            } else {
                details.put("reason", String.valueOf(exception.getMessage()));
            }
            String grant = request.getParameter("grant_type");
            if (grant != null) {
                details.put("grant_type", grant);
            }
            if (client == null && request.getUserPrincipal() != null) {
                client = request.getUserPrincipal().getName();
            }
            Outcome outcome = "access_denied".equals(details.get("error")) ? Outcome.DENIED : Outcome.FAILURE;
            audit.record(AuditEvent.of(null, request.getRemoteAddr(), action, client == null ? null : "client:" + client,
                    outcome, details));
            answer.onAuthenticationFailure(request, response, exception);
        };
    }

    private void record(@Nullable String actor, String action, @Nullable String clientId, Outcome outcome, Map<String, String> details) {
        audit.record(AuditEvent.of(actor, clientIp(), action, clientId == null ? null : "client:" + clientId, outcome, details));
    }

    private static @Nullable String name(@Nullable Object principal) {
        return principal instanceof Authentication authentication ? authentication.getName() : null;
    }

    private static @Nullable String clientIp() {
        return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
                ? attributes.getRequest().getRemoteAddr() : null;
    }

}
