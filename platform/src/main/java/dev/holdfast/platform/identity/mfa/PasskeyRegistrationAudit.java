package dev.holdfast.platform.identity.mfa;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Around Spring Security's passkey registration ({@code POST /webauthn/register}): audits a registered passkey
 * and counts it as passed for the sign-in that registered it, like every other enrolment.
 */
final class PasskeyRegistrationAudit extends OncePerRequestFilter {

    private final SecondFactors factors;
    private final SignIns signIns;
    private final MfaAudit audit;

    PasskeyRegistrationAudit(SecondFactors factors, SignIns signIns, MfaAudit audit) {
        this.factors = factors;
        this.signIns = signIns;
        this.audit = audit;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod()) || !"/webauthn/register".equals(request.getServletPath());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication who = SecurityContextHolder.getContext().getAuthentication();
        chain.doFilter(request, response);
        if (who != null && response.getStatus() == 200) {
            factors.user(who).ifPresent(user -> {
                audit.success(user, request, "mfa.enrolled", Factor.PASSKEY);
                signIns.addFactor(who, Factor.PASSKEY, request, response, false);
            });
        }
    }
}
