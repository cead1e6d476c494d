package dev.holdfast.platform.identity.mfa;

import java.util.List;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.AuthenticationTrustResolverImpl;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.authorization.FactorAuthorizationDecision;
import org.springframework.security.authorization.RequiredFactor;
import org.springframework.security.authorization.RequiredFactorError;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.FactorGrantedAuthority;

/**
 * The rule Spring Security adds to every authorization rule ({@code DefaultAuthorizationManagerFactory}'s additional
 * authorization): a signed-in user who needs a second factor has passed one. When not, the answer names the
 * missing {@code FACTOR_SECOND} authority, which the access-denied handler turns into a redirect to the factor step.
 */
final class SecondFactorAuthorization implements AuthorizationManager<Object> {

    private static final AuthorizationDecision GRANTED = new AuthorizationDecision(true);
    private static final FactorAuthorizationDecision MISSING = new FactorAuthorizationDecision(List.of(
            RequiredFactorError.createMissing(RequiredFactor.withAuthority(Factor.SECOND_FACTOR_AUTHORITY).build())));

    private final SecondFactors factors;
    private final AuthenticationTrustResolverImpl trust = new AuthenticationTrustResolverImpl();

    SecondFactorAuthorization(SecondFactors factors) {
        this.factors = factors;
    }

    @Override
    public AuthorizationResult authorize(Supplier<? extends @Nullable Authentication> authentication, Object object) {
        Authentication who = authentication.get();
        if (who == null || !trust.isAuthenticated(who) || SecondFactors.passed(who)) {
            return GRANTED; // whether anonymous people get in is the other rule's business
        }
        if (presentedPerRequest(who)) {
            // an API token, key, HMAC signature or OIDC access token: issued to a service account, or to a person by
            // the provider after its own sign-in rules (second factor included) held; the factor step is for
            // interactive sign-ins, and asking the directory here cost 4-6 queries per API call (bench/crm)
            return GRANTED;
        }
        return factors.pending(who) ? MISSING : GRANTED;
    }

    private static boolean presentedPerRequest(Authentication who) {
        for (var authority : who.getAuthorities()) {
            if (FactorGrantedAuthority.BEARER_AUTHORITY.equals(authority.getAuthority())) {
                return true;
            }
        }
        return false;
    }

    /**
     * For enrolment endpoints (passkey registration, the enrolment page): a full sign-in, or a password sign-in of a
     * user who has no factor yet (whom the policy sends to enrol). A user with a factor must pass it first, so a
     * stolen password cannot add a passkey.
     */
    AuthorizationManager<Object> enrolment() {
        return (authentication, object) -> {
            Authentication who = authentication.get();
            if (who == null || !trust.isAuthenticated(who)) {
                return new AuthorizationDecision(false);
            }
            if (SecondFactors.passed(who)) {
                return GRANTED;
            }
            return new AuthorizationDecision(factors.user(who).map(user -> !factors.anyEnrolled(user)).orElse(false));
        };
    }
}
