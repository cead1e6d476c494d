package dev.holdfast.platform.identity.internal;

import static dev.holdfast.platform.identity.internal.AuditTable.*;

import dev.holdfast.platform.identity.AuditEvent;
import dev.holdfast.platform.identity.AuditLog;
import dev.holdfast.platform.shared.database.Database;
import dev.holdfast.platform.shared.database.DatabaseKind;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The audit log in the database. Appends are serialised on the head row (row lock on PostgreSQL; SQLite's
 * immediate transactions serialise writers anyway), so the chain never forks. Thread-safe.
 */
@Service
class JooqAuditLog implements AuditLog {

    private final DSLContext db;
    private final Clock clock;
    private final boolean rowLocks;
    private final MeterRegistry meters;

    JooqAuditLog(DSLContext db, Clock clock, Database database, MeterRegistry meters) {
        this.db = db;
        this.clock = clock;
        this.rowLocks = database.kind() == DatabaseKind.POSTGRESQL;
        this.meters = meters;
    }

    @Override
    @Transactional
    public AuditEvent record(AuditEvent event) {
        var headQuery = db.select(LAST_SEQ, LAST_HASH).from(HEAD).where(HEAD_ID.eq(1));
        Record head = rowLocks ? headQuery.forUpdate().fetchSingle() : headQuery.fetchSingle();
        long seq = head.get(LAST_SEQ) + 1;
        AuditEvent recorded = new AuditEvent(seq, Instant.ofEpochMilli(clock.millis()), event.actor(), event.clientIp(),
                event.action(), event.target(), event.outcome(), event.details());
        String details = AuditChain.details(recorded.details());
        String previous = head.get(LAST_HASH);
        String hash = AuditChain.hash(previous, recorded, details);
        db.insertInto(EVENT)
                .set(SEQ, seq)
                .set(OCCURRED_AT, recorded.occurredAt().toEpochMilli())
                .set(ACTOR, recorded.actor())
                .set(CLIENT_IP, recorded.clientIp())
                .set(ACTION, recorded.action())
                .set(TARGET, recorded.target())
                .set(OUTCOME, recorded.outcome().name())
                .set(DETAILS, details)
                .set(PREV_HASH, previous)
                .set(HASH, hash)
                .execute();
        db.update(HEAD).set(LAST_SEQ, seq).set(LAST_HASH, hash).where(HEAD_ID.eq(1)).execute();
        meters.counter("holdfast.audit.events", "action", recorded.action(), "outcome", recorded.outcome().name()).increment();
        return recorded;
    }

    @Override
    public List<AuditEvent> search(Filter filter, int limit) {
        List<Condition> conditions = new ArrayList<>();
        if (filter.action() != null) {
            conditions.add(ACTION.eq(filter.action()));
        }
        if (filter.actor() != null) {
            conditions.add(ACTOR.eq(filter.actor()));
        }
        if (filter.from() != null) {
            conditions.add(OCCURRED_AT.ge(filter.from().toEpochMilli()));
        }
        if (filter.to() != null) {
            conditions.add(OCCURRED_AT.lt(filter.to().toEpochMilli()));
        }
        if (filter.outcome() != null) {
            conditions.add(OUTCOME.eq(filter.outcome().name()));
        }
        if (filter.beforeSeq() != null) {
            conditions.add(SEQ.lt(filter.beforeSeq()));
        }
        return db.selectFrom(EVENT).where(conditions).orderBy(SEQ.desc()).limit(Math.clamp(limit, 1, 500))
                .fetch(JooqAuditLog::toEvent);
    }

    /** Streams every event from the oldest kept, in order, to {@code sink}; for export. */
    void forEach(Consumer<AuditEvent> sink) {
        try (var cursor = db.selectFrom(EVENT).orderBy(SEQ).fetchSize(500).fetchLazy()) {
            cursor.forEach(row -> sink.accept(toEvent(row)));
        }
    }

    @Override
    @Transactional(readOnly = true)
    public Verification verify() {
        Record head = db.selectFrom(HEAD).where(HEAD_ID.eq(1)).fetchSingle();
        long expectedSeq = head.get(ANCHOR_SEQ) + 1;
        String previous = head.get(ANCHOR_HASH);
        long checked = 0;
        try (var cursor = db.selectFrom(EVENT).orderBy(SEQ).fetchSize(500).fetchLazy()) {
            for (Record row : cursor) {
                AuditEvent event = toEvent(row);
                if (event.seq() != expectedSeq) {
                    return broken(checked, expectedSeq, "event " + expectedSeq + " is missing");
                }
                if (!row.get(PREV_HASH).equals(previous)) {
                    return broken(checked, event.seq(), "does not follow the event before it");
                }
                String hash = AuditChain.hash(previous, event, row.get(DETAILS));
                if (!hash.equals(row.get(HASH))) {
                    return broken(checked, event.seq(), "was changed after it was recorded");
                }
                previous = hash;
                expectedSeq++;
                checked++;
            }
        }
        if (expectedSeq - 1 != head.get(LAST_SEQ) || !previous.equals(head.get(LAST_HASH))) {
            return broken(checked, expectedSeq, "events up to " + head.get(LAST_SEQ) + " were recorded, the log ends at "
                    + (expectedSeq - 1));
        }
        return new Verification(checked, Optional.empty(), Optional.empty());
    }

    /** Deletes events older than {@code before}, moving the chain's anchor to the last one deleted. */
    @Transactional
    long prune(Instant before) {
        Record last = db.select(SEQ, HASH).from(EVENT).where(OCCURRED_AT.lt(before.toEpochMilli()))
                .orderBy(SEQ.desc()).limit(1).fetchOne();
        if (last == null) {
            return 0;
        }
        var headQuery = db.selectFrom(HEAD).where(HEAD_ID.eq(1));
        if (rowLocks) {
            headQuery.forUpdate().fetchSingle();
        }
        int deleted = db.deleteFrom(EVENT).where(SEQ.le(last.get(SEQ))).execute();
        db.update(HEAD).set(ANCHOR_SEQ, last.get(SEQ)).set(ANCHOR_HASH, last.get(HASH)).where(HEAD_ID.eq(1)).execute();
        return deleted;
    }

    private static Verification broken(long checked, long seq, String problem) {
        return new Verification(checked, Optional.of(seq), Optional.of("event " + seq + ": " + problem));
    }

    private static AuditEvent toEvent(Record row) {
        return new AuditEvent(row.get(SEQ), Instant.ofEpochMilli(row.get(OCCURRED_AT)), row.get(ACTOR), row.get(CLIENT_IP),
                row.get(ACTION), row.get(TARGET), AuditEvent.Outcome.valueOf(row.get(OUTCOME)),
                AuditChain.details(row.get(DETAILS)));
    }
}
