package dev.holdfast.platform.identity.internal;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the identity module.
 *
 * @param setupLinkTtl how long the first-run setup link works ({@code HOLDFAST_IDENTITY_SETUP_LINK_TTL}, default 1h)
 */
@ConfigurationProperties("holdfast.identity")
record IdentitySettings(@Nullable Duration setupLinkTtl) {

    IdentitySettings {
        setupLinkTtl = setupLinkTtl == null ? Duration.ofHours(1) : setupLinkTtl;
        if (setupLinkTtl.isNegative() || setupLinkTtl.isZero()) {
            throw new dev.holdfast.platform.shared.settings.InvalidSettingException("HOLDFAST_IDENTITY_SETUP_LINK_TTL",
                    setupLinkTtl.toString(), "a positive duration such as 30m or 2h");
        }
    }
}
