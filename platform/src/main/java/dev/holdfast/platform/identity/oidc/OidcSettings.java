package dev.holdfast.platform.identity.oidc;

import dev.holdfast.platform.shared.settings.InvalidSettingException;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The OpenID Connect provider.
 *
 * @param issuer the issuer URL ({@code HOLDFAST_IDENTITY_OIDC_ISSUER}); default: the platform's base URL
 * @param codeTtl how long an authorization code can be exchanged ({@code HOLDFAST_IDENTITY_OIDC_CODE_TTL}, default 2m)
 * @param keyRotation how long a signing key signs before the next one takes over
 *     ({@code HOLDFAST_IDENTITY_OIDC_KEY_ROTATION}, default 90d)
 * @param keyPublishLead how long a new key is published before it signs; longer than relying parties cache the
 *     JWK Set ({@code HOLDFAST_IDENTITY_OIDC_KEY_PUBLISH_LEAD}, default 1d)
 * @param accessTokenAlgorithm how access tokens are signed ({@code HOLDFAST_IDENTITY_OIDC_ACCESS_TOKEN_ALGORITHM}):
 *     {@code ES256} (default; P-256, several times cheaper to sign than RS256) or {@code RS256} (for resource
 *     servers that verify tokens themselves and accept nothing else). ID tokens are always RS256, the algorithm
 *     every OpenID Connect client must accept and the default for a client that registered none; both keys are
 *     published in the JWK Set.
 */
@ConfigurationProperties("holdfast.identity.oidc")
public record OidcSettings(@Nullable String issuer, @Nullable Duration codeTtl, @Nullable Duration keyRotation,
        @Nullable Duration keyPublishLead, @Nullable String accessTokenAlgorithm) {

    /** Tokens signed by a key are at most this old when the key retires (the longest access or ID token lifetime). */
    static final Duration MAX_SIGNED_TOKEN_LIFETIME = Duration.ofDays(1);

    public OidcSettings {
        codeTtl = codeTtl == null ? Duration.ofMinutes(2) : codeTtl;
        keyRotation = keyRotation == null ? Duration.ofDays(90) : keyRotation;
        keyPublishLead = keyPublishLead == null ? Duration.ofDays(1) : keyPublishLead;
        accessTokenAlgorithm = accessTokenAlgorithm == null || accessTokenAlgorithm.isBlank() ? "ES256"
                : accessTokenAlgorithm.strip().toUpperCase(java.util.Locale.ROOT);
        if (!accessTokenAlgorithm.equals("ES256") && !accessTokenAlgorithm.equals("RS256")) {
            throw new InvalidSettingException("HOLDFAST_IDENTITY_OIDC_ACCESS_TOKEN_ALGORITHM", accessTokenAlgorithm, "ES256 or RS256");
        }
        if (codeTtl.isNegative() || codeTtl.isZero() || codeTtl.compareTo(Duration.ofMinutes(10)) > 0) {
            throw new InvalidSettingException("HOLDFAST_IDENTITY_OIDC_CODE_TTL", codeTtl.toString(), "a duration up to 10m");
        }
        if (keyPublishLead.compareTo(keyRotation) >= 0) {
            throw new InvalidSettingException("HOLDFAST_IDENTITY_OIDC_KEY_PUBLISH_LEAD", keyPublishLead.toString(),
                    "a duration shorter than HOLDFAST_IDENTITY_OIDC_KEY_ROTATION (" + keyRotation + ")");
        }
    }
}
