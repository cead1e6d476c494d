package dev.holdfast.platform.identity.oidc;

import dev.holdfast.platform.identity.AuditEvent;
import dev.holdfast.platform.identity.AuditEvent.Outcome;
import dev.holdfast.platform.identity.AuditLog;
import dev.holdfast.platform.identity.UserAccount.UserId;
import dev.holdfast.platform.identity.UserManagement;
import dev.holdfast.platform.identity.mfa.SecondFactorPolicy;
import dev.holdfast.platform.identity.mfa.SecondFactors;
import dev.holdfast.platform.identity.UserAccount;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.util.Map;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationException;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The per-application second-factor policy: an application registered with "require a second factor" gets no code
 * for a sign-in that has not passed one. The authorization request is kept, the session is marked as owing a factor
 * (which this class, as a {@link SecondFactorPolicy}, reports for that user), and the person is sent to the factor
 * step: a user with a factor passes it, a user without one enrols one first; then the sign-in continues to the
 * application. Each demand is audited as {@code oidc.second_factor.demanded}.
 */
class ApplicationSecondFactor implements Consumer<OAuth2AuthorizationCodeRequestAuthenticationContext>, SecondFactorPolicy {

    /** Session attribute: the id of the user who owes a second factor because an application demanded one. */
    static final String OWED = ApplicationSecondFactor.class.getName() + ".OWED";

    private final OidcClients clients;
    private final UserManagement users;
    private final AuditLog audit;

    ApplicationSecondFactor(OidcClients clients, UserManagement users, AuditLog audit) {
        this.clients = clients;
        this.users = users;
        this.audit = audit;
    }

    /** The application wants a second factor this sign-in has not passed; carries the request for the handler. */
    static final class SecondFactorDemandedException extends OAuth2AuthorizationCodeRequestAuthenticationException {
        SecondFactorDemandedException(OAuth2AuthorizationCodeRequestAuthenticationToken request) {
            super(new OAuth2Error(OAuth2ErrorCodes.ACCESS_DENIED, "this application needs a second factor", null), request);
        }
    }

    @Override
    public void accept(OAuth2AuthorizationCodeRequestAuthenticationContext context) {
        OAuth2AuthorizationCodeRequestAuthenticationToken request = context.getAuthentication();
        if (!(request.getPrincipal() instanceof Authentication user) || !user.isAuthenticated()
                || user instanceof AnonymousAuthenticationToken || SecondFactors.passed(user)) {
            return;
        }
        String clientId = context.getRegisteredClient().getClientId();
        boolean demanded = clients.findByClient(clientId).map(OidcClient::requireSecondFactor).orElse(false);
        if (!demanded) {
            return;
        }
        var account = users.findByUsername(user.getName());
        @Nullable HttpServletRequest http = currentRequest();
        if (account.isEmpty() || http == null) {
            return; // a vanished user gets no code anyway; without a request there is nobody to send anywhere
        }
        owe(clientId, account.get(), http);
        throw new SecondFactorDemandedException(request);
    }

    /** Whether the application demands a second factor this sign-in has not passed. */
    boolean owed(OidcClient application, Authentication who) {
        return application.requireSecondFactor() && !SecondFactors.passed(who);
    }

    /**
     * Marks the session as owing a second factor for the application, audits it, and keeps the request so that the
     * factor step continues with it; the caller sends the browser to {@code SecondFactorSecurity.FACTOR_PAGE}.
     */
    void demand(OidcClient application, UserAccount user, HttpServletRequest request, HttpServletResponse response) {
        owe(application.clientId(), user, request);
        new HttpSessionRequestCache().saveRequest(request, response);
    }

    private void owe(String clientId, UserAccount user, HttpServletRequest request) {
        request.getSession().setAttribute(OWED, user.id().toString());
        audit.record(AuditEvent.of(user.username(), request.getRemoteAddr(), "oidc.second_factor.demanded",
                "client:" + clientId, Outcome.DENIED, Map.of("reason", "the application requires a second factor")));
    }

    @Override
    public String id() {
        return "application";
    }

    /** True for the user whose session an application sent to the factor step, until they pass one. */
    @Override
    public boolean required(UserId user) {
        @Nullable HttpServletRequest http = currentRequest();
        @Nullable HttpSession session = http == null ? null : http.getSession(false);
        return session != null && user.toString().equals(session.getAttribute(OWED));
    }

    private static @Nullable HttpServletRequest currentRequest() {
        return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
                ? attributes.getRequest() : null;
    }
}
