package dev.holdfast.platform.identity.oidc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.holdfast.platform.identity.UserManagement;
import dev.holdfast.platform.testing.DatabaseTest;
import dev.holdfast.platform.testing.TestDatabase;
import dev.holdfast.platform.testing.TestNode;
import dev.holdfast.platform.testing.WebSession;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import org.springframework.security.oauth2.client.authentication.OAuth2LoginAuthenticationToken;
import org.springframework.security.oauth2.client.endpoint.RestClientAuthorizationCodeTokenResponseClient;
import org.springframework.security.oauth2.client.oidc.authentication.OidcAuthorizationCodeAuthenticationProvider;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationExchange;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationResponse;
import org.springframework.security.oauth2.core.endpoint.PkceParameterNames;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/**
 * Spring Security's own OAuth2 client (the code behind {@code oauth2Login()}: discovery, token exchange, ID token
 * checks against the JWK Set, userinfo) signs in against a running Holdfast; the browser part is a plain session.
 */
class SpringOAuth2ClientEndToEndTests {

    private static final String PASSWORD = "correct horse battery staple";

    @DatabaseTest
    void springSecuritysClientSignsInThroughHoldfast(TestDatabase db) throws Exception {
        try (TestNode node = db.startNode()) {
            WebSession browser = node.session().setUp("admin", PASSWORD);
            String secret = new OidcTestClient(node).register("spring", Set.of("authorization_code", "refresh_token"), false,
                    Set.of(), null).secret();
            ClientRegistration registration = ClientRegistrations
                    .fromIssuerLocation(node.uri("").toString().replaceAll("/$", ""))
                    .registrationId("holdfast").clientId("spring").clientSecret(secret)
                    .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                    .redirectUri(OidcTestClient.REDIRECT).scope("openid", "profile", "email").build();
            var provider = new OidcAuthorizationCodeAuthenticationProvider(
                    new RestClientAuthorizationCodeTokenResponseClient(), new OidcUserService());

            OAuth2AuthorizationRequest request = authorizationRequest(registration, "nonce-1", "a");
            var signedIn = (OAuth2LoginAuthenticationToken) provider.authenticate(
                    new OAuth2LoginAuthenticationToken(registration, exchange(browser, request)));

            OidcUser user = (OidcUser) signedIn.getPrincipal();
            assertThat(user.getSubject()).isEqualTo(node.bean(UserManagement.class).findByUsername("admin").orElseThrow().id().toString());
            assertThat(user.getPreferredUsername()).isEqualTo("admin");
            assertThat(signedIn.getRefreshToken()).isNotNull();

            OAuth2AuthorizationRequest replay = authorizationRequest(registration, "nonce-2", "b");
            var exchange = exchange(browser, replay);
            var tampered = new OAuth2AuthorizationExchange(authorizationRequest(registration, "nonce-2", "c"), exchange.getAuthorizationResponse());
            assertThatThrownBy(() -> provider.authenticate(new OAuth2LoginAuthenticationToken(registration, tampered)))
                    .as("a PKCE verifier that does not match the code").isInstanceOf(OAuth2AuthenticationException.class)
                    .extracting(e -> ((OAuth2AuthenticationException) e).getError().getErrorCode()).isEqualTo("invalid_grant");
        }
    }

    private static OAuth2AuthorizationExchange exchange(WebSession browser, OAuth2AuthorizationRequest request) {
        String location = browser.get(request.getAuthorizationRequestUri()).headers().firstValue("Location").orElse("");
        assertThat(location).startsWith(OidcTestClient.REDIRECT + "?code=");
        var response = OAuth2AuthorizationResponse.success(OidcTestClient.parameter(location, "code"))
                .redirectUri(OidcTestClient.REDIRECT).state(OidcTestClient.parameter(location, "state")).build();
        return new OAuth2AuthorizationExchange(request, response);
    }

    /** What Spring's authorization request resolver builds for an OIDC client with PKCE. */
    private static OAuth2AuthorizationRequest authorizationRequest(ClientRegistration registration, String nonce, String seed)
            throws Exception {
        String verifier = (nonce + "-verifier-" + seed).repeat(6);
        return OAuth2AuthorizationRequest.authorizationCode()
                .authorizationUri(registration.getProviderDetails().getAuthorizationUri())
                .clientId(registration.getClientId()).redirectUri(registration.getRedirectUri())
                .scopes(registration.getScopes()).state("state-" + nonce)
                .attributes(attributes -> attributes.putAll(Map.of(OAuth2ParameterNamesHolder.REGISTRATION_ID,
                        registration.getRegistrationId(), PkceParameterNames.CODE_VERIFIER, verifier, OidcParameterNames.NONCE, nonce)))
                .additionalParameters(Map.of(PkceParameterNames.CODE_CHALLENGE, sha256(verifier),
                        PkceParameterNames.CODE_CHALLENGE_METHOD, "S256", OidcParameterNames.NONCE, sha256(nonce)))
                .build();
    }

    private static String sha256(String value) throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.US_ASCII));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    }

    private static final class OAuth2ParameterNamesHolder {
        static final String REGISTRATION_ID = "registration_id";
    }
}
