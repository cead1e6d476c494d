package dev.holdfast.platform.crm.access;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import dev.holdfast.platform.identity.ApiCredentials;
import dev.holdfast.platform.shared.web.ApiProblems;
import dev.holdfast.platform.shared.web.CredentialFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.web.authentication.AuthenticationFilter;
import org.springframework.stereotype.Component;

/**
 * The machine credentials the CRM's APIs accept besides a browser session (stateless: no session, no CSRF):
 * <ul>
 *   <li>{@code X-Api-Key: <service account token>} (identity's {@link ApiCredentials});</li>
 *   <li>{@code Authorization: Bearer <token>}: a service account token ({@code hf_...}), or an access token issued by
 *   Holdfast's own OIDC provider, checked in-process with Spring Security's {@link NimbusJwtDecoder} against the
 *   provider's published keys (signature, {@code exp}/{@code nbf}, {@code iss} = the provider's issuer, {@code aud}
 *   present and, with {@code HOLDFAST_CRM_API_TOKEN_AUDIENCES}, one of those). A user's token acts as that user; a
 *   client-credentials token acts as the enabled service account whose username is the application's client id
 *   (no such account: 401). ID tokens ({@code azp}) are not access tokens and are refused;</li>
 *   <li>EspoCRM's {@code X-Hmac-Authorization: base64(apiKey ':' hex(HMAC-SHA256(METHOD ' /' path, secretKey)))},
 *   path being the request path after the API's base ({@code /api/v1}), without the query, as EspoCRM's
 *   {@code Hmac} login computes it over {@code getResourcePath()}; the token must have been issued with the HMAC
 *   method (it then works only signed).</li>
 * </ul>
 * Each refusal is a 401 problem detail naming the credential, never what exactly was wrong with it.
 */
@Component
public final class ApiAuthentication {

    public static final String API_KEY = "X-Api-Key";
    public static final String HMAC = "X-Hmac-Authorization";
    private static final String BEARER = "Bearer ";

    private final ApiCredentials credentials;
    private final JwtDecoder decoder;
    /** Access tokens whose signature and claims were checked, by value (see {@link #decoded}). */
    private final Map<String, Jwt> verified = new ConcurrentHashMap<>();
    /** At most this many verified tokens are kept; past it the map starts afresh. */
    static final int VERIFIED_KEPT = 10_000;
    /** The leeway Spring's default validators give {@code exp} and {@code nbf}. */
    private static final java.time.Duration CLOCK_SKEW = java.time.Duration.ofSeconds(60);
    private final @Nullable String issuer;

    ApiAuthentication(ApiCredentials credentials, JWKSource<SecurityContext> jwkSource,
            AuthorizationServerSettings provider, @Value("${holdfast.crm.api.token-audiences:}") List<String> audiences) {
        this.credentials = credentials;
        this.issuer = provider.getIssuer();
        Set<String> allowed = Set.copyOf(audiences.stream().map(String::strip).filter(s -> !s.isEmpty()).toList());
        // the provider signs access tokens ES256 (RS256 when so set) and ID tokens RS256: accept both, as it publishes both
        NimbusJwtDecoder nimbus = NimbusJwtDecoder.withJwkSource(jwkSource)
                .jwsAlgorithm(org.springframework.security.oauth2.jose.jws.SignatureAlgorithm.ES256)
                .jwsAlgorithm(org.springframework.security.oauth2.jose.jws.SignatureAlgorithm.RS256).build();
        nimbus.setJwtValidator(new DelegatingOAuth2TokenValidator<>(JwtValidators.createDefault(), jwt -> {
            List<String> aud = jwt.getAudience();
            boolean ok = aud != null && !aud.isEmpty() && (allowed.isEmpty() || aud.stream().anyMatch(allowed::contains));
            return ok ? OAuth2TokenValidatorResult.success()
                    : OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", "audience not accepted", null));
        }));
        this.decoder = nimbus;
    }

