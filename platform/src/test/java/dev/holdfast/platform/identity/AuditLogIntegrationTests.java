package dev.holdfast.platform.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import dev.holdfast.platform.identity.AuditEvent.Outcome;
import dev.holdfast.platform.testing.DatabaseTest;
import dev.holdfast.platform.testing.TestDatabase;
import dev.holdfast.platform.testing.TestNode;
import dev.holdfast.platform.testing.WebSession;
import java.util.List;
import java.util.Map;

class AuditLogIntegrationTests {

    private static final String PASSWORD = "correct horse battery staple";

    @DatabaseTest
    void recordsSetupSignInsFailuresAndSignOutsWithWhoAndWhereFrom(TestDatabase db) {
        TestNode node = db.startNode();
        node.session().setUp("admin", PASSWORD);
        WebSession browser = node.session();
        browser.get("/login");
        browser.post("/login", Map.of("username", "admin", "password", "not the password"));
        browser.signIn("admin", PASSWORD);
        browser.get("/");
        browser.post("/logout", Map.of());

        List<AuditEvent> events = node.bean(AuditLog.class).search(AuditLog.Filter.any(), 10);

        assertThat(events).extracting(AuditEvent::action)
                .containsExactly("logout.succeeded", "login.succeeded", "login.failed", "setup.completed");
        assertThat(events).allSatisfy(event -> assertThat(event.clientIp()).isEqualTo("127.0.0.1"));
        assertThat(events.get(2).outcome()).isEqualTo(Outcome.FAILURE);
        assertThat(events.get(2).details()).containsEntry("reason", "wrong username or password");
        assertThat(events.get(2).toString()).doesNotContain("not the password");
        assertThat(node.bean(AuditLog.class).search(new AuditLog.Filter("login.failed", null, null, null, null), 10))
                .singleElement().extracting(AuditEvent::actor).isEqualTo("admin");
    }

    @DatabaseTest
    void verificationFindsAnEditedAMissingAndACutOffEvent(TestDatabase db) {
        TestNode node = db.startNode();
        WebSession admin = node.session().setUp("admin", PASSWORD);
        admin.get("/admin/audit"); // signs in to the administration's application: event 2, oidc.authorized
        AuditLog audit = node.bean(AuditLog.class);
        for (int i = 0; i < 5; i++) {
            audit.record(AuditEvent.of("admin", null, "test.changed", "thing:" + i, Outcome.SUCCESS, Map.of("n", "" + i)));
        }
        assertThat(admin.get("/admin/audit/verify").body()).contains("\"intact\":true", "\"events\":7");

        var events = table(name("identity_audit_event"));
        var seq = field(name("seq"), Long.class);
        var details = field(name("details"), String.class);
        String original = db.dsl().select(details).from(events).where(seq.eq(3L)).fetchSingle(details);
        db.dsl().update(events).set(details, "{\"n\":\"edited\"}").where(seq.eq(3L)).execute();
        var edited = admin.get("/admin/audit/verify");
        assertThat(edited.statusCode()).isEqualTo(409);
        assertThat(edited.body()).contains("\"firstBrokenSeq\":3", "changed after it was recorded");
        db.dsl().update(events).set(details, original).where(seq.eq(3L)).execute();
        assertThat(audit.verify().intact()).isTrue();

        db.dsl().deleteFrom(events).where(seq.eq(7L)).execute();
        assertThat(audit.verify().problem()).hasValueSatisfying(problem -> assertThat(problem).contains("the log ends at 6"));

        db.dsl().deleteFrom(events).where(seq.eq(4L)).execute();
        assertThat(audit.verify().problem()).hasValueSatisfying(problem -> assertThat(problem).contains("event 4 is missing"));
    }

    @DatabaseTest
    void exportsEveryEventAsOneJsonLine(TestDatabase db) {
        TestNode node = db.startNode();
        WebSession admin = node.session().setUp("admin", PASSWORD);
        admin.get("/admin/audit"); // signs in to the administration's application: event 2, oidc.authorized
        node.bean(AuditLog.class).record(AuditEvent.of("admin", null, "test.exported", null, Outcome.SUCCESS,
                Map.of("quote", "a \"quoted\"\nvalue")));

        var export = admin.get("/admin/audit/export");

        assertThat(export.headers().firstValue("Content-Type")).get().asString().startsWith("application/jsonl");
        assertThat(export.body().lines().toList()).hasSize(3)
                .allSatisfy(line -> assertThat(line).startsWith("{").endsWith("}"))
                .last().asString().contains("\"action\":\"test.exported\"", "a \\\"quoted\\\"\\nvalue");
        assertThat(admin.get("/admin/audit?action=test.exported").body()).contains("test.exported").doesNotContain("setup.completed");
    }

    @DatabaseTest
    void retentionPrunesOldEventsAndTheChainStillVerifies(TestDatabase db) throws Exception {
        TestNode node = db.startNode(Map.of("holdfast.identity.audit-retention", "1s", "holdfast.jobs.poll-interval", "200ms"));
        node.session().setUp("admin", PASSWORD);
        AuditLog audit = node.bean(AuditLog.class);
        audit.record(AuditEvent.of("admin", null, "test.old", null, Outcome.SUCCESS, Map.of()));
        Thread.sleep(1100);

        node.bean(dev.holdfast.platform.shared.jobs.Jobs.class)
                .runNow(node.context().getBean("identityRetention", dev.holdfast.platform.shared.jobs.RecurringJob.class));
        java.time.Instant deadline = java.time.Instant.now().plusSeconds(30);
        while (!audit.search(AuditLog.Filter.any(), 10).isEmpty() && java.time.Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }

        assertThat(audit.search(AuditLog.Filter.any(), 10)).isEmpty();
        audit.record(AuditEvent.of("admin", null, "test.new", null, Outcome.SUCCESS, Map.of()));
        assertThat(audit.verify().intact()).isTrue();
        assertThat(audit.search(AuditLog.Filter.any(), 10)).singleElement().extracting(AuditEvent::seq).isEqualTo(3L);
    }
}
