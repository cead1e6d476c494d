package dev.holdfast.platform.identity.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AccessTokenAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.web.authentication.OAuth2AccessTokenResponseAuthenticationSuccessHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The token response Holdfast streams says what Spring's own handler says (RFC 6749 §5.1). */
class TokenResponsesUnitTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void refreshGrantAnswersAsSpringsHandlerDoes() throws Exception {
        Instant issued = Instant.now();
        var access = new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, "eyJ.access.\"quoted\"", issued,
                issued.plusSeconds(300), new LinkedHashSet<>(List.of("openid", "profile", "email")));
        var issuedTokens = new OAuth2AccessTokenAuthenticationToken(client(), clientAuthentication(), access,
                new OAuth2RefreshToken("refresh-value", issued, issued.plusSeconds(86_400)), Map.of("id_token", "eyJ.id.token"));

        Map<String, Object> ours = answer(new TokenResponses(), issuedTokens);
        Map<String, Object> springs = answer(new OAuth2AccessTokenResponseAuthenticationSuccessHandler(), issuedTokens);

        assertThat(ours).containsOnlyKeys(springs.keySet())
                .containsEntry("access_token", "eyJ.access.\"quoted\"").containsEntry("token_type", "Bearer")
                .containsEntry("scope", "openid profile email").containsEntry("refresh_token", "refresh-value")
                .containsEntry("id_token", "eyJ.id.token").containsEntry("expires_in", 300);
        ours.remove("expires_in");
        assertThat(((Number) springs.remove("expires_in")).longValue()).as("Spring counts from now").isBetween(298L, 300L);
        assertThat(ours).isEqualTo(springs);
    }

    @Test
    void clientCredentialsGrantHasNoRefreshTokenAndNoEmptyScope() throws Exception {
        Instant issued = Instant.now();
        var access = new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, "eyJ.cc", issued, issued.plusSeconds(60), Set.of());
        var issuedTokens = new OAuth2AccessTokenAuthenticationToken(client(), clientAuthentication(), access);

        Map<String, Object> ours = answer(new TokenResponses(), issuedTokens);

        assertThat(ours).containsOnlyKeys(answer(new OAuth2AccessTokenResponseAuthenticationSuccessHandler(), issuedTokens).keySet())
                .containsOnlyKeys("access_token", "token_type", "expires_in");
    }

    private static Map<String, Object> answer(AuthenticationSuccessHandler handler, OAuth2AccessTokenAuthenticationToken tokens)
            throws Exception {
        var response = new MockHttpServletResponse();
        handler.onAuthenticationSuccess(new MockHttpServletRequest("POST", "/oauth2/token"), response, tokens);
        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getContentType()).startsWith("application/json");
        return JSON.readValue(response.getContentAsByteArray(), new TypeReference<Map<String, Object>>() {});
    }

    private static RegisteredClient client() {
        return RegisteredClient.withId("id-1").clientId("app").clientSecret("hash")
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
                .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS).build();
    }

    private static OAuth2ClientAuthenticationToken clientAuthentication() {
        return new OAuth2ClientAuthenticationToken(client(), ClientAuthenticationMethod.CLIENT_SECRET_BASIC, "hash");
    }
}
