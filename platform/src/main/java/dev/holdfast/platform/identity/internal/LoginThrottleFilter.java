package dev.holdfast.platform.identity.internal;

import dev.holdfast.platform.identity.AuditEvent;
import dev.holdfast.platform.identity.AuditEvent.Outcome;
import dev.holdfast.platform.identity.AuditLog;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Brute-force defence in front of the sign-in and setup forms (and, by address, the second-factor and passkey steps): a per-address rate limit (429), delays that grow
 * with the failures of the account and of the address, and refusal of locked accounts with the very answer a
 * wrong password gets (so a lockout tells an attacker nothing, not even by timing).
 */
class LoginThrottleFilter extends OncePerRequestFilter {

    private static final String DUMMY_PASSWORD = "timing-equaliser";
    /** Every form that checks a secret or sends mail: sign-in, setup, password reset, invitation, password change. */
    private static final java.util.Set<String> THROTTLED = java.util.Set.of("/login", "/setup", "/login/forgot",
            "/login/reset", "/invitation", "/account/password");

    private final LoginFailures failures;
    private final IdentitySettings.BruteForce settings;
    private final AuditLog audit;
    private final PasswordEncoder passwords;
    private final Clock clock;
    private final String dummyHash;
    private final Map<String, ArrayDeque<Long>> recent = new ConcurrentHashMap<>();

    LoginThrottleFilter(LoginFailures failures, IdentitySettings settings, AuditLog audit, PasswordEncoder passwords, Clock clock) {
        this.failures = failures;
        this.settings = settings.bruteForce();
        this.audit = audit;
        this.passwords = passwords;
        this.clock = clock;
        this.dummyHash = passwords.encode(DUMMY_PASSWORD);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getServletPath();
        return !settings.enabled() || !"POST".equals(request.getMethod())
                || !(THROTTLED.contains(path) || path.startsWith("/login/second-factor") || "/login/webauthn".equals(path)
                        || "/login/identify".equals(path));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String ip = request.getRemoteAddr();
        if (!admit(ip)) {
            response.setHeader("Retry-After", "60");
            response.sendError(429, "Too many attempts from this address; wait a minute.");
            return;
        }
        if ("/login".equals(request.getServletPath())) {
            String username = request.getParameter("username");
            int known = Math.max(username == null ? 0 : failures.failures(LoginFailures.account(username)),
                    failures.failures(LoginFailures.address(ip)));
            pause(settings.delayFor(known));
            if (username != null && failures.lockedUntil(username).isPresent()) {
                passwords.matches(String.valueOf(request.getParameter("password")), dummyHash);
                audit.record(AuditEvent.of(username, ip, "login.failed", "user:" + username, Outcome.DENIED,
                        Map.of("method", "password", "reason", "account temporarily locked")));
                response.sendRedirect(request.getContextPath() + "/login?error");
                return;
            }
        }
        chain.doFilter(request, response);
    }

    /** A sliding one-minute window per address: admitted while fewer than the limit came in the last minute. */
    private boolean admit(String ip) {
        long now = clock.millis();
        boolean[] admitted = new boolean[1];
        recent.compute(ip, (key, times) -> {
            ArrayDeque<Long> window = times == null ? new ArrayDeque<>() : times;
            while (!window.isEmpty() && window.peekFirst() <= now - 60_000) {
                window.pollFirst();
            }
            admitted[0] = window.size() < settings.attemptsPerMinute();
            if (admitted[0]) {
                window.addLast(now);
            }
            return window;
        });
        if (recent.size() > 10_000) {
            recent.values().removeIf(window -> window.isEmpty() || window.peekLast() <= now - 60_000);
        }
        return admitted[0];
    }

    private static void pause(Duration delay) {
        if (delay.isZero()) {
            return;
        }
        try {
            Thread.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
