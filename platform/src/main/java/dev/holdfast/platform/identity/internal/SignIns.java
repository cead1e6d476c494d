package dev.holdfast.platform.identity.internal;

import dev.holdfast.platform.identity.AuditEvent;
import dev.holdfast.platform.identity.AuditEvent.Outcome;
import dev.holdfast.platform.identity.AuditLog;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.time.Clock;
import java.util.Map;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.InteractiveAuthenticationSuccessEvent;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Notes in the session when, from where and on what device a person signed in, sets its idle timeout, and marks it
 * for a forced password change when the password has expired. Runs in the sign-in request itself (form sign-in);
 * {@link SessionRulesFilter} catches up on the first request of a session signed in any other way.
 */
@Component("sessionSignIns")
class SignIns {

    private final SessionSettings settings;
    private final Passwords passwords;
    private final AuditLog audit;
    private final Clock clock;

    SignIns(SessionSettings settings, Passwords passwords, AuditLog audit, Clock clock) {
        this.settings = settings;
        this.passwords = passwords;
        this.audit = audit;
        this.clock = clock;
    }

    @EventListener
    void on(InteractiveAuthenticationSuccessEvent event) {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            HttpServletRequest request = attributes.getRequest();
            record(event.getAuthentication().getName(), request.getSession(), request);
        }
    }

    void record(String username, HttpSession session, HttpServletRequest request) {
        session.setAttribute(SpringUserSessions.SIGNED_IN_AT, clock.millis());
        session.setAttribute(SpringUserSessions.DEVICE, Devices.describe(request.getHeader("User-Agent")));
        session.setAttribute(SpringUserSessions.CLIENT_IP, request.getRemoteAddr());
        session.setMaxInactiveInterval((int) settings.idleTimeout().toSeconds());
        if (passwords.expired(username)) {
            session.setAttribute(SessionRulesFilter.MUST_CHANGE_PASSWORD, Boolean.TRUE);
            audit.record(AuditEvent.of(username, request.getRemoteAddr(), "password.change_forced", "user:" + username,
                    Outcome.SUCCESS, Map.of("reason", "password older than the maximum age")));
        }
    }
}
