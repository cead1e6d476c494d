package dev.holdfast.platform.shared.jobs;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Jobs a test module declares, only in nodes started with {@code holdfast.test.jobs=true}. They count their runs in
 * one JVM-wide table, so runs on any node of a test (all nodes live in the test's JVM) add up.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty("holdfast.test.jobs")
public class TestJobs {

    static final String TICK = "test.tick";
    static final String BROKEN_TICK = "test.broken-tick";
    private static final Map<String, AtomicInteger> RUNS = new ConcurrentHashMap<>();

    /** A one-off job's payload. */
    public record Mark(String key) {}

    static int runs(String key) {
        AtomicInteger count = RUNS.get(key);
        return count == null ? 0 : count.get();
    }

    static void reset() {
        RUNS.clear();
    }

    private static void count(String key) {
        RUNS.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
    }

    /** Counts a run under its payload's key. */
    @Bean
    OneOffJob<Mark> markJob() {
        return new OneOffJob<>("test.mark", Mark.class, mark -> count(mark.key()));
    }

    /** Always fails, with markup in its message to show the page escapes it. */
    @Bean
    OneOffJob<Mark> failingJob() {
        return new OneOffJob<>("test.failing", Mark.class, mark -> {
            count(mark.key());
            throw new java.io.IOException("cannot reach <" + mark.key() + ">");
        });
    }

    /** Counts its runs; yearly unless {@code holdfast.test.tick-cron} says otherwise. */
    @Bean
    RecurringJob tickJob(@Value("${holdfast.test.tick-cron:0 0 0 1 1 *}") String cron) {
        return new RecurringJob(TICK, cron, java.time.ZoneId.of("Europe/Berlin"), () -> count(TICK));
    }

    /** A yearly job that always fails. */
    @Bean
    RecurringJob brokenTickJob() {
        return new RecurringJob(BROKEN_TICK, "0 0 0 1 1 *", () -> {
            count(BROKEN_TICK);
            throw new IllegalStateException("the tick is broken");
        });
    }
}
