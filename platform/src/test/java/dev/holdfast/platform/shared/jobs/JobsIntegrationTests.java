package dev.holdfast.platform.shared.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.holdfast.platform.shared.database.DatabaseKind;
import dev.holdfast.platform.shared.jobs.TestJobs.Mark;
import dev.holdfast.platform.testing.DatabaseTest;
import dev.holdfast.platform.testing.TestDatabase;
import dev.holdfast.platform.testing.TcpProxy;
import dev.holdfast.platform.testing.TestNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Result;
import org.jooq.Table;
import org.junit.jupiter.api.BeforeEach;
import org.slf4j.LoggerFactory;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

class JobsIntegrationTests {

    private static final String PASSWORD = "correct horse battery staple";
    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final Table<Record> RUN = table(name("shared_job_run"));
    private static final Field<String> JOB = field(name("job"), String.class);
    private static final Field<String> INSTANCE = field(name("instance"), String.class);
    private static final Field<String> NODE = field(name("node"), String.class);
    private static final Field<String> OUTCOME = field(name("outcome"), String.class);
    private static final Field<Integer> ATTEMPT = field(name("attempt"), Integer.class);
    private static final Field<Long> SCHEDULED_FOR = field(name("scheduled_for"), Long.class);
    private static final Field<Long> STARTED_AT = field(name("started_at"), Long.class);
    private static final Field<Long> FINISHED_AT = field(name("finished_at"), Long.class);
    private static final Field<String> ERROR = field(name("error"), String.class);
    private static final Table<Record> TASKS = table(name("scheduled_tasks"));
    private static final Field<String> TASK_NAME = field(name("task_name"), String.class);

    @BeforeEach
    void forgetRuns() {
        TestJobs.reset();
    }

    @DatabaseTest
    void oneOffJobScheduledBeforeARestartRunsAfterIt(TestDatabase db) {
        TestNode before = db.startNode(settings("holdfast.jobs.enabled", "false"));
        OneOffJob<Mark> mark = markJob(before);
        JobInstance scheduled = before.bean(Jobs.class).enqueue(mark, new Mark("survivor"));
        assertThat(db.dsl().fetchCount(TASKS, TASK_NAME.eq("test.mark"))).isEqualTo(1);
        before.close();

        db.startNode(settings("holdfast.jobs.node-name", "after-restart"));

        awaitUntil(() -> TestJobs.runs("survivor") == 1, "the job scheduled before the restart ran");
        awaitUntil(() -> db.dsl().fetchCount(TASKS, TASK_NAME.eq("test.mark")) == 0, "the job left the schedule");
        Record run = db.dsl().selectFrom(RUN).where(JOB.eq("test.mark")).fetchSingle();
        assertThat(run.get(INSTANCE)).isEqualTo(scheduled.instance());
        assertThat(run.get(NODE)).isEqualTo("after-restart");
        assertThat(run.get(OUTCOME)).isEqualTo("SUCCEEDED");
    }

    @DatabaseTest
    void schedulingJoinsTheCallersTransaction(TestDatabase db) {
        TestNode node = db.startNode(settings());
        Jobs jobs = node.bean(Jobs.class);
        DSLContext dsl = node.bean(DSLContext.class);
        var transactions = new TransactionTemplate(node.bean(PlatformTransactionManager.class));
        Table<Record> tokens = table(name("identity_setup_token"));
        Field<String> tokenHash = field(name("token_hash"), String.class);

        transactions.executeWithoutResult(status -> {
            jobs.enqueue(markJob(node), new Mark("rolled-back"));
            status.setRollbackOnly();
        });
        assertThat(db.dsl().fetchCount(TASKS, TASK_NAME.eq("test.mark"))).as("a job scheduled in a rolled-back transaction").isZero();

        transactions.executeWithoutResult(status -> {
            dsl.insertInto(tokens).set(tokenHash, "written-with-the-job").set(field(name("created_at"), Long.class), 0L)
                    .set(field(name("expires_at"), Long.class), Long.MAX_VALUE).execute();
            jobs.enqueue(markJob(node), new Mark("committed"));
        });
        awaitUntil(() -> TestJobs.runs("committed") == 1, "the job scheduled in a committed transaction ran");
        assertThat(db.dsl().fetchCount(tokens, tokenHash.eq("written-with-the-job"))).isEqualTo(1);
        assertThat(TestJobs.runs("rolled-back")).isZero();
    }

