package dev.holdfast.platform.identity.mfa;

import java.net.URI;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.ExceptionHandlingConfigurer;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.access.intercept.AuthorizationFilter;

/**
 * What the security filter chain needs from the second factors: passkeys (Spring Security's WebAuthn, relying
 * party id = the host of {@code HOLDFAST_BASE_URL}, its origin the only one allowed), the redirect to the factor
 * step when a factor is missing, and the rule for enrolment endpoints.
 */
public final class SecondFactorSecurity {

    /** Where a sign-in that still needs a second factor is sent. */
    public static final String FACTOR_PAGE = "/login/second-factor";

    private final SecondFactorAuthorization authorization;
    private final MfaSettings settings;
    private final URI base;
    private final PasskeyAudit registrationAudit;
    private final PasskeyAudit signInAudit;
    private final NodeLocalCreationOptions creationOptions;

    SecondFactorSecurity(SecondFactorAuthorization authorization, MfaSettings settings, URI base,
            PasskeyAudit registrationAudit, PasskeyAudit signInAudit, NodeLocalCreationOptions creationOptions) {
        this.registrationAudit = registrationAudit;
        this.signInAudit = signInAudit;
        this.creationOptions = creationOptions;
        this.authorization = authorization;
        this.settings = settings;
        this.base = base;
    }

    /** Paths anyone may reach: the sign-in steps (their controllers check who is there) and passkey sign-in. */
    public String[] publicPaths() {
        return new String[] {"/login/**", "/webauthn/authenticate/options"};
    }

    /** Paths that enrol a factor; guard them with {@link #enrolment()}. */
    public String[] enrolmentPaths() {
        return new String[] {"/webauthn/register/options", "/webauthn/register"};
    }

    public AuthorizationManager<Object> enrolment() {
        return authorization.enrolment();
    }

    public void configure(HttpSecurity http) throws Exception {
        String origin = base.getScheme() + "://" + base.getHost() + (base.getPort() > 0 ? ":" + base.getPort() : "");
        http.webAuthn(webAuthn -> webAuthn.rpName(settings.rpName()).rpId(base.getHost()).allowedOrigins(origin)
                .disableDefaultRegistrationPage(true)
                .creationOptionsRepository(creationOptions));
        // right after authorization, like the registration filter itself, and added first, so it runs just before it
        http.addFilterAfter(registrationAudit, AuthorizationFilter.class);
        // before the sign-in filters (the passkey one comes after the form one), so it sees the passkey answer
        http.addFilterBefore(signInAudit, UsernamePasswordAuthenticationFilter.class);
        http.exceptionHandling(this::sendToFactorStep);
    }

    /**
     * A signed-in user refused only for a missing second factor is sent to the factor step (the request is kept, so
     * that the sign-in continues there afterwards). Every chain that serves people needs this, the authorization
     * server's included.
     */
    public void sendToFactorStep(ExceptionHandlingConfigurer<HttpSecurity> exceptions) {
        exceptions.defaultDeniedHandlerForMissingAuthority(new LoginUrlAuthenticationEntryPoint(FACTOR_PAGE),
                Factor.SECOND_FACTOR_AUTHORITY);
    }
}
