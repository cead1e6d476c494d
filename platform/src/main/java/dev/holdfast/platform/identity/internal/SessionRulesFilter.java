package dev.holdfast.platform.identity.internal;

import dev.holdfast.platform.identity.AuditEvent;
import dev.holdfast.platform.identity.AuditEvent.Outcome;
import dev.holdfast.platform.identity.AuditLog;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.time.Clock;
import java.util.Map;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The rules of a signed-in session, checked on every request on every node: on the first request after any
 * sign-in it notes when, from where and on what device, and sets the idle timeout; it ends a session older than the
 * absolute timeout (the idle timeout is the session store's own expiry); and while the password has expired it
 * sends every page to the change-password page.
 */
class SessionRulesFilter extends OncePerRequestFilter {

    static final String MUST_CHANGE_PASSWORD = "holdfast.mustChangePassword";
    static final String CHANGE_PASSWORD_PATH = "/account/password";

    private final SessionSettings settings;
    private final Passwords passwords;
    private final AuditLog audit;
    private final Clock clock;

    SessionRulesFilter(SessionSettings settings, Passwords passwords, AuditLog audit, Clock clock) {
        this.settings = settings;
        this.passwords = passwords;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication who = SecurityContextHolder.getContext().getAuthentication();
        HttpSession session = request.getSession(false);
        if (who == null || !who.isAuthenticated() || who instanceof AnonymousAuthenticationToken || session == null) {
            chain.doFilter(request, response);
            return;
        }
        Long signedInAt = (Long) session.getAttribute(SpringUserSessions.SIGNED_IN_AT);
        if (signedInAt == null) {
            signedIn(who.getName(), session, request);
        } else if (clock.millis() - signedInAt >= settings.absoluteTimeout().toMillis()) {
            session.invalidate();
            SecurityContextHolder.clearContext();
            response.sendRedirect(request.getContextPath() + "/login?expired");
            return;
        }
        if (session.getAttribute(MUST_CHANGE_PASSWORD) != null && !allowedWhileChangeIsDue(request.getServletPath())) {
            response.sendRedirect(request.getContextPath() + CHANGE_PASSWORD_PATH);
            return;
        }
        chain.doFilter(request, response);
    }

    private void signedIn(String username, HttpSession session, HttpServletRequest request) {
        session.setAttribute(SpringUserSessions.SIGNED_IN_AT, clock.millis());
        session.setAttribute(SpringUserSessions.DEVICE, Devices.describe(request.getHeader("User-Agent")));
        session.setAttribute(SpringUserSessions.CLIENT_IP, request.getRemoteAddr());
        session.setMaxInactiveInterval((int) settings.idleTimeout().toSeconds());
        if (passwords.expired(username)) {
            session.setAttribute(MUST_CHANGE_PASSWORD, Boolean.TRUE);
            audit.record(AuditEvent.of(username, request.getRemoteAddr(), "password.change_forced", "user:" + username,
                    Outcome.SUCCESS, Map.of("reason", "password older than the maximum age")));
        }
    }

    private static boolean allowedWhileChangeIsDue(String path) {
        return path.equals(CHANGE_PASSWORD_PATH) || path.equals("/password/check") || path.equals("/logout") || path.equals("/error")
                || path.startsWith("/css/") || path.startsWith("/js/") || path.startsWith("/webjars/")
                || path.equals("/favicon.svg");
    }
}