    @DatabaseTest
    void twoNodesRunEachDueOneOffJobAndEachRecurringDueTimeExactlyOnce(TestDatabase db) {
        TestNode a = db.startNode(settings("holdfast.jobs.node-name", "node-a", "holdfast.test.tick-cron", "* * * * * *"));
        TestNode b = db.startNode(settings("holdfast.jobs.node-name", "node-b", "holdfast.test.tick-cron", "* * * * * *"));
        Jobs jobs = a.bean(Jobs.class);
        List<String> keys = IntStream.range(0, 30).mapToObj(i -> "job-" + i).toList();
        keys.forEach(key -> jobs.enqueue(markJob(a), new Mark(key)));

        awaitUntil(() -> keys.stream().allMatch(key -> TestJobs.runs(key) >= 1), "every one-off job ran");
        awaitUntil(() -> db.dsl().fetchCount(TASKS, TASK_NAME.eq("test.mark")) == 0, "every one-off job left the schedule");
        awaitUntil(() -> succeededRuns(db, TestJobs.TICK).size() >= 4, "the recurring job ran a few times");
        b.close();
        a.close();

        assertThat(keys).allSatisfy(key -> assertThat(TestJobs.runs(key)).as("runs of " + key).isEqualTo(1));
        assertThat(db.dsl().fetchCount(RUN, JOB.eq("test.mark"))).isEqualTo(keys.size());
        List<Long> dueTimes = succeededRuns(db, TestJobs.TICK).getValues(SCHEDULED_FOR);
        assertThat(dueTimes).as("each due time of the recurring job ran once").doesNotHaveDuplicates();
        assertThat(TestJobs.runs(TestJobs.TICK)).isEqualTo(dueTimes.size());
    }

