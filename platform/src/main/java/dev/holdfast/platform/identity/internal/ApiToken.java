package dev.holdfast.platform.identity.internal;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A service account's API token as listed: never the secret. {@code hmac}: the token has a secret key and works only
 * with a signature (EspoCRM's {@code X-Hmac-Authorization}), never alone.
 */
public record ApiToken(UUID id, String name, String prefix, Instant createdAt, @Nullable Instant expiresAt,
        @Nullable Instant lastUsedAt, @Nullable Instant revokedAt, boolean hmac) {

    /** Neither revoked nor expired at that moment. */
    public boolean active(Instant now) {
        return revokedAt == null && (expiresAt == null || expiresAt.isAfter(now));
    }
}
