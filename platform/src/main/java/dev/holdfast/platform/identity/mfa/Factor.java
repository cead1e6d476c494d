package dev.holdfast.platform.identity.mfa;

import java.util.Arrays;
import java.util.Optional;
import org.springframework.security.core.authority.FactorGrantedAuthority;

/**
 * The second factors, each with the {@link FactorGrantedAuthority} a sign-in gains by passing it. A passkey counts
 * as a whole sign-in on its own (it proves possession and the authenticator verified the user).
 */
public enum Factor {
    TOTP("totp", "FACTOR_TOTP"),
    PASSKEY("passkey", FactorGrantedAuthority.WEBAUTHN_AUTHORITY),
    RECOVERY_CODE("recovery_code", "FACTOR_RECOVERY_CODE"),
    EMAIL_CODE("email_code", "FACTOR_EMAIL_CODE"),
    SMS_CODE("sms_code", "FACTOR_SMS_CODE");

    /** The authority the authorization rules ask for when a second factor is missing. */
    static final String SECOND_FACTOR_AUTHORITY = "FACTOR_SECOND";

    private final String id;
    private final String authority;

    Factor(String id, String authority) {
        this.id = id;
        this.authority = authority;
    }

    /** As written in audit events and URLs. */
    public String id() {
        return id;
    }

    public String authority() {
        return authority;
    }

    static Optional<Factor> byAuthority(String authority) {
        return Arrays.stream(values()).filter(f -> f.authority.equals(authority)).findFirst();
    }
}
