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
 */
@ConfigurationProperties("holdfast.identity.oidc")
public record OidcSettings(@Nullable String issuer, @Nullable Duration codeTtl, @Nullable Duration keyRotation,
        @Nullable Duration keyPublishLead) {

    /** Tokens signed by a key are at most this old when the key retires (the longest access or ID token lifetime). */
    static final Duration MAX_SIGNED_TOKEN_LIFETIME = Duration.ofDays(1);

    public OidcSettings {
        codeTtl = codeTtl == null ? Duration.ofMinutes(2) : codeTtl;
        keyRotation = keyRotation == null ? Duration.ofDays(90) : keyRotation;
        keyPublishLead = keyPublishLead == null ? Duration.ofDays(1) : keyPublishLead;
        if (codeTtl.isNegative() || codeTtl.isZero() || codeTtl.compareTo(Duration.ofMinutes(10)) > 0) {
            throw new InvalidSettingException("HOLDFAST_IDENTITY_OIDC_CODE_TTL", codeTtl.toString(), "a duration up to 10m");
        }
        if (keyPublishLead.compareTo(keyRotation) >= 0) {
            throw new InvalidSettingException("HOLDFAST_IDENTITY_OIDC_KEY_PUBLISH_LEAD", keyPublishLead.toString(),
                    "a duration shorter than HOLDFAST_IDENTITY_OIDC_KEY_ROTATION (" + keyRotation + ")");
        }
    }
}
