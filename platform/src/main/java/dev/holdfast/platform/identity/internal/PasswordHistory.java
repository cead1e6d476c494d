package dev.holdfast.platform.identity.internal;

import static dev.holdfast.platform.identity.internal.PasswordTables.*;

import java.util.List;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

/** The hashes of each user's earlier passwords, newest first, kept as long as the policy looks back. */
@Component
class PasswordHistory {

    private final DSLContext db;

    PasswordHistory(DSLContext db) {
        this.db = db;
    }

    /** The last {@code count} password hashes of the user, the current one included. */
    List<String> recent(String userId, int count) {
        return db.select(HISTORY_HASH).from(HISTORY).where(HISTORY_USER.eq(userId))
                .orderBy(HISTORY_SET_AT.desc()).limit(count).fetch(HISTORY_HASH);
    }

    /** Remembers a new hash and forgets all but the newest {@code keep}; in the caller's transaction. */
    void add(String userId, String hash, long at, int keep) {
        db.insertInto(HISTORY).set(HISTORY_USER, userId).set(HISTORY_HASH, hash).set(HISTORY_SET_AT, at).execute();
        List<Long> kept = db.select(HISTORY_SET_AT).from(HISTORY).where(HISTORY_USER.eq(userId))
                .orderBy(HISTORY_SET_AT.desc()).limit(Math.max(keep, 1)).fetch(HISTORY_SET_AT);
        db.deleteFrom(HISTORY).where(HISTORY_USER.eq(userId).and(HISTORY_SET_AT.lt(kept.getLast()))).execute();
    }
}
