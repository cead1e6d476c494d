package dev.holdfast.platform.identity.oidc;

import dev.holdfast.platform.shared.jobs.Jobs;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Notices a Holdfast session ending through sign-out ({@code /logout}) or RP-initiated logout ({@code /connect/logout})
 * and hands it to {@link BackChannelLogout}, then revokes the tokens issued in it ({@link HashedAuthorizations#revokeSession}). Runs inside Spring Session's filter and around Spring Security's, so it
 * sees the session id before and whether the session is gone after. Never fails a sign-out.
 */
class SessionEndFilter extends OncePerRequestFilter {

    private static final Logger LOG = LoggerFactory.getLogger(SessionEndFilter.class);
    private static final Set<String> PATHS = Set.of("/logout", "/connect/logout");

    private final BackChannelLogout logout;
    private final Jobs jobs;

    private final HashedAuthorizations authorizations;

    SessionEndFilter(BackChannelLogout logout, Jobs jobs, HashedAuthorizations authorizations) {
        this.authorizations = authorizations;
        this.logout = logout;
        this.jobs = jobs;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !PATHS.contains(request.getRequestURI().substring(request.getContextPath().length()));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        HttpSession before = request.getSession(false);
        String sessionId = before == null ? null : before.getId();
        String username = before == null ? null : username(before);
        chain.doFilter(request, response);
        HttpSession after = request.getSession(false);
        if (sessionId != null && username != null && (after == null || !after.getId().equals(sessionId))) {
            try {
                logout.sessionEnded(jobs, username, sessionId);
            } catch (RuntimeException e) {
                LOG.warn("could not schedule back-channel logout for a session of {}", username, e);
            }
            try {
                authorizations.revokeSession(username, sessionId);
            } catch (RuntimeException e) {
                LOG.warn("could not revoke the tokens issued in a signed-out session of {}", username, e);
            }
        }
    }

    private static @Nullable String username(HttpSession session) {
        try {
            return session.getAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY) instanceof SecurityContext context
                    && context.getAuthentication() != null ? context.getAuthentication().getName() : null;
        } catch (IllegalStateException invalidated) {
            return null;
        }
    }
}
