package dev.holdfast.platform.identity.mfa;

import static dev.holdfast.platform.identity.mfa.MfaTables.*;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import dev.holdfast.platform.identity.UserAccount;
import dev.holdfast.platform.identity.UserAccount.UserId;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.Key;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import javax.crypto.spec.SecretKeySpec;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * TOTP authenticators (RFC 6238: HMAC-SHA-1, 6 digits, 30 s steps, one step of drift either way), one per user.
 * A new authenticator is pending until confirmed with a code; a code is accepted once only (the accepted step is
 * remembered and later codes must come from a later step). Codes come from java-otp.
 */
@Service
public class TotpAuthenticators {

    static final Duration STEP = Duration.ofSeconds(30);

    private final DSLContext db;
    private final Clock clock;
    private final MfaSettings settings;
    private final TimeBasedOneTimePasswordGenerator generator;
    private final SecureRandom random = new SecureRandom();

    TotpAuthenticators(DSLContext db, Clock clock, MfaSettings settings) {
        this.db = db;
        this.clock = clock;
        this.settings = settings;
        this.generator = new TimeBasedOneTimePasswordGenerator(STEP, 6, TimeBasedOneTimePasswordGenerator.TOTP_ALGORITHM_HMAC_SHA1);
    }

    /** A pending enrolment: the secret (base32) and the otpauth URI to show as a QR code. */
    public record Enrolment(String secret, String uri) {}

    /** Whether the user has a confirmed authenticator. */
    public boolean enrolled(UserId user) {
        return db.fetchExists(db.selectFrom(TOTP).where(USER_ID.eq(user.toString())).and(CONFIRMED_AT.isNotNull()));
    }

    /** Starts (or restarts) enrolment with a new secret; refused while a confirmed authenticator exists. */
    @Transactional
    public Enrolment begin(UserAccount user) {
        if (enrolled(user.id())) {
            throw new IllegalStateException("an authenticator app is already set up; remove it first");
        }
        byte[] secret = new byte[20];
        random.nextBytes(secret);
        String encoded = Base32.encode(secret);
        db.deleteFrom(TOTP).where(USER_ID.eq(user.id().toString())).execute();
        db.insertInto(TOTP).set(USER_ID, user.id().toString()).set(SECRET, encoded).set(CREATED_AT, clock.millis())
                .set(LAST_STEP, 0L).execute();
        return new Enrolment(encoded, uri(user.username(), encoded));
    }

    /** The pending enrolment, if one was begun and not confirmed. */
    public Optional<Enrolment> pending(UserAccount user) {
        return db.select(SECRET).from(TOTP).where(USER_ID.eq(user.id().toString())).and(CONFIRMED_AT.isNull())
                .fetchOptional(SECRET).map(secret -> new Enrolment(secret, uri(user.username(), secret)));
    }

    /** Confirms a pending enrolment with a code from the app; false if the code is wrong or nothing is pending. */
    @Transactional
    public boolean confirm(UserId user, String code) {
        Record row = db.selectFrom(TOTP).where(USER_ID.eq(user.toString())).and(CONFIRMED_AT.isNull()).fetchOne();
        if (row == null || !accept(user, row, code)) {
            return false;
        }
        return db.update(TOTP).set(CONFIRMED_AT, clock.millis()).where(USER_ID.eq(user.toString())).execute() == 1;
    }

    /** Checks a code against the confirmed authenticator; a code (or an older one) is never accepted twice. */
    @Transactional
    public boolean verify(UserId user, String code) {
        Record row = db.selectFrom(TOTP).where(USER_ID.eq(user.toString())).and(CONFIRMED_AT.isNotNull()).fetchOne();
        return row != null && accept(user, row, code);
    }

    @Transactional
    public boolean remove(UserId user) {
        return db.deleteFrom(TOTP).where(USER_ID.eq(user.toString())).execute() > 0;
    }

    private boolean accept(UserId user, Record row, String code) {
        String digits = code.replace(" ", "");
        if (!digits.matches("[0-9]{6}")) {
            return false;
        }
        Key key = new SecretKeySpec(Base32.decode(row.get(SECRET)), "HmacSHA1");
        long now = clock.millis() / STEP.toMillis();
        for (long step = now - 1; step <= now + 1; step++) {
            if (step > row.get(LAST_STEP) && code(key, step).equals(digits)) {
                // the condition on last_step makes the update itself refuse a replay racing on another node
                return db.update(TOTP).set(LAST_STEP, step)
                        .where(USER_ID.eq(user.toString())).and(LAST_STEP.lt(step)).execute() == 1;
            }
        }
        return false;
    }

    private String code(Key key, long step) {
        try {
            return generator.generateOneTimePasswordString(key, Instant.ofEpochMilli(step * STEP.toMillis()));
        } catch (InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    private String uri(String username, String secret) {
        String issuer = settings.issuer();
        String label = enc(issuer) + ":" + enc(username);
        return "otpauth://totp/" + label + "?secret=" + secret + "&issuer=" + enc(issuer) + "&algorithm=SHA1&digits=6&period=30";
    }

    private static String enc(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
