package dev.holdfast.platform.identity.mfa;

import static dev.holdfast.platform.identity.mfa.MfaTables.*;

import dev.holdfast.platform.identity.UserAccount.UserId;
import java.time.Clock;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The rate limit of the second-factor step: at most {@code maxFailures} failed attempts per account in
 * {@code failureWindow}, counted in the database so that every node sees them (the per-address limit of the
 * sign-in throttle applies to these requests too).
 */
@Component
class MfaAttempts {

    private static final Field<Integer> STORED_FAILURES = org.jooq.impl.DSL.field(
            org.jooq.impl.DSL.name("identity_mfa_attempt", "failures"), Integer.class);

    private final DSLContext db;
    private final Clock clock;
    private final MfaSettings settings;

    MfaAttempts(DSLContext db, Clock clock, MfaSettings settings) {
        this.db = db;
        this.clock = clock;
        this.settings = settings;
    }

    /** Whether the account may try another code now. */
    boolean allowed(UserId user) {
        Record row = db.selectFrom(ATTEMPT).where(USER_ID.eq(user.toString())).fetchOne();
        return row == null || row.get(WINDOW_START) <= clock.millis() - settings.failureWindow().toMillis()
                || row.get(FAILURES) < settings.maxFailures();
    }

    @Transactional
    void failed(UserId user) {
        long now = clock.millis();
        db.deleteFrom(ATTEMPT).where(USER_ID.eq(user.toString()))
                .and(WINDOW_START.le(now - settings.failureWindow().toMillis())).execute();
        db.insertInto(ATTEMPT).set(USER_ID, user.toString()).set(FAILURES, 1).set(WINDOW_START, now)
                .onConflict(USER_ID).doUpdate().set(FAILURES, STORED_FAILURES.plus(1)).execute();
    }

    @Transactional
    void succeeded(UserId user) {
        db.deleteFrom(ATTEMPT).where(USER_ID.eq(user.toString())).execute();
    }
}
