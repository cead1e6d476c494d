package dev.holdfast.platform.identity;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Checks the credentials presented with each API request, for every module's API chain: API tokens of service
 * accounts ({@code hf_...}, also as the CRM's {@code X-Api-Key} and {@code X-Hmac-Authorization}) and access tokens of
 * Holdfast's own OpenID Connect provider. Each answer is the request's authentication: the account's username,
 * {@code ROLE_USER}, {@code ROLE_ADMIN} for holders of the administrator permission, and Spring Security's bearer
 * factor ({@link FactorGrantedAuthority#BEARER_AUTHORITY}), so the second-factor rule (for interactive sign-ins) lets
 * it through without asking the directory.
 *
 * <p>Answered from memory once a credential was seen (no database query per request); revoking a token, revoking an
 * access token (revocation endpoint, sign-out, refresh-token reuse), disabling a user or changing their roles takes
 * effect at once on this node and within a second on every other node. Thread-safe.
 */
public interface ApiCredentials {

    /** The enabled service account a working (not revoked, not expired) token belongs to; empty otherwise. Notes the time of use. */
    Optional<Authentication> authenticate(String token);

    /**
     * The enabled service account whose working token {@code apiKey} has a secret key (HMAC method) under which
     * {@code hexSignature} is the lowercase hex HMAC-SHA256 of {@code message}; empty otherwise. The secret key never
     * leaves identity. Notes the time of use.
     */
    Optional<Authentication> authenticateSigned(String apiKey, String message, String hexSignature);

    /**
     * The account an access token of Holdfast's provider acts for, the token's signature, lifetime, issuer and
     * audience having been checked by the caller: a person's token acts as that enabled user ({@code sub} is the user
     * id); a client-credentials token ({@code gty=client_credentials}) as the enabled service account named like the
     * client. Empty for a revoked token, a disabled or deleted account, or a client without such an account.
     */
    Optional<Authentication> authenticate(Jwt accessToken);

    /**
     * The authentication for a credential a module checks itself (e.g. a scoped monitoring key): {@code name} and
     * {@code authorities}, plus the bearer factor.
     */
    static Authentication presented(String name, Collection<? extends GrantedAuthority> authorities) {
        List<GrantedAuthority> all = new ArrayList<>(authorities);
        all.add(FactorGrantedAuthority.fromAuthority(FactorGrantedAuthority.BEARER_AUTHORITY));
        return UsernamePasswordAuthenticationToken.authenticated(name, null, all);
    }
}
