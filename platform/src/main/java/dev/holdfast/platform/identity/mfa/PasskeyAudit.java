package dev.holdfast.platform.identity.mfa;

import dev.holdfast.platform.identity.AuditEvent;
import dev.holdfast.platform.identity.AuditEvent.Outcome;
import dev.holdfast.platform.identity.AuditLog;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Around Spring Security's passkey endpoints, which publish no events in 7.0: audits a registered passkey (and
 * counts it as passed for the sign-in that registered it, like every other enrolment) and every passkey sign-in,
 * successful or not, whole or as a second factor.
 */
final class PasskeyAudit extends OncePerRequestFilter {

    static final String REGISTER = "/webauthn/register";
    static final String SIGN_IN = "/login/webauthn";

    private final String path;

    private final SecondFactors factors;
    private final SignIns signIns;
    private final MfaAudit audit;
    private final AuditLog log;

    /** Watches {@code path}: {@link #REGISTER} or {@link #SIGN_IN} (one instance each, placed around its filter). */
    PasskeyAudit(String path, SecondFactors factors, SignIns signIns, MfaAudit audit, AuditLog log) {
        this.path = path;
        this.factors = factors;
        this.signIns = signIns;
        this.audit = audit;
        this.log = log;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod()) || !path.equals(request.getServletPath());
    }

    @Override
    protected String getAlreadyFilteredAttributeName() {
        return PasskeyAudit.class.getName() + path;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        @Nullable Authentication before = SecurityContextHolder.getContext().getAuthentication();
        chain.doFilter(request, response);
        if (REGISTER.equals(request.getServletPath())) {
            registered(before, request, response);
        } else {
            signedIn(before, SecurityContextHolder.getContext().getAuthentication(), request, response);
        }
    }

    private void registered(@Nullable Authentication who, HttpServletRequest request, HttpServletResponse response) {
        if (who != null && response.getStatus() == 200) {
            factors.user(who).ifPresent(user -> {
                audit.success(user, request, "mfa.enrolled", Factor.PASSKEY);
                signIns.addFactor(who, Factor.PASSKEY, request, response, false);
            });
        }
    }

    private void signedIn(@Nullable Authentication before, @Nullable Authentication after, HttpServletRequest request,
            HttpServletResponse response) {
        if (response.getStatus() != 200 || after == null || after == before) {
            String actor = before == null ? null : before.getName();
            log.record(AuditEvent.of(actor, request.getRemoteAddr(), "login.failed", actor == null ? null : "user:" + actor,
                    Outcome.FAILURE, Map.of("method", "passkey", "reason", "passkey not accepted")));
            return;
        }
        factors.user(after).ifPresent(user -> {
            if (before != null && before.isAuthenticated() && before.getName().equals(after.getName())) {
                audit.signedIn(user, request, Factor.PASSKEY);
            } else {
                audit.record(user, request, "login.succeeded", Outcome.SUCCESS, Map.of("method", "passkey"));
            }
        });
    }
}
