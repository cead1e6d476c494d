package dev.holdfast.platform.identity.internal;

import dev.holdfast.platform.identity.ApiCredentials;
import dev.holdfast.platform.identity.UserAccount;
import dev.holdfast.platform.identity.UserAccount.Kind;
import dev.holdfast.platform.identity.UserAccount.UserId;
import dev.holdfast.platform.identity.internal.ApiTokens.StoredToken;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Service;

/**
 * {@link ApiCredentials}: service-account tokens ({@link ApiTokens}) and the provider's access tokens resolved to the
 * account they act for, as an authentication that carries the bearer factor.
 */
@Service
class MachineCredentials implements ApiCredentials {

    /** Claim in client-credentials access tokens: {@code gty=client_credentials}. */
    static final String GRANT_TYPE_CLAIM = "gty";

    private final ApiTokens tokens;
    private final JooqUsers users;
    private final Clock clock;

    MachineCredentials(ApiTokens tokens, JooqUsers users, Clock clock) {
        this.tokens = tokens;
        this.users = users;
        this.clock = clock;
    }

    @Override
    public Optional<Authentication> authenticate(String secret) {
        return tokens.findByHash(ApiTokens.hash(secret)).filter(token -> token.secretKey() == null).flatMap(this::use);
    }

    @Override
    public Optional<Authentication> authenticateSigned(String apiKey, String message, String hexSignature) {
        return tokens.findByHash(ApiTokens.hash(apiKey))
                .filter(token -> token.secretKey() != null && signatureMatches(token.secretKey(), message, hexSignature))
                .flatMap(this::use);
    }

    @Override
    public Optional<Authentication> authenticate(Jwt accessToken) {
        if (accessToken.getSubject() == null) {
            return Optional.empty();
        }
        if ("client_credentials".equals(accessToken.getClaimAsString(GRANT_TYPE_CLAIM))) {
            // the application's own token: it acts as the service account named like its client id, never as a person
            return users.findByUsername(accessToken.getSubject())
                    .filter(account -> account.enabled() && account.kind() == Kind.SERVICE).map(MachineCredentials::authentication);
        }
        UUID id;
        try {
            id = UUID.fromString(accessToken.getSubject());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return users.findById(new UserId(id)).filter(UserAccount::enabled).map(MachineCredentials::authentication);
    }

    /** The enabled service account of an active token, noting the use at most once a minute. */
    private Optional<Authentication> use(StoredToken token) {
        if (!token.active(clock.millis())) {
            return Optional.empty();
        }
        Optional<UserAccount> owner = users.findById(token.owner())
                .filter(account -> account.enabled() && account.kind() == Kind.SERVICE);
        if (owner.isPresent() && tokens.noteDue(token.lastUsedAt())) {
            tokens.noteUse(token.id());
        }
        return owner.map(MachineCredentials::authentication);
    }

    private static boolean signatureMatches(String secretKey, String message, String hexSignature) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secretKey.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] expected = HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)))
                    .getBytes(StandardCharsets.US_ASCII);
            return MessageDigest.isEqual(expected, hexSignature.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** ROLE_USER, ROLE_ADMIN for administrators, and the bearer factor. */
    static Authentication authentication(UserAccount account) {
        List<GrantedAuthority> authorities = new ArrayList<>(List.of(new SimpleGrantedAuthority("ROLE_USER")));
        if (account.administrator()) {
            authorities.add(new SimpleGrantedAuthority("ROLE_ADMIN"));
        }
        return ApiCredentials.presented(account.username(), authorities);
    }
}
