package dev.holdfast.platform.identity.mfa;

import static dev.holdfast.platform.identity.mfa.MfaTables.*;

import dev.holdfast.platform.identity.UserAccount;
import dev.holdfast.platform.identity.UserAccount.UserId;
import dev.holdfast.platform.shared.mail.Email;
import dev.holdfast.platform.shared.mail.OutgoingMail;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * One-time sign-in codes sent by email or SMS: {@code codeLength} digits, valid for {@code codeTtl}, single use,
 * stored hashed; sending a new code replaces the pending one. Also the user's choice of these channels.
 */
@Service
public class OneTimeCodes {

    /** Where a code goes. */
    public enum Channel {
        EMAIL, SMS;

        String key() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        Factor factor() {
            return this == EMAIL ? Factor.EMAIL_CODE : Factor.SMS_CODE;
        }
    }

    private final DSLContext db;
    private final Clock clock;
    private final MfaSettings settings;
    private final OutgoingMail mail;
    private final SmsGateways sms;
    private final SecureRandom random = new SecureRandom();

    OneTimeCodes(DSLContext db, Clock clock, MfaSettings settings, OutgoingMail mail, SmsGateways sms) {
        this.db = db;
        this.clock = clock;
        this.settings = settings;
        this.mail = mail;
        this.sms = sms;
    }

    /** Whether codes by email are on for the user (and the user has an address and mail is configured). */
    public boolean emailEnabled(UserAccount user) {
        Boolean enabled = db.select(EMAIL_ENABLED).from(CHANNEL).where(USER_ID.eq(user.id().toString())).fetchOne(EMAIL_ENABLED);
        return Boolean.TRUE.equals(enabled) && user.email() != null && mail.configured();
    }

    /** The phone number codes by SMS go to, if the user chose one and a gateway is configured. */
    public Optional<String> smsPhone(UserAccount user) {
        return Optional.ofNullable(db.select(SMS_PHONE).from(CHANNEL).where(USER_ID.eq(user.id().toString())).fetchOne(SMS_PHONE))
                .filter(phone -> sms.active().isPresent());
    }

    public boolean mailAvailable() {
        return mail.configured();
    }

    public boolean smsAvailable() {
        return sms.active().isPresent();
    }

    @Transactional
    public void setEmailEnabled(UserId user, boolean enabled) {
        ensureRow(user);
        db.update(CHANNEL).set(EMAIL_ENABLED, enabled).where(USER_ID.eq(user.toString())).execute();
    }

    /** Sets (or, with null, clears) the phone number for SMS codes. */
    @Transactional
    public void setSmsPhone(UserId user, @Nullable String phone) {
        ensureRow(user);
        db.update(CHANNEL).set(SMS_PHONE, phone).where(USER_ID.eq(user.toString())).execute();
    }

    /** A new code was asked for within {@link #RESEND_AFTER} of the last one. */
    public static class CodeRecentlySentException extends RuntimeException {
        CodeRecentlySentException() {
            super("a code was sent less than " + RESEND_AFTER.toSeconds() + " s ago");
        }
    }

    /** How long after sending a code another may be sent to the same channel (no mail or SMS flood). */
    static final java.time.Duration RESEND_AFTER = java.time.Duration.ofSeconds(30);

    /**
     * Makes a new code, replacing a pending one, and sends it; the caller checks the channel is enabled.
     *
     * @throws CodeRecentlySentException when the last code went out less than 30 s ago
     */
    @Transactional
    public void send(UserAccount user, Channel channel) {
        Long expires = db.select(EXPIRES_AT).from(CODE).where(USER_ID.eq(user.id().toString()))
                .and(CODE_CHANNEL.eq(channel.key())).fetchOne(EXPIRES_AT);
        if (expires != null && expires - settings.codeTtl().toMillis() + RESEND_AFTER.toMillis() > clock.millis()) {
            throw new CodeRecentlySentException();
        }
        String code = newCode();
        db.deleteFrom(CODE).where(USER_ID.eq(user.id().toString())).and(CODE_CHANNEL.eq(channel.key())).execute();
        db.insertInto(CODE).set(USER_ID, user.id().toString()).set(CODE_CHANNEL, channel.key())
                .set(CODE_HASH, hash(user.id(), channel, code))
                .set(EXPIRES_AT, clock.millis() + settings.codeTtl().toMillis()).execute();
        String text = "Your " + settings.issuer() + " sign-in code is " + code + ". It expires in "
                + settings.codeTtl().toMinutes() + " minutes. If you did not try to sign in, change your password.";
        switch (channel) {
            case EMAIL -> mail.send(new Email(java.util.Objects.requireNonNull(user.email()),
                    settings.issuer() + " sign-in code", text));
            case SMS -> sms.active().orElseThrow(() -> new SmsGateway.SmsDeliveryException("SMS is not configured"))
                    .send(smsPhone(user).orElseThrow(), text);
        }
    }

    /** Uses up the pending code if it matches and has not expired. */
    @Transactional
    public boolean verify(UserId user, Channel channel, String code) {
        String digits = code.strip();
        if (!digits.matches("[0-9]{6,8}")) {
            return false;
        }
        return db.deleteFrom(CODE).where(USER_ID.eq(user.toString())).and(CODE_CHANNEL.eq(channel.key()))
                .and(CODE_HASH.eq(hash(user, channel, digits))).and(EXPIRES_AT.gt(clock.millis())).execute() == 1;
    }

    private void ensureRow(UserId user) {
        db.insertInto(CHANNEL).set(USER_ID, user.toString()).set(EMAIL_ENABLED, false).onConflict(USER_ID).doNothing().execute();
    }

    private String newCode() {
        StringBuilder code = new StringBuilder();
        for (int i = 0; i < settings.codeLength(); i++) {
            code.append(random.nextInt(10));
        }
        return code.toString();
    }

    private static String hash(UserId user, Channel channel, String code) {
        return sha256(user + ":" + channel.key() + ":" + code);
    }
}
