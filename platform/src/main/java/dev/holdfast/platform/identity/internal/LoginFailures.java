package dev.holdfast.platform.identity.internal;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import dev.holdfast.platform.identity.AuditEvent;
import dev.holdfast.platform.identity.AuditEvent.Outcome;
import dev.holdfast.platform.identity.AuditLog;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jspecify.annotations.Nullable;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Failed sign-ins per account and per client address, kept in the database so that every node sees them.
 * Failures lower a subject's standing (longer delays, then a lockout for accounts); a success restores it.
 */
@Component
public class LoginFailures {

    private static final Table<Record> FAILURE = table(name("identity_login_failure"));
    private static final Field<String> SUBJECT = field(name("subject"), String.class);
    private static final Field<Integer> FAILURES = field(name("failures"), Integer.class);
    private static final Field<Long> LAST_FAILURE_AT = field(name("last_failure_at"), Long.class);
    private static final Field<Long> LOCKED_UNTIL = field(name("locked_until"), Long.class);
    /** Qualified, as an upsert's update must say which row's column it means. */
    private static final Field<Integer> STORED_FAILURES = field(name("identity_login_failure", "failures"), Integer.class);

    private final DSLContext db;
    private final Clock clock;
    private final IdentitySettings.BruteForce settings;
    private final AuditLog audit;

    LoginFailures(DSLContext db, Clock clock, IdentitySettings settings, AuditLog audit) {
        this.db = db;
        this.clock = clock;
        this.settings = settings.bruteForce();
        this.audit = audit;
    }

    /** A locked account, for administrators. */
    public record Lockout(String username, int failures, Instant lockedUntil) {}

    static String account(String username) {
        return "user:" + JooqUsers.key(username);
    }

    static String address(String ip) {
        return "ip:" + ip;
    }

    int failures(String subject) {
        Integer failures = db.select(FAILURES).from(FAILURE).where(SUBJECT.eq(subject)).fetchOne(FAILURES);
        return failures == null ? 0 : failures;
    }

    Optional<Instant> lockedUntil(String username) {
        Long until = db.select(LOCKED_UNTIL).from(FAILURE).where(SUBJECT.eq(account(username))).fetchOne(LOCKED_UNTIL);
        return until == null || until <= clock.millis() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(until));
    }

    List<Lockout> lockouts() {
        return db.selectFrom(FAILURE).where(SUBJECT.startsWith("user:").and(LOCKED_UNTIL.gt(clock.millis())))
                .orderBy(SUBJECT)
                .fetch(row -> new Lockout(row.get(SUBJECT).substring(5), row.get(FAILURES), Instant.ofEpochMilli(row.get(LOCKED_UNTIL))));
    }

    @EventListener
    @Transactional
    void on(AbstractAuthenticationFailureEvent event) {
        if (!settings.enabled() || !AuthenticationAudit.isPersonSigningIn(event.getAuthentication())) {
            return;
        }
        failed(event.getAuthentication().getName(), AuthenticationAudit.ip(event.getAuthentication()));
    }

    /**
     * Counts a wrong password for the account and the address, wherever it was given (the sign-in form, or the
     * current password on the change-password form), and locks the account at the limit, as at sign-in.
     *
     * @return whether the account is locked now
     */
    @Transactional
    boolean failed(String username, @Nullable String ip) {
        if (!settings.enabled()) {
            return false;
        }
        int failures = increment(account(username));
        if (ip != null) {
            increment(address(ip));
        }
        if (failures == settings.lockoutFailures()) {
            long until = clock.millis() + settings.lockoutDuration().toMillis();
            db.update(FAILURE).set(LOCKED_UNTIL, until).where(SUBJECT.eq(account(username))).execute();
            audit.record(AuditEvent.of(null, ip, "account.locked", "user:" + username, Outcome.SUCCESS,
                    Map.of("failures", Integer.toString(failures), "until", Instant.ofEpochMilli(until).toString())));
        }
        return lockedUntil(username).isPresent();
    }

    /** Forgets the account's failures after its owner proved the password (outside a sign-in). */
    void succeeded(String username) {
        db.deleteFrom(FAILURE).where(SUBJECT.eq(account(username))).execute();
    }

    /** Not transactional: two independent statements, and nothing at all for an application's token request. */
    @EventListener
    void on(AuthenticationSuccessEvent event) {
        if (!AuthenticationAudit.isPersonSigningIn(event.getAuthentication())) {
            return;
        }
        db.deleteFrom(FAILURE).where(SUBJECT.eq(account(event.getAuthentication().getName()))).execute();
        @Nullable String ip = AuthenticationAudit.ip(event.getAuthentication());
        if (ip != null) {
            db.update(FAILURE).set(FAILURES, FAILURES.div(2)).where(SUBJECT.eq(address(ip))).execute();
        }
    }

    /** Lifts a lockout and forgets the account's failures. */
    @Transactional
    boolean unlock(String username, String administrator, @Nullable String ip) {
        boolean unlocked = db.deleteFrom(FAILURE).where(SUBJECT.eq(account(username))).execute() > 0;
        if (unlocked) {
            audit.record(AuditEvent.of(administrator, ip, "account.unlocked", "user:" + username, Outcome.SUCCESS, Map.of()));
        }
        return unlocked;
    }

    /** Forgets failures older than {@code before} whose lockout (if any) has ended. */
    @Transactional
    int prune(Instant before) {
        return db.deleteFrom(FAILURE)
                .where(LAST_FAILURE_AT.lt(before.toEpochMilli()))
                .and(LOCKED_UNTIL.isNull().or(LOCKED_UNTIL.lt(clock.millis())))
                .execute();
    }

    private int increment(String subject) {
        long now = clock.millis();
        db.insertInto(FAILURE)
                .set(SUBJECT, subject).set(FAILURES, 1).set(LAST_FAILURE_AT, now)
                .onConflict(SUBJECT).doUpdate()
                .set(FAILURES, STORED_FAILURES.plus(1)).set(LAST_FAILURE_AT, now)
                .execute();
        return failures(subject);
    }
}
