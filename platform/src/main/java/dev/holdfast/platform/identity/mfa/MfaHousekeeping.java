package dev.holdfast.platform.identity.mfa;

import static dev.holdfast.platform.identity.mfa.MfaTables.*;

import java.time.Clock;
import java.time.Duration;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Forgets expired one-time codes, old failed attempts and authenticator enrolments never confirmed. */
@Component
class MfaHousekeeping {

    private static final Duration UNCONFIRMED_TOTP = Duration.ofDays(1);

    private final DSLContext db;
    private final Clock clock;
    private final MfaSettings settings;

    MfaHousekeeping(DSLContext db, Clock clock, MfaSettings settings) {
        this.db = db;
        this.clock = clock;
        this.settings = settings;
    }

    /** Idempotent; returns how many rows went. */
    @Transactional
    int run() {
        long now = clock.millis();
        return db.deleteFrom(CODE).where(EXPIRES_AT.le(now)).execute()
                + db.deleteFrom(ATTEMPT).where(WINDOW_START.le(now - settings.failureWindow().toMillis())).execute()
                + db.deleteFrom(TOTP).where(CONFIRMED_AT.isNull()).and(CREATED_AT.le(now - UNCONFIRMED_TOTP.toMillis())).execute();
    }
}
