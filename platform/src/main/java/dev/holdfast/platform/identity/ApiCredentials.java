package dev.holdfast.platform.identity;

import java.util.Optional;

/**
 * Checks the API tokens of service accounts ({@code hf_...}) for other modules' APIs, e.g. the CRM's
 * {@code X-Api-Key}. Notes the time of use, as the identity API does.
 */
public interface ApiCredentials {

    /** The enabled service account a working (not revoked, not expired) token belongs to; empty otherwise. */
    Optional<UserAccount> authenticate(String token);
}