    @DatabaseTest
    void failingJobIsRetriedWithGrowingDelaysAndItsErrorShowsOnTheAdminPage(TestDatabase db) {
        TestNode node = db.startNode(settings());
        var admin = node.session().setUp("admin", PASSWORD);
        node.bean(Jobs.class).enqueue(failingJob(node), new Mark("flaky"));
        node.bean(Jobs.class).runNow(new JobInstance(TestJobs.BROKEN_TICK, RecurringJob.INSTANCE));

        awaitUntil(() -> db.dsl().fetchCount(RUN, JOB.eq("test.failing").and(OUTCOME.eq("GAVE_UP"))) == 1,
                "the one-off job was given up");
        awaitUntil(() -> db.dsl().fetchCount(RUN, JOB.eq(TestJobs.BROKEN_TICK).and(OUTCOME.eq("GAVE_UP"))) == 1,
                "the recurring job was given up until its next due time");

        Result<Record> runs = db.dsl().selectFrom(RUN).where(JOB.eq("test.failing")).orderBy(STARTED_AT).fetch();
        assertThat(runs.getValues(ATTEMPT)).containsExactly(1, 2, 3);
        assertThat(runs.getValues(OUTCOME)).containsExactly("FAILED", "FAILED", "GAVE_UP");
        assertThat(runs.getValues(ERROR)).containsOnly("IOException: cannot reach <flaky>");
        assertThat(TestJobs.runs("flaky")).isEqualTo(3);
        long firstWait = runs.get(1).get(STARTED_AT) - runs.get(0).get(FINISHED_AT);
        long secondWait = runs.get(2).get(STARTED_AT) - runs.get(1).get(FINISHED_AT);
        assertThat(firstWait).as("wait before the 2nd attempt").isGreaterThanOrEqualTo(300);
        assertThat(secondWait).as("wait before the 3rd attempt").isGreaterThanOrEqualTo(600);
        assertThat(db.dsl().fetchCount(TASKS, TASK_NAME.eq("test.failing"))).as("a given-up one-off job is dropped").isZero();
        assertThat(TestJobs.runs(TestJobs.BROKEN_TICK)).isEqualTo(3);

        var page = admin.get("/admin/jobs");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body())
                .contains("IOException: cannot reach &lt;flaky&gt;")
                .doesNotContain("<flaky>")
                .contains("IllegalStateException: the tick is broken");
        String brokenRow = row(page.body(), TestJobs.BROKEN_TICK);
        assertThat(brokenRow).contains(">failing<", ">3<", "the tick is broken", "Run now");
    }

    @DatabaseTest
    void runNowOnTheAdminPageRunsTheJobAndBadRequestsAreRefusedClearly(TestDatabase db) {
        TestNode node = db.startNode(settings());
        var admin = node.session().setUp("admin", PASSWORD);
        var page = admin.get("/admin/jobs");
        assertThat(row(page.body(), TestJobs.TICK)).contains(">scheduled<", "Run now");
        assertThat(TestJobs.runs(TestJobs.TICK)).isZero();

        var ran = admin.post("/admin/jobs/run", Map.of("job", TestJobs.TICK, "instance", RecurringJob.INSTANCE));

        assertThat(ran.statusCode()).isEqualTo(302);
        assertThat(ran.headers().firstValue("Location")).get().asString().endsWith("/admin/jobs?ran=test.tick%2Frecurring");
        assertThat(admin.get("/admin/jobs?ran=test.tick%2Frecurring").body()).contains("test.tick/recurring will run now.");
        awaitUntil(() -> TestJobs.runs(TestJobs.TICK) == 1, "the recurring job ran");
        awaitUntil(() -> !succeededRuns(db, TestJobs.TICK).isEmpty(), "its run is in the history");
        assertThat(row(admin.get("/admin/jobs").body(), TestJobs.TICK)).as("it is scheduled for its next due time again")
                .contains(">scheduled<");
        assertThat(metrics(node)).as("runs are counted per job in the metrics")
                .anyMatch(line -> line.startsWith("dbscheduler_task_completions_total{") && line.contains("result=\"ok\"")
                        && line.contains("task=\"test.tick\"") && line.endsWith(" 1.0"));

        var unknown = admin.post("/admin/jobs/run", Map.of("job", "no.such-job", "instance", "x"));
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("Job no.such-job/x is not scheduled");
        var gone = admin.post("/admin/jobs/run", Map.of("job", "test.mark", "instance", "gone"));
        assertThat(gone.statusCode()).isEqualTo(404);
        var incomplete = admin.post("/admin/jobs/run", Map.of("job", TestJobs.TICK));
        assertThat(incomplete.statusCode()).isEqualTo(400);
        assertThat(incomplete.body()).contains("needs a job and an instance");
    }

    @DatabaseTest
    void jobsPageIsForAdministratorsOnly(TestDatabase db) {
        TestNode node = db.startNode(settings());
        node.session().setUp("admin", PASSWORD);
        String hash = node.bean(PasswordEncoder.class).encode(PASSWORD);
        db.dsl().insertInto(table(name("identity_user")))
                .set(field(name("id"), String.class), UUID.randomUUID().toString())
                .set(field(name("username"), String.class), "clerk")
                .set(field(name("username_key"), String.class), "clerk")
                .set(field(name("password_hash"), String.class), hash)
                .set(field(name("enabled"), Boolean.class), true)
                .set(field(name("created_at"), Long.class), System.currentTimeMillis())
                .execute();

        var clerk = node.session().signIn("clerk", PASSWORD);

        assertThat(clerk.get("/").body()).doesNotContain("/admin/jobs");
        assertThat(clerk.get("/admin/jobs").statusCode()).isEqualTo(403);
        assertThat(clerk.post("/admin/jobs/run", Map.of("job", TestJobs.TICK, "instance", RecurringJob.INSTANCE)).statusCode())
                .isEqualTo(403);
        assertThat(TestJobs.runs(TestJobs.TICK)).isZero();
        var admin = node.session().signIn("admin", PASSWORD);
        assertThat(admin.get("/").body()).contains("href=\"/admin/jobs\"");
    }

    @DatabaseTest
    void housekeepingRemovesExpiredSetupTokensAndOldJobHistory(TestDatabase db) {
        TestNode node = db.startNode(settings("holdfast.jobs.housekeeping-cron", "* * * * * *",
                "holdfast.jobs.history-retention", "1h"));
        DSLContext dsl = db.dsl();
        long now = System.currentTimeMillis();
        Table<Record> tokens = table(name("identity_setup_token"));
        Field<String> tokenHash = field(name("token_hash"), String.class);
        dsl.insertInto(tokens)
                .set(tokenHash, "expired")
                .set(field(name("created_at"), Long.class), now - 7_200_000)
                .set(field(name("expires_at"), Long.class), now - 3_600_000)
                .execute();
        insertRun(dsl, "old", now - 7_200_000);
        insertRun(dsl, "recent", now - 60_000);

        awaitUntil(() -> dsl.fetchCount(tokens, tokenHash.eq("expired")) == 0, "the expired setup token was removed");
        awaitUntil(() -> dsl.fetchCount(RUN, INSTANCE.eq("old")) == 0, "the old job run was removed");

        assertThat(dsl.fetchCount(RUN, INSTANCE.eq("recent"))).isEqualTo(1);
        assertThat(node.session().get(node.setupLink()).statusCode()).as("the valid setup link still works").isEqualTo(200);
        awaitUntil(() -> !succeededRuns(db, "identity.setup-token-cleanup").isEmpty()
                && !succeededRuns(db, "shared.job-history-cleanup").isEmpty(), "both housekeeping jobs are in the history");
    }

    @DatabaseTest
    void jobDaemonPausesWhileTheDatabaseIsAwayAndCatchesUpAfter(TestDatabase db) throws InterruptedException {
        assumeTrue(db.kind() == DatabaseKind.POSTGRESQL, "only a database server can be cut off from a node; an SQLite file cannot");
        Matcher server = Pattern.compile("//([^:/]+):(\\d+)/").matcher(db.url());
        assertThat(server.find()).isTrue();
        try (TcpProxy proxy = TcpProxy.to(server.group(1), Integer.parseInt(server.group(2)))) {
            TestNode node = db.startNode(settings("holdfast.database.url", server.replaceFirst("//127.0.0.1:" + proxy.port() + "/"),
                    "holdfast.database.connect-timeout", "250ms"));
            node.bean(Jobs.class).schedule(markJob(node), new Mark("late"), Instant.now().plusSeconds(1));
            ListAppender<ILoggingEvent> logs = captureLogs();

            proxy.cut();
            awaitUntil(() -> logged(logs, "the job daemon pauses"), "the daemon noticed the database is away");
            Thread.sleep(2000); // time in which polling every 100 ms would have logged about 20 stack traces
            proxy.restore();

            awaitUntil(() -> TestJobs.runs("late") == 1, "the job due while the database was away ran");
            assertThat(logged(logs, "the job daemon resumes")).isTrue();
            long errors = logs.list.stream().filter(event -> event.getLevel() == Level.ERROR).count();
            assertThat(errors).as("errors logged while the database was away").isLessThanOrEqualTo(2);
        }
    }

    private static List<String> metrics(TestNode node) {
        try {
            var response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(node.uri("/actuator/prometheus")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            return response.body().lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static ListAppender<ILoggingEvent> captureLogs() {
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        for (String name : List.of("com.github.kagkarlsson", "dev.holdfast.platform.shared.jobs")) {
            ((Logger) LoggerFactory.getLogger(name)).addAppender(appender);
        }
        return appender;
    }

    private static boolean logged(ListAppender<ILoggingEvent> logs, String text) {
        return List.copyOf(logs.list).stream().anyMatch(event -> event.getFormattedMessage().contains(text));
    }

    private static void insertRun(DSLContext dsl, String instance, long finishedAt) {
        dsl.insertInto(RUN)
                .set(field(name("id"), String.class), UUID.randomUUID().toString())
                .set(JOB, "test.mark")
                .set(INSTANCE, instance)
                .set(NODE, "elsewhere")
                .set(SCHEDULED_FOR, finishedAt - 1000)
                .set(STARTED_AT, finishedAt - 1000)
                .set(FINISHED_AT, finishedAt)
                .set(ATTEMPT, 1)
                .set(OUTCOME, "SUCCEEDED")
                .execute();
    }

    private static Result<Record> succeededRuns(TestDatabase db, String job) {
        return db.dsl().selectFrom(RUN).where(JOB.eq(job).and(OUTCOME.eq("SUCCEEDED"))).fetch();
    }

    @SuppressWarnings("unchecked")
    private static OneOffJob<Mark> markJob(TestNode node) {
        return (OneOffJob<Mark>) node.context().getBean("markJob", OneOffJob.class);
    }

    @SuppressWarnings("unchecked")
    private static OneOffJob<Mark> failingJob(TestNode node) {
        return (OneOffJob<Mark>) node.context().getBean("failingJob", OneOffJob.class);
    }

    /** The table row of a job on the jobs page. */
    private static String row(String page, String job) {
        int start = page.indexOf("<tr data-job=\"" + job + "\"");
        assertThat(start).as("row of " + job + " on the jobs page").isNotNegative();
        return page.substring(start, page.indexOf("</tr>", start));
    }

    private static Map<String, String> settings(String... pairs) {
        Map<String, String> settings = new HashMap<>(Map.of(
                "holdfast.test.jobs", "true",
                "holdfast.jobs.poll-interval", "100ms",
                "holdfast.jobs.retry-backoff", "300ms",
                "holdfast.jobs.max-attempts", "3",
                "holdfast.jobs.shutdown-wait", "2s"));
        for (int i = 0; i < pairs.length; i += 2) {
            settings.put(pairs[i], pairs[i + 1]);
        }
        return settings;
    }

    private static void awaitUntil(BooleanSupplier condition, String what) {
        Instant deadline = Instant.now().plus(DEADLINE);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("not within " + DEADLINE.toSeconds() + " s: " + what);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
