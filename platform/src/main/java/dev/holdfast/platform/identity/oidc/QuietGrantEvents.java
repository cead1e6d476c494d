package dev.holdfast.platform.identity.oidc;

import org.springframework.security.authentication.AuthenticationEventPublisher;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AccessTokenAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;

/**
 * The provider endpoints' authentication events: everything as usual, except the two successes of every token
 * request (the client authenticated, the token issued). No listener keeps them (the audit records people signing in,
 * authorizations, consents and logouts; a successful grant is counted in the metrics), yet delivering them to every
 * listener cost a tenth of a client-credentials grant (the CRM's listener looked up a user named like the client on
 * each one). Failures are all published.
 */
final class QuietGrantEvents implements AuthenticationEventPublisher {

    private final AuthenticationEventPublisher events;

    QuietGrantEvents(AuthenticationEventPublisher events) {
        this.events = events;
    }

    @Override
    public void publishAuthenticationSuccess(Authentication authentication) {
        if (authentication instanceof OAuth2ClientAuthenticationToken || authentication instanceof OAuth2AccessTokenAuthenticationToken) {
            return;
        }
        events.publishAuthenticationSuccess(authentication);
    }

    @Override
    public void publishAuthenticationFailure(AuthenticationException exception, Authentication authentication) {
        events.publishAuthenticationFailure(exception, authentication);
    }
}
