package dev.holdfast.platform.identity.internal;

import java.util.List;
import org.springframework.context.ApplicationEventPublisher;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.time.Clock;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The rules of a signed-in session, checked on every request on every node: it ends a session older than the
 * absolute timeout (the idle timeout is the session store's own expiry), and while the password has expired it
 * sends every page to the change-password page. A session signed in without {@link SignIns} seeing it (first-run
 * setup, invitation) is recorded on its first request.
 */
class SessionRulesFilter extends OncePerRequestFilter {

    static final String MUST_CHANGE_PASSWORD = "holdfast.mustChangePassword";
    static final String CHANGE_PASSWORD_PATH = "/account/password";

    private final SessionSettings settings;
    private final SignIns signIns;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    SessionRulesFilter(SessionSettings settings, SignIns signIns, Clock clock, ApplicationEventPublisher events) {
        this.events = events;
        this.settings = settings;
        this.signIns = signIns;
        this.clock = clock;
    }

    /**
     * Static assets and the live password check need no rules, and must not even load the session: Spring Session
     * writes a loaded session back with the id it was loaded under, so a request running alongside a sign-in
     * (which renews the id) would put the old id back and sign the person out.
     */
    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getServletPath();
        return path.startsWith("/css/") || path.startsWith("/js/")
                || path.startsWith("/webjars/") || path.equals("/favicon.svg") || path.equals(PasswordCheckRoute.PATH);
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
            signIns.record(who.getName(), session, request);
        } else if (clock.millis() - signedInAt >= settings.absoluteTimeout().toMillis()) {
            String id = session.getId();
            session.invalidate();
            events.publishEvent(new SessionsEnded(who.getName(), List.of(id)));
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

    private static boolean allowedWhileChangeIsDue(String path) {
        return path.equals(CHANGE_PASSWORD_PATH) || path.equals(PasswordCheckRoute.PATH) || path.equals("/logout")
                || path.equals("/error");
    }
}
