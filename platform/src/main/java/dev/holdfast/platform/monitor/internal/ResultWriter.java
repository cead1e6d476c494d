package dev.holdfast.platform.monitor.internal;

import static dev.holdfast.platform.monitor.internal.MonitorTables.*;

import dev.holdfast.platform.shared.live.LiveUpdates;
import dev.holdfast.platform.shared.live.Topic;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jooq.DSLContext;
import org.jooq.InsertValuesStep5;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The single writer of check outcomes: collects them and writes a batch every flush interval (or sooner when the
 * batch is full) in one transaction: raw results, the state rows, incidents opened and closed, and inside that
 * transaction the {@link dev.holdfast.platform.monitor.MonitorStateChanged} events and live updates. While the
 * database is away the batch waits and is written when it is back.
 */
@Component
class ResultWriter {

    private static final Logger log = LoggerFactory.getLogger(ResultWriter.class);
    private static final int MAX_QUEUED = 200_000;

    private final DSLContext db;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;
    private final LiveUpdates live;
    private final MonitorSettings settings;
    private final Counter resultRows;
    private final Counter statusRows;
    private final Counter incidentRows;
    private final Counter transactionsDone;
    private final BlockingQueue<Outcome> queue = new LinkedBlockingQueue<>(MAX_QUEUED);
    private final Object idle = new Object();
    private volatile @Nullable Thread thread;
    private volatile boolean writing;

    ResultWriter(DSLContext db, TransactionTemplate transactions, ApplicationEventPublisher events, LiveUpdates live,
            MonitorSettings settings, MeterRegistry meters) {
        this.db = db;
        this.transactions = transactions;
        this.events = events;
        this.live = live;
        this.settings = settings;
        this.resultRows = rowsWritten(meters, "result");
        this.statusRows = rowsWritten(meters, "status");
        this.incidentRows = rowsWritten(meters, "incident");
        this.transactionsDone = writeTransactions(meters, "results");
    }

    /** Rows monitoring wrote, per table (for bench/monitor and operators watching the database's load). */
    static Counter rowsWritten(MeterRegistry meters, String table) {
        return Counter.builder("holdfast.monitor.rows.written").tag("table", table)
                .description("Rows monitoring inserted or updated, per table").register(meters);
    }

    static Counter writeTransactions(MeterRegistry meters, String writer) {
        return Counter.builder("holdfast.monitor.write.transactions").tag("writer", writer)
                .description("Transactions monitoring committed to write results or rollups").register(meters);
    }

    /** Queues an outcome; drops it with a log line when the queue is full (the database has been away long). */
    void add(Outcome outcome) {
        if (!queue.offer(outcome)) {
            log.warn("Monitor results are piling up ({} queued); dropping a result of monitor {}", MAX_QUEUED, outcome.monitorId());
        }
    }

    synchronized void start() {
        if (thread == null) {
            // assigned before it starts: the loop runs while it is the writer thread
            Thread writerThread = Thread.ofPlatform().daemon().name("monitor-writer").unstarted(this::loop);
            thread = writerThread;
            writerThread.start();
        }
    }

    synchronized void stop() {
        Thread running = thread;
        thread = null;
        if (running != null) {
            running.interrupt();
        }
    }

    /** Waits until everything queued so far is written (tests, shutdown). */
    boolean awaitIdle(long millis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        while (System.currentTimeMillis() < deadline) {
            if (queue.isEmpty() && !writing) {
                return true;
            }
            Thread.sleep(20);
        }
        return false;
    }

