package dev.holdfast.platform.identity;

import java.util.Optional;

/**
 * Checks the API tokens of service accounts ({@code hf_...}) for other modules' APIs, e.g. the CRM's
 * {@code X-Api-Key} and {@code X-Hmac-Authorization}. Notes the time of use, as the identity API does.
 */
public interface ApiCredentials {

    /** The enabled service account a working (not revoked, not expired) token belongs to; empty otherwise. */
    Optional<UserAccount> authenticate(String token);

    /**
     * The enabled service account whose working token {@code apiKey} has a secret key (HMAC method) under which
     * {@code hexSignature} is the lowercase hex HMAC-SHA256 of {@code message}; empty otherwise. The secret key never
     * leaves identity. Notes the time of use.
     */
    Optional<UserAccount> authenticateSigned(String apiKey, String message, String hexSignature);
}
