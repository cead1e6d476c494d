package dev.holdfast.platform.identity.internal;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import dev.holdfast.platform.shared.database.DatabaseKind;
import dev.holdfast.platform.shared.database.DatabaseReady;
import dev.holdfast.platform.shared.live.LiveListener;
import dev.holdfast.platform.shared.live.LiveUpdates;
import dev.holdfast.platform.shared.live.Topic;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What makes a machine credential stop working before its time, known on every node: revoked access tokens of the
 * provider (their SHA-256, listed until they would have expired) and a generation that moves whenever an API token,
 * a user or their roles changed, so caches of resolved credentials ({@link MachineCredentials}) drop what they hold.
 *
 * <p>Kept in the database ({@code identity_revoked_access_token}, {@code identity_credential_revision}, written in
 * the transaction of the change) and in memory. After the change commits, this node applies it at once and tells the
 * others on the live channel (family {@value #FAMILY}, which no browser may subscribe to); a node hearing it reads
 * the revision and, when it moved, the list. A request asks memory only: {@link #revoked} is a hash-map lookup.
 * Thread-safe.
 *
 * <p>When the revision is read otherwise (one primary-key read, never on a request's path):
 * <ul>
 * <li>On PostgreSQL, when the live channel says this node may have missed events ({@link #missed}: its listening
 * connection was lost and is back, or it just started listening), and every {@link #SAFETY_POLL} besides: an event
 * can also be lost where nothing tells the listeners, on the publishing node (its NOTIFY failed while the database
 * was away, or its outbox was full), and a revoked token must not then work until it expires.
 * <li>On SQLite, every {@link #POLL}: there the live channel never crosses nodes (no relay), so nodes sharing the
 * file learn of each other's changes only by reading.
 * </ul>
 */
@Component
public class RevokedCredentials implements LiveListener, DisposableBean {

    static final String FAMILY = "credentials";
    private static final Logger log = LoggerFactory.getLogger(RevokedCredentials.class);
    private static final Table<Record> REVOKED = table(name("identity_revoked_access_token"));
    private static final Field<String> HASH = field(name("token_hash"), String.class);
    private static final Field<Long> EXPIRES_AT = field(name("expires_at"), Long.class);
    private static final Table<Record> REVISION = table(name("identity_credential_revision"));
    private static final Field<Integer> ID = field(name("id"), Integer.class);
    private static final Field<Long> VALUE = field(name("revision"), Long.class);
    /** How often a SQLite node reads the revision: the only way it learns of another node's change. */
    static final Duration POLL = Duration.ofSeconds(1);
    /** How often a PostgreSQL node reads the revision without being told to: for events lost where nobody noticed. */
    static final Duration SAFETY_POLL = Duration.ofSeconds(60);

    private final DSLContext db;
    private final Clock clock;
    private final LiveUpdates live;
    private final TransactionTemplate transactions;
    private final String instance = Long.toString(new SecureRandom().nextLong() >>> 1, 36);
    private final AtomicLong generation = new AtomicLong();
    /** Holds one wake-up at most: one asked for while a reload runs is kept, so the next read follows it. */
    private final ArrayBlockingQueue<Boolean> wake = new ArrayBlockingQueue<>(1);
    private volatile Duration pollEvery = POLL;
    private volatile Map<String, Long> revoked = Map.of();
    private volatile long seenRevision = Long.MIN_VALUE;
    private volatile boolean running = true;
    private volatile @Nullable Thread poller;

    RevokedCredentials(DSLContext db, Clock clock, LiveUpdates live, PlatformTransactionManager transactions) {
        this.db = db;
        this.clock = clock;
        this.live = live;
        this.transactions = new TransactionTemplate(transactions);
    }

    /**
     * Lists access tokens (SHA-256 hex of the token → its expiry, epoch ms) as revoked, in the caller's transaction
     * (or a transaction of its own); from its commit on they are refused on this node, and on the others as soon as
     * they hear of it (at once on PostgreSQL's live channel, within {@link #POLL} on SQLite). Idempotent.
     */
    public void revokeAccessTokens(Map<String, Long> tokens) {
        long now = clock.millis();
        Map<String, Long> live = new HashMap<>();
        tokens.forEach((hash, expires) -> {
            if (expires > now) {
                live.put(hash, expires);
            }
        });
        if (live.isEmpty()) {
            return;
        }
        transactions.executeWithoutResult(status -> {
            int added = 0;
            for (var token : live.entrySet()) {
                added += db.insertInto(REVOKED).set(HASH, token.getKey()).set(EXPIRES_AT, token.getValue())
                        .onConflictDoNothing().execute();
            }
            if (added > 0) {
                db.deleteFrom(REVOKED).where(EXPIRES_AT.lt(now)).execute();
                bump();
                afterCommit(() -> {
                    Map<String, Long> updated = new HashMap<>(revoked);
                    updated.putAll(live);
                    revoked = Map.copyOf(updated);
                    generation.incrementAndGet();
                });
            }
        });
    }

    /**
     * Something changed that can make an API token or a user's credentials stop working or grant something else (a
     * token revoked, a user disabled, enabled, deleted, renamed, roles or groups changed): in the caller's
     * transaction, caches everywhere are told to drop what they resolved.
     */
    public void changed() {
        transactions.executeWithoutResult(status -> {
            bump();
            afterCommit(generation::incrementAndGet);
        });
    }

    /** Whether the access token with this SHA-256 (hex) was revoked. A memory lookup. */
    public boolean revoked(String tokenHash) {
        return revoked.containsKey(tokenHash);
    }

    /** Moves on every change heard (here or from another node): a cached resolution of an older generation is stale. */
    long generation() {
        return generation.get();
    }

    private void bump() {
        db.update(REVISION).set(VALUE, VALUE.plus(1)).where(ID.eq(1)).execute();
    }

    /** Runs {@code local} after the commit; the event published here, in the transaction, is sent after it too. */
    private void afterCommit(Runnable local) {
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                local.run();
            }
        });
        try {
            live.publish(Topic.of(FAMILY), "changed", Map.of("from", instance));
        } catch (RuntimeException e) {
            log.warn("Could not tell other nodes that credentials changed (they notice within {} s): {}",
                    pollEvery.toSeconds(), e.getMessage());
        }
    }

    @EventListener
    void on(DatabaseReady ready) {
        pollEvery = ready.database().kind() == DatabaseKind.POSTGRESQL ? SAFETY_POLL : POLL;
        reload();
        if (poller == null) {
            poller = Thread.ofVirtual().name("identity-credential-revision").start(this::poll);
        }
    }

    @Override
    public String family() {
        return FAMILY;
    }

    /** Another node changed credentials: reload now (on the poller's thread, never on the live dispatcher). */
    @Override
    public void on(Topic topic, String kind, Map<String, String> data) {
        if (!instance.equals(data.get("from"))) {
            wake.offer(Boolean.TRUE);
        }
    }

    @Override
    public void missed() {
        seenRevision = Long.MIN_VALUE;
        wake.offer(Boolean.TRUE);
    }

    private void poll() {
        while (running) {
            try {
                wake.poll(pollEvery.toMillis(), TimeUnit.MILLISECONDS);
                Long revision = db.select(VALUE).from(REVISION).where(ID.eq(1)).fetchOne(VALUE);
                if (revision != null && revision != seenRevision) {
                    reload();
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                log.debug("Could not read the credential revision: {}", e.getMessage());
            }
        }
    }

    /** Reads the revision and every listed token that has not expired; then drops the caches. */
    private void reload() {
        Long revision = db.select(VALUE).from(REVISION).where(ID.eq(1)).fetchOne(VALUE);
        Map<String, Long> listed = new HashMap<>();
        db.select(HASH, EXPIRES_AT).from(REVOKED).where(EXPIRES_AT.ge(clock.millis()))
                .forEach(row -> listed.put(row.value1(), row.value2()));
        revoked = Map.copyOf(listed);
        generation.incrementAndGet();
        if (revision != null) {
            seenRevision = revision;
        }
    }

    @Override
    public void destroy() {
        running = false;
        Thread thread = poller;
        if (thread != null) {
            thread.interrupt();
        }
    }
}