    private void loop() {
        List<Outcome> batch = new ArrayList<>();
        boolean failing = false;
        while (thread == Thread.currentThread()) {
            try {
                if (batch.isEmpty()) {
                    Outcome first = queue.poll(settings.flushInterval().toMillis(), TimeUnit.MILLISECONDS);
                    if (first == null) {
                        continue;
                    }
                    writing = true;
                    batch.add(first);
                    long deadline = System.nanoTime() + settings.flushInterval().toNanos();
                    while (batch.size() < settings.flushSize()) {
                        Outcome next = queue.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                        if (next == null) {
                            break;
                        }
                        batch.add(next);
                    }
                }
                write(batch);
                if (failing) {
                    log.info("Monitor results are written again");
                    failing = false;
                }
                batch.clear();
                writing = false;
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                if (!failing) {
                    log.warn("Cannot write {} monitor results, retrying: {}", batch.size(), e.getMessage());
                    failing = true;
                }
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    private void write(List<Outcome> batch) {
        Integer states = transactions.execute(status -> {
            for (int from = 0; from < batch.size(); from += 200) {
                InsertValuesStep5<Record, String, Long, String, Integer, String> insert =
                        db.insertInto(RESULT, R_MONITOR, R_AT, R_STATUS, R_RESPONSE, R_MESSAGE);
                for (Outcome outcome : batch.subList(from, Math.min(batch.size(), from + 200))) {
                    insert = insert.values(outcome.monitorId(), outcome.at().toEpochMilli(), outcome.status().name(),
                            (int) Math.min(Integer.MAX_VALUE, outcome.responseMillis()), shorten(outcome.message()));
                }
                insert.execute();
            }
            Map<String, Outcome> latest = new LinkedHashMap<>();
            for (Outcome outcome : batch) {
                latest.put(outcome.monitorId(), outcome);
                if (outcome.openedIncident() != null) {
                    db.insertInto(INCIDENT).set(I_ID, outcome.openedIncident()).set(I_MONITOR, outcome.monitorId())
                            .set(I_START, outcome.at().toEpochMilli()).set(I_CAUSE, shorten(outcome.message())).execute();
                }
                if (outcome.closedIncident() != null) {
                    db.update(INCIDENT).set(I_END, outcome.at().toEpochMilli()).where(I_ID.eq(outcome.closedIncident())).execute();
                }
                if (outcome.event() != null) {
                    events.publishEvent(outcome.event());
                }
            }
            saveStates(List.copyOf(latest.values()));
            latest.values().forEach(outcome -> live.publish(Topic.of("monitor", outcome.monitorId()), "checked",
                    Map.of("state", outcome.state().name())));
            return latest.size();
        });
        transactionsDone.increment();
        resultRows.increment(batch.size());
        statusRows.increment(states == null ? 0 : states);
        incidentRows.increment(batch.stream().filter(o -> o.openedIncident() != null || o.closedIncident() != null).count());
    }

    /** The state rows of a batch: one multi-row upsert per 200 monitors, not a statement each. */
    private void saveStates(List<Outcome> latest) {
        for (int from = 0; from < latest.size(); from += 200) {
            var insert = db.insertInto(STATUS, S_MONITOR, S_STATE, S_SINCE, S_FAILURES, S_DOWN_SINCE, S_LAST_NOTIFIED, S_INCIDENT,
                    S_LAST_CHECK, S_RESPONSE, S_MESSAGE);
            for (Outcome outcome : latest.subList(from, Math.min(latest.size(), from + 200))) {
                insert = insert.values(outcome.monitorId(), outcome.state().name(), millis(outcome.since()), outcome.failures(),
                        millis(outcome.downSince()), millis(outcome.lastNotified()), outcome.incidentId(), outcome.at().toEpochMilli(),
                        outcome.responseMillis(), shorten(outcome.message()));
            }
            insert.onConflict(S_MONITOR).doUpdate()
                    .set(S_STATE, DSL.excluded(S_STATE)).set(S_SINCE, DSL.excluded(S_SINCE)).set(S_FAILURES, DSL.excluded(S_FAILURES))
                    .set(S_DOWN_SINCE, DSL.excluded(S_DOWN_SINCE)).set(S_LAST_NOTIFIED, DSL.excluded(S_LAST_NOTIFIED))
                    .set(S_INCIDENT, DSL.excluded(S_INCIDENT)).set(S_LAST_CHECK, DSL.excluded(S_LAST_CHECK))
                    .set(S_RESPONSE, DSL.excluded(S_RESPONSE)).set(S_MESSAGE, DSL.excluded(S_MESSAGE))
                    .execute();
        }
    }

    private static @Nullable Long millis(@Nullable Instant instant) {
        return instant == null ? null : instant.toEpochMilli();
    }

    static String shorten(String message) {
        return message.length() > 500 ? message.substring(0, 497) + "..." : message;
    }
}
