package dev.holdfast.platform.monitor.internal;

import static dev.holdfast.platform.monitor.internal.MonitorTables.*;

import dev.holdfast.platform.monitor.Monitors.Resolution;
import dev.holdfast.platform.shared.jobs.RecurringJob;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jooq.Cursor;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Minutely, hourly and daily rollups of the raw results, and the retention of both. Minutes and hours are computed
 * from raw results (streamed per monitor, so p95 is exact); days from the hours (p95 of a day is the highest hourly
 * p95, an upper bound). Counts: UP is up; DOWN and PENDING are down; MAINTENANCE is left out. Response times are
 * over UP checks. Each resolution keeps a mark (the end of the last bucket done), so a run after a pause catches up
 * and a repeated run changes nothing.
 */
@Configuration(proxyBeanMethods = false)
class Rollups {

    static final Duration KEEP_MINUTES = Duration.ofHours(48);
    static final Duration KEEP_HOURS = Duration.ofDays(35);
    static final Duration KEEP_DAYS = Duration.ofDays(400);
    /** Results may reach the database this long after they were taken (the writer's batching). */
    private static final long LAG = 10_000;
    private static final long MAX_CATCH_UP = Duration.ofHours(6).toMillis();
    /**
     * Rows per round trip while streaming raw results. Without it PostgreSQL's driver reads the whole result first:
     * an hour at 10,000 monitors is 1.2 million rows, which filled a 128 MiB heap.
     */
    private static final int FETCH_SIZE = 1000;

    private final DSLContext db;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final MonitorSettings settings;
    private final Counter rollupRows;
    private final Counter transactionsDone;

    Rollups(DSLContext db, TransactionTemplate transactions, Clock clock, MonitorSettings settings, MeterRegistry meters) {
        this.db = db;
        this.transactions = transactions;
        this.clock = clock;
        this.settings = settings;
        this.rollupRows = ResultWriter.rowsWritten(meters, "rollup");
        this.transactionsDone = ResultWriter.writeTransactions(meters, "rollups");
    }

    @Bean
    RecurringJob monitorRollupJob() {
        return new RecurringJob("monitor.rollup", "15 * * * * *", () -> rollUp(clock.instant()));
    }

    @Bean
    RecurringJob monitorRetentionJob() {
        return new RecurringJob("monitor.retention", "30 7 * * * *", () -> prune(clock.instant()));
    }

    /** Rolls up every completed bucket up to {@code now} (less a short lag for results still on their way). */
    void rollUp(Instant now) {
        long until = now.toEpochMilli() - LAG;
        transactions.executeWithoutResult(status -> fromRaw(Resolution.MINUTE, until));
        transactions.executeWithoutResult(status -> fromRaw(Resolution.HOUR, until));
        transactions.executeWithoutResult(status -> daysFromHours(until));
        transactionsDone.increment(3);
    }

    /** Deletes raw results and rollups past their retention. */
    void prune(Instant now) {
        long at = now.toEpochMilli();
        db.deleteFrom(RESULT).where(R_AT.lt(at - settings.rawRetention().toMillis())).execute();
        db.deleteFrom(ROLLUP).where(U_RESOLUTION.eq("m")).and(U_BUCKET.lt(at - KEEP_MINUTES.toMillis())).execute();
        db.deleteFrom(ROLLUP).where(U_RESOLUTION.eq("h")).and(U_BUCKET.lt(at - KEEP_HOURS.toMillis())).execute();
        db.deleteFrom(ROLLUP).where(U_RESOLUTION.eq("d")).and(U_BUCKET.lt(at - KEEP_DAYS.toMillis())).execute();
    }

    private void fromRaw(Resolution resolution, long until) {
        long size = resolution.millis();
        Long first = mark(resolution);
        if (first == null) {
            Long oldest = db.select(DSL.min(R_AT)).from(RESULT).fetchOne(0, Long.class);
            if (oldest == null) {
                return;
            }
            first = floor(oldest, size);
        }
        long end = Math.min(floor(until, size), first + Math.max(size, floor(MAX_CATCH_UP, size)));
        if (end <= first) {
            return;
        }
        db.deleteFrom(ROLLUP).where(U_RESOLUTION.eq(resolution.code())).and(U_BUCKET.ge(first)).and(U_BUCKET.lt(end)).execute();
        List<Object[]> rows = new ArrayList<>();
        Bucket bucket = null;
        try (Cursor<? extends Record> cursor = db.select(R_MONITOR, R_AT, R_STATUS, R_RESPONSE).from(RESULT).where(R_AT.ge(first)).and(R_AT.lt(end))
                .orderBy(R_MONITOR, R_AT).fetchSize(FETCH_SIZE).fetchLazy()) {
            for (Record row : cursor) {
                String monitor = row.get(R_MONITOR);
                long start = floor(row.get(R_AT), size);
                if (bucket == null || !bucket.monitor.equals(monitor) || bucket.start != start) {
                    if (bucket != null && bucket.counted() > 0) {
                        rows.add(bucket.row(resolution));
                        flushIfFull(rows);
                    }
                    bucket = new Bucket(monitor, start);
                }
                bucket.add(row.get(R_STATUS), row.get(R_RESPONSE));
            }
        }
        if (bucket != null && bucket.counted() > 0) {
            rows.add(bucket.row(resolution));
        }
        insert(rows);
        setMark(resolution, end);
    }

