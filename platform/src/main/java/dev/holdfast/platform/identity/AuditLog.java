package dev.holdfast.platform.identity;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The append-only, hash-chained audit log. Every module records administrative changes here; identity records
 * sign-ins, failures and sessions itself.
 */
public interface AuditLog {

    /** Appends the event (in the caller's transaction, if any) and returns it with its sequence number and time. */
    AuditEvent record(AuditEvent event);

    /** Newest first, at most {@code limit} (≤ 500), filtered by whichever criteria are not null. */
    List<AuditEvent> search(Filter filter, int limit);

    /** Recomputes the whole chain. */
    Verification verify();

    /**
     * Search criteria; null means any. {@code from} is inclusive, {@code to} exclusive; {@code beforeSeq} pages
     * backwards (events with a smaller sequence number only).
     */
    record Filter(@Nullable String action, @Nullable String actor, @Nullable Instant from, @Nullable Instant to,
            @Nullable Long beforeSeq, AuditEvent.@Nullable Outcome outcome) {

        /** Any outcome. */
        public Filter(@Nullable String action, @Nullable String actor, @Nullable Instant from, @Nullable Instant to,
                @Nullable Long beforeSeq) {
            this(action, actor, from, to, beforeSeq, null);
        }

        public static Filter any() {
            return new Filter(null, null, null, null, null, null);
        }
    }

    /**
     * The outcome of a verification.
     *
     * @param events how many events were checked
     * @param firstBrokenSeq the first sequence number where the chain does not hold, if any
     * @param problem what is wrong there, in words
     */
    record Verification(long events, Optional<Long> firstBrokenSeq, Optional<String> problem) {

        public boolean intact() {
            return firstBrokenSeq.isEmpty();
        }
    }
}
