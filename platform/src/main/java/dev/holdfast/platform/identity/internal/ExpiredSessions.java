package dev.holdfast.platform.identity.internal;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;

/**
 * Removes expired sign-in sessions (the {@code identity.session-cleanup} job). Sessions of signed-in people are
 * removed one by one, each only if it is still expired at that moment (a request may have just renewed it), and
 * announced as {@link SessionsEnded} so that applications hear of it; then Spring Session removes the rest
 * (sessions nobody signed in to).
 */
class ExpiredSessions {

    private static final Table<Record> SESSION = table(name("identity_session"));
    private static final Field<String> SESSION_ID = field(name("session_id"), String.class);
    private static final Field<String> PRINCIPAL = field(name("principal_name"), String.class);
    private static final Field<Long> EXPIRY = field(name("expiry_time"), Long.class);
    private static final int BATCH = 500;

    private final DSLContext db;
    private final JdbcIndexedSessionRepository sessions;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    ExpiredSessions(DSLContext db, JdbcIndexedSessionRepository sessions, ApplicationEventPublisher events, Clock clock) {
        this.db = db;
        this.sessions = sessions;
        this.events = events;
        this.clock = clock;
    }

    void remove() {
        long now = clock.millis();
        Map<String, List<String>> ended = new LinkedHashMap<>();
        for (var row : db.select(SESSION_ID, PRINCIPAL).from(SESSION)
                .where(EXPIRY.lt(now).and(PRINCIPAL.isNotNull())).limit(BATCH).fetch()) {
            if (db.deleteFrom(SESSION).where(SESSION_ID.eq(row.value1()).and(EXPIRY.lt(now))).execute() == 1) {
                ended.computeIfAbsent(row.value2(), user -> new ArrayList<>()).add(row.value1());
            }
        }
        ended.forEach((username, ids) -> events.publishEvent(new SessionsEnded(username, ids)));
        sessions.cleanUpExpiredSessions();
    }
}