    private void daysFromHours(long until) {
        long size = Resolution.DAY.millis();
        Long first = mark(Resolution.DAY);
        if (first == null) {
            Long oldest = db.select(DSL.min(U_BUCKET)).from(ROLLUP).where(U_RESOLUTION.eq("h")).fetchOne(0, Long.class);
            if (oldest == null) {
                return;
            }
            first = floor(oldest, size);
        }
        Long hoursDone = mark(Resolution.HOUR);
        long end = floor(Math.min(until, hoursDone == null ? 0 : hoursDone), size);
        if (end <= first) {
            return;
        }
        db.deleteFrom(ROLLUP).where(U_RESOLUTION.eq("d")).and(U_BUCKET.ge(first)).and(U_BUCKET.lt(end)).execute();
        var day = U_BUCKET.minus(U_BUCKET.mod(DSL.inline(size)));
        var weighted = DSL.sum(U_AVG.mul(U_UP));
        List<Object[]> rows = new ArrayList<>();
        db.select(U_MONITOR, day, DSL.sum(U_UP), DSL.sum(U_DOWN), weighted, DSL.min(U_MIN), DSL.max(U_MAX), DSL.max(U_P95))
                .from(ROLLUP).where(U_RESOLUTION.eq("h")).and(U_BUCKET.ge(first)).and(U_BUCKET.lt(end))
                .groupBy(U_MONITOR, day).fetch().forEach(row -> {
                    long up = number(row.get(2));
                    long avg = up == 0 ? 0 : number(row.get(4)) / up;
                    rows.add(new Object[] {row.get(0), "d", number(row.get(1)), (int) up, (int) number(row.get(3)), (int) avg,
                            (int) number(row.get(5)), (int) number(row.get(6)), (int) number(row.get(7))});
                });
        insert(rows);
        setMark(Resolution.DAY, end);
    }

    private void flushIfFull(List<Object[]> rows) {
        if (rows.size() >= 500) {
            insert(rows);
            rows.clear();
        }
    }

    private void insert(List<Object[]> rows) {
        rollupRows.increment(rows.size());
        for (int from = 0; from < rows.size(); from += 200) {
            var insert = db.insertInto(ROLLUP, U_MONITOR, U_RESOLUTION, U_BUCKET, U_UP, U_DOWN, U_AVG, U_MIN, U_MAX, U_P95);
            for (Object[] row : rows.subList(from, Math.min(rows.size(), from + 200))) {
                insert = insert.values((String) row[0], (String) row[1], (Long) row[2], (Integer) row[3], (Integer) row[4],
                        (Integer) row[5], (Integer) row[6], (Integer) row[7], (Integer) row[8]);
            }
            insert.execute();
        }
    }

    private Long mark(Resolution resolution) {
        return db.select(K_DONE_UNTIL).from(MARK).where(K_RESOLUTION.eq(resolution.code())).fetchOne(K_DONE_UNTIL);
    }

    private void setMark(Resolution resolution, long end) {
        db.insertInto(MARK).set(K_RESOLUTION, resolution.code()).set(K_DONE_UNTIL, end)
                .onConflict(K_RESOLUTION).doUpdate().set(K_DONE_UNTIL, end).execute();
    }

    private static long floor(long millis, long size) {
        return millis - Math.floorMod(millis, size);
    }

    private static long number(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }

    /** The checks of one monitor in one bucket. */
    private static final class Bucket {
        final String monitor;
        final long start;
        int up;
        int down;
        int[] times = new int[16];
        int count;

        Bucket(String monitor, long start) {
            this.monitor = monitor;
            this.start = start;
        }

        void add(String status, int responseMillis) {
            switch (status) {
                case "UP" -> {
                    up++;
                    if (count == times.length) {
                        times = Arrays.copyOf(times, count * 2);
                    }
                    times[count++] = responseMillis;
                }
                case "DOWN", "PENDING" -> down++;
                default -> { }
            }
        }

        int counted() {
            return up + down;
        }

        Object[] row(Resolution resolution) {
            int[] sorted = Arrays.copyOf(times, count);
            Arrays.sort(sorted);
            long sum = 0;
            for (int time : sorted) {
                sum += time;
            }
            int avg = count == 0 ? 0 : (int) (sum / count);
            int p95 = count == 0 ? 0 : sorted[(int) Math.ceil(count * 0.95) - 1];
            return new Object[] {monitor, resolution.code(), start, up, down, avg, count == 0 ? 0 : sorted[0],
                    count == 0 ? 0 : sorted[count - 1], p95};
        }
    }
}
