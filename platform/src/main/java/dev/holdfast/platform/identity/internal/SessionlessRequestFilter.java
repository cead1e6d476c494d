package dev.holdfast.platform.identity.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import org.jspecify.annotations.Nullable;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Hides the session from requests that need none: static assets and the live password check
 * ({@link PasswordCheckRoute}). Spring MVC looks at the session on every request (flash maps, request events),
 * which makes Spring Session load it and write it back under the id it was loaded with; such a request running
 * alongside a sign-in (which renews the session id) would restore the old id and sign the person out again. It
 * also saves a session write per asset. Sits between Spring Session's filter and the security chain.
 */
class SessionlessRequestFilter extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        chain.doFilter(new HttpServletRequestWrapper(request) {
            @Override
            public @Nullable HttpSession getSession(boolean create) {
                return null;
            }

            @Override
            public @Nullable HttpSession getSession() {
                return null;
            }
        }, response);
    }
}
