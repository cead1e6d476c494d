package dev.holdfast.platform.identity.internal;

import dev.holdfast.platform.identity.AuditEvent;
import dev.holdfast.platform.identity.AuditEvent.Outcome;
import dev.holdfast.platform.identity.AuditLog;
import dev.holdfast.platform.identity.mfa.SecondFactors;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.authentication.event.LogoutSuccessEvent;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/**
 * Records every sign-in, failed sign-in (with the reason) and sign-out in the audit log. A password accepted for
 * a user who must still pass a second factor is {@code login.password_accepted}; the second-factor step records
 * {@code login.succeeded} with the factor.
 */
@Component
class AuthenticationAudit {

    private final AuditLog audit;
    private final JooqUsers users;
    private final SecondFactors secondFactors;

    AuthenticationAudit(AuditLog audit, JooqUsers users, SecondFactors secondFactors) {
        this.audit = audit;
        this.users = users;
        this.secondFactors = secondFactors;
    }

    @EventListener
    void on(AuthenticationSuccessEvent event) {
        Authentication who = event.getAuthentication();
        if (!isPersonSigningIn(who)) {
            return;
        }
        users.signedIn(who.getName());
        if (who.getAuthorities().stream().anyMatch(a -> FactorGrantedAuthority.WEBAUTHN_AUTHORITY.equals(a.getAuthority()))) {
            return; // passkey sign-ins are recorded by identity.mfa's PasskeyAudit
        }
        audit.record(AuditEvent.of(who.getName(), ip(who), secondFactors.pending(who) ? "login.password_accepted" : "login.succeeded",
                "user:" + who.getName(), Outcome.SUCCESS, Map.of("method", "password")));
    }

    @EventListener
    void on(AbstractAuthenticationFailureEvent event) {
        Authentication who = event.getAuthentication();
        if (!isPersonSigningIn(who)) {
            return;
        }
        audit.record(AuditEvent.of(who.getName(), ip(who), "login.failed", "user:" + who.getName(), Outcome.FAILURE,
                Map.of("method", "password", "reason", reason(event))));
    }

    @EventListener
    void on(LogoutSuccessEvent event) {
        Authentication who = event.getAuthentication();
        audit.record(AuditEvent.of(who.getName(), ip(who), "logout.succeeded", "user:" + who.getName(), Outcome.SUCCESS, Map.of()));
    }

    private static String reason(AbstractAuthenticationFailureEvent event) {
        String type = event.getClass().getSimpleName().replace("AuthenticationFailure", "").replace("Event", "");
        return switch (type) {
            case "BadCredentials" -> "wrong username or password";
            case "Disabled" -> "account disabled";
            case "Locked" -> "account locked";
            case "Expired" -> "account expired";
            case "CredentialsExpired" -> "password expired";
            default -> type.isEmpty() ? "unknown" : type;
        };
    }

    /**
     * Whether this authentication is a person signing in, rather than an application authenticating at the
     * OpenID Connect endpoints or presenting a bearer token (which the oidc package audits itself, and which must
     * not cost a database write per token).
     */
    static boolean isPersonSigningIn(Authentication who) {
        return !who.getClass().getName().startsWith("org.springframework.security.oauth2.");
    }

    static @Nullable String ip(Authentication who) {
        return who.getDetails() instanceof WebAuthenticationDetails details ? details.getRemoteAddress() : null;
    }
}