    /** Whether the request carries a machine credential (then no session and no CSRF token are involved). */
    public static boolean stateless(HttpServletRequest request) {
        String authorization = request.getHeader("Authorization");
        return request.getHeader(API_KEY) != null || request.getHeader(HMAC) != null
                || (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length()));
    }

    /**
     * The machine credentials of one API: a filter that authenticates requests carrying one and leaves others alone.
     *
     * @param apiBase the API's path prefix after the context path, e.g. {@code /api/v1}, for the HMAC string
     * @param hmac whether {@code X-Hmac-Authorization} is accepted
     */
    public CredentialFilter<Credential> credentials(String apiBase, boolean hmac) {
        return CredentialFilter.of(request -> read(request, apiBase, hmac), credential -> (switch (credential.kind()) {
            case KEY -> credentials.authenticate(credential.value());
            case TOKEN -> credential.value().startsWith("hf_") ? credentials.authenticate(credential.value())
                    : bearer(credential.value(), credential.issuer());
            case SIGNED -> signed(credential.value(), credential.message());
        }), ApiAuthentication::refusal);
    }

    /** {@link #credentials}' filter, for a chain that adds it itself. */
    public AuthenticationFilter filter(String apiBase, boolean hmac) {
        return credentials(apiBase, hmac).filter();
    }

    private @Nullable Credential read(HttpServletRequest request, String apiBase, boolean hmac) {
        if (request.getHeader(API_KEY) != null) {
            return new Credential(Kind.KEY, request.getHeader(API_KEY).strip(), null, "");
        }
        String authorization = request.getHeader("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return new Credential(Kind.TOKEN, authorization.substring(BEARER.length()).strip(), null, issuer(request));
        }
        if (request.getHeader(HMAC) != null) {
            if (!hmac) {
                throw new BadCredentialsException("HMAC not accepted here");
            }
            String path = request.getRequestURI().substring(request.getContextPath().length());
            String resource = path.startsWith(apiBase + "/") ? path.substring(apiBase.length() + 1) : path;
            return new Credential(Kind.SIGNED, request.getHeader(HMAC).strip(), request.getMethod() + " /" + resource, "");
        }
        return null;
    }

    private static String refusal(HttpServletRequest request) {
        if (request.getHeader(API_KEY) != null) {
            return "The API key is unknown, revoked or expired, works only signed (HMAC), or its account is disabled.";
        }
        if (request.getHeader("Authorization") != null) {
            return "The bearer token is invalid, expired, not for this API, or its account is disabled.";
        }
        return "The X-Hmac-Authorization signature does not match, or its API key is unknown, revoked or expired.";
    }

    private Optional<Authentication> bearer(String token, String expectedIssuer) {
        Jwt jwt = decoded(token);
        if (jwt == null) {
            return Optional.empty();
        }
        if (jwt.getIssuer() == null || !expectedIssuer.equals(jwt.getIssuer().toString()) || jwt.hasClaim("azp")) {
            return Optional.empty();
        }
        return credentials.authenticate(jwt);
    }

    /**
     * The token decoded and checked (signature, lifetime, audience), or null. A signature check costs more than the
     * rest of a list request (ES256 verification is about 0.1 ms of CPU), so a token that passed is kept, by its value,
     * until it expires: a token is immutable, only its lifetime needs checking again. Revocation is identity's
     * ({@link ApiCredentials#authenticate(Jwt)}), asked on every request.
     */
    private @Nullable Jwt decoded(String token) {
        Jwt kept = verified.get(token);
        if (kept != null) {
            Instant now = Instant.now();
            boolean current = (kept.getExpiresAt() == null || now.isBefore(kept.getExpiresAt().plus(CLOCK_SKEW)))
                    && (kept.getNotBefore() == null || !now.isBefore(kept.getNotBefore().minus(CLOCK_SKEW)));
            if (current) {
                return kept;
            }
            verified.remove(token);
            return null;
        }
        try {
            Jwt jwt = decoder.decode(token);
            if (verified.size() >= VERIFIED_KEPT) {
                verified.clear();
            }
            verified.put(token, jwt);
            return jwt;
        } catch (JwtException e) {
            return null;
        }
    }

    private Optional<Authentication> signed(String header, @Nullable String message) {
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0 || message == null) {
            return Optional.empty();
        }
        return credentials.authenticateSigned(decoded.substring(0, colon), message, decoded.substring(colon + 1));
    }

    private String issuer(HttpServletRequest request) {
        if (issuer != null) {
            return issuer;
        }
        // as the provider resolves its issuer when none is configured: this request's scheme, host, port and context
        String scheme = request.getScheme();
        int port = request.getServerPort();
        boolean standard = ("http".equals(scheme) && port == 80) || ("https".equals(scheme) && port == 443);
        return scheme + "://" + request.getServerName() + (standard ? "" : ":" + port) + request.getContextPath();
    }

    /** Writes an RFC 9457 problem detail (the shared writer, {@link ApiProblems}; kept for the record API's chain). */
    public static void problem(HttpServletResponse response, HttpStatus status, String detail) throws IOException {
        ApiProblems.write(response, status, detail);
    }

    public enum Kind { KEY, TOKEN, SIGNED }

    /** An unchecked machine credential; never printed (no toString with the secret). */
    public record Credential(Kind kind, String value, @Nullable String message, String issuer) {

        @Override
        public String toString() {
            return "Credential[" + kind + "]";
        }
    }
}
