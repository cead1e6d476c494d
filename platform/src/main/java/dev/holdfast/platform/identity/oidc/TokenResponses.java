package dev.holdfast.platform.identity.oidc;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AccessTokenAuthenticationToken;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

/**
 * The token endpoint's successful answer (RFC 6749 §5.1): the same members as Spring's
 * {@code OAuth2AccessTokenResponseAuthenticationSuccessHandler} writes ({@code access_token}, {@code token_type},
 * {@code expires_in}, {@code scope} when there is one, {@code refresh_token}, then the additional parameters such as
 * {@code id_token}), streamed by one Jackson generator into a buffer and sent with its length. Spring's handler
 * builds a response object, a map of it, and then looks for a message converter and its media type, which was
 * about 8 % of a client-credentials grant's request-thread CPU. The security filters' headers
 * ({@code Cache-Control: no-store}) are set before this runs, as for Spring's handler. Thread-safe, stateless.
 */
final class TokenResponses implements AuthenticationSuccessHandler {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Override
    public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response, Authentication authentication)
            throws IOException {
        if (!(authentication instanceof OAuth2AccessTokenAuthenticationToken issued)) {
            throw new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.SERVER_ERROR,
                    "Unable to process the access token response.", null));
        }
        byte[] body = body(issued.getAccessToken(), issued.getRefreshToken(), issued.getAdditionalParameters());
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType("application/json");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    static byte[] body(OAuth2AccessToken access, @Nullable OAuth2RefreshToken refresh, Map<String, Object> additional) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(2048);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringProperty(OAuth2ParameterNames.ACCESS_TOKEN, access.getTokenValue());
            json.writeStringProperty(OAuth2ParameterNames.TOKEN_TYPE, access.getTokenType().getValue());
            if (access.getIssuedAt() != null && access.getExpiresAt() != null) {
                json.writeNumberProperty(OAuth2ParameterNames.EXPIRES_IN,
                        Duration.between(access.getIssuedAt(), access.getExpiresAt()).toSeconds());
            }
            if (!access.getScopes().isEmpty()) {
                json.writeStringProperty(OAuth2ParameterNames.SCOPE, String.join(" ", access.getScopes()));
            }
            if (refresh != null) {
                json.writeStringProperty(OAuth2ParameterNames.REFRESH_TOKEN, refresh.getTokenValue());
            }
            for (Map.Entry<String, Object> parameter : additional.entrySet()) {
                json.writeName(parameter.getKey());
                json.writePOJO(parameter.getValue());
            }
            json.writeEndObject();
        }
        return out.toByteArray();
    }
}
