package dev.holdfast.platform.identity.oidc;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * An application registered with the OpenID Connect provider.
 *
 * @param id internal id
 * @param clientId the {@code client_id} the application sends
 * @param confidential whether it authenticates with a secret (a server-side app); public clients (browser and
 *     native apps) must use PKCE
 * @param redirectUris exact redirect URIs; nothing else is accepted
 * @param postLogoutRedirectUris exact URIs the application may be sent back to after sign-out
 * @param scopes scopes the application may ask for
 * @param grantTypes {@code authorization_code}, {@code refresh_token}, {@code client_credentials} (confidential only),
 *     {@code urn:ietf:params:oauth:grant-type:device_code}
 * @param requireConsent whether users are asked before the first sign-in (skippable for trusted apps)
 * @param allowedGroups groups whose members may use it; empty means everyone
 * @param backchannelLogoutUri where Holdfast posts a logout token when a user signs out, or null
 * @param homeUri where the application library tile points, or null for no tile
 * @param requireSecondFactor whether everyone signing in to it must pass a second factor (enrolling one first)
 * @param idTokenSigningAlgorithm the algorithm its ID tokens are signed with ({@code id_token_signed_response_alg}):
 *     {@code RS256} (the default, which every OpenID Connect client accepts) or {@code ES256}
 */
public record OidcClient(String id, String clientId, String name, boolean confidential, List<URI> redirectUris,
        List<URI> postLogoutRedirectUris, Set<String> scopes, Set<String> grantTypes, boolean requireConsent,
        Duration accessTokenTtl, Duration refreshTokenTtl, Set<String> allowedGroups, @Nullable URI backchannelLogoutUri,
        @Nullable URI homeUri, boolean requireSecondFactor, String idTokenSigningAlgorithm, Instant createdAt, Instant updatedAt) {
}
