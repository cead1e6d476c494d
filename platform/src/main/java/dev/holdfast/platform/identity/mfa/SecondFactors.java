package dev.holdfast.platform.identity.mfa;

import static dev.holdfast.platform.identity.mfa.MfaTables.*;

import dev.holdfast.platform.identity.UserAccount;
import dev.holdfast.platform.identity.UserManagement;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Record4;
import org.jooq.impl.DSL;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.stereotype.Service;

/** What second factors a user has, whether they need one, and whether a sign-in has passed one. */
@Service
public class SecondFactors {

    private final UserManagement users;
    private final TotpAuthenticators totp;
    private final JooqPasskeys passkeys;
    private final OneTimeCodes codes;
    private final RecoveryCodes recovery;
    private final List<SecondFactorPolicy> policies;
    private final DSLContext db;

    SecondFactors(UserManagement users, TotpAuthenticators totp, JooqPasskeys passkeys, OneTimeCodes codes,
            RecoveryCodes recovery, List<SecondFactorPolicy> policies, DSLContext db) {
        this.db = db;
        this.users = users;
        this.totp = totp;
        this.passkeys = passkeys;
        this.codes = codes;
        this.recovery = recovery;
        this.policies = List.copyOf(policies);
        if (policies.stream().map(SecondFactorPolicy::id).distinct().count() != policies.size()) {
            throw new IllegalStateException("two second-factor policies share an id: "
                    + policies.stream().map(SecondFactorPolicy::id).toList());
        }
    }

    /** The factors a user can sign in with besides the password. */
    public record Enrolment(boolean totp, int passkeys, boolean email, Optional<String> smsPhone, int recoveryCodes) {

        /** Whether any factor that asks for something the user has is set up (recovery codes alone are not). */
        public boolean any() {
            return totp || passkeys > 0 || email || smsPhone.isPresent();
        }
    }

    public Enrolment of(UserAccount user) {
        return new Enrolment(totp.enrolled(user.id()), passkeys.list(user.username()).size(), codes.emailEnabled(user),
                codes.smsPhone(user), recovery.remaining(user.id()));
    }

    /** Whether a policy demands a second factor of this user even when they have none. */
    public boolean requiredByPolicy(UserAccount user) {
        return policies.stream().anyMatch(policy -> policy.required(user.id()));
    }

    /** Whether this user must pass a second factor: one is set up, or a policy demands it. */
    public boolean needed(UserAccount user) {
        return requiredByPolicy(user) || anyEnrolled(user);
    }

    /**
     * The same as {@code of(user).any()} in one query, since the authorization rule asks it on every request of a
     * user signed in with the password alone.
     */
    boolean anyEnrolled(UserAccount user) {
        String id = user.id().toString();
        Record4<Boolean, Boolean, Boolean, String> row = db.select(
                DSL.field(DSL.exists(DSL.selectOne().from(TOTP).where(USER_ID.eq(id)).and(CONFIRMED_AT.isNotNull()))),
                DSL.field(DSL.exists(DSL.selectOne().from(WEBAUTHN_CREDENTIAL).join(WEBAUTHN_USER).using(USER_HANDLE)
                        .where(USERNAME_KEY.eq(user.username().strip().toLowerCase(java.util.Locale.ROOT))))),
                DSL.field(DSL.select(EMAIL_ENABLED).from(CHANNEL).where(USER_ID.eq(id))),
                DSL.field(DSL.select(SMS_PHONE).from(CHANNEL).where(USER_ID.eq(id)))).fetchOne();
        if (row == null) {
            return false;
        }
        return Boolean.TRUE.equals(row.value1()) || Boolean.TRUE.equals(row.value2())
                || (Boolean.TRUE.equals(row.value3()) && user.email() != null && codes.mailAvailable())
                || (row.value4() != null && codes.smsAvailable());
    }

    /** Whether the sign-in already passed a second factor (a passkey sign-in counts as whole). */
    public static boolean passed(Authentication authentication) {
        return authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .anyMatch(authority -> Factor.byAuthority(authority).isPresent());
    }

    /** The user behind a sign-in, if they still exist. */
    public Optional<UserAccount> user(Authentication authentication) {
        return users.findByUsername(authentication.getName());
    }

    /** Whether this sign-in must still pass a second factor before reaching anything else. */
    public boolean pending(Authentication authentication) {
        return !passed(authentication) && user(authentication).map(this::needed).orElse(false);
    }
}
