package dev.holdfast.platform.identity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.platform.identity.AuditEvent.Outcome;
import dev.holdfast.platform.testing.DatabaseTest;
import dev.holdfast.platform.testing.TestDatabase;
import dev.holdfast.platform.testing.TestNode;
import dev.holdfast.platform.testing.WebSession;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The administrators' audit page (/admin/audit): its filters and paging. */
class AuditPageIntegrationTests {

    private static final String PASSWORD = "correct horse battery staple";

    @DatabaseTest
    void theAuditPageFiltersByActionActorOutcomeAndDaysAndPagesBackwards(TestDatabase db) {
        TestNode node = db.startNode();
        WebSession admin = node.session().setUp("admin", PASSWORD);
        AuditLog audit = node.bean(AuditLog.class);
        for (int i = 0; i < 60; i++) {
            audit.record(AuditEvent.of(i % 2 == 0 ? "alice" : "bob", null, "test.tried", "thing:n" + i,
                    i % 3 == 0 ? Outcome.DENIED : Outcome.SUCCESS, Map.of()));
        }
        audit.record(AuditEvent.of("alice", null, "test.other", "thing:other", Outcome.DENIED, Map.of()));

        String denied = admin.get("/admin/audit?action=test.tried&actor=alice&outcome=denied").body();
        assertThat(rows(denied, "thing:n")).containsExactly(54, 48, 42, 36, 30, 24, 18, 12, 6, 0);
        assertThat(denied).contains("<option value=\"denied\" selected>denied</option>").doesNotContain("thing:other", "Older events");
        assertThat(admin.get("/admin/audit?outcome=DENIED&actor=alice").body()).contains("thing:other", "thing:n54");
        assertThat(admin.get("/admin/audit?outcome=maybe").statusCode()).isEqualTo(400);

        String newest = admin.get("/admin/audit?action=test.tried").body();
        assertThat(rows(newest, "thing:n")).hasSize(50).startsWith(59).endsWith(10);
        Matcher older = Pattern.compile("href=\"(/admin/audit\\?[^\"]+)\">Older events").matcher(newest);
        assertThat(older.find()).isTrue();
        String olderPage = admin.get(older.group(1).replace("&amp;", "&")).body();
        assertThat(rows(olderPage, "thing:n")).containsExactly(9, 8, 7, 6, 5, 4, 3, 2, 1, 0);
        assertThat(olderPage).contains("Newest events").doesNotContain("Older events");

        String today = LocalDate.now(ZoneOffset.UTC).toString();
        String tomorrow = LocalDate.now(ZoneOffset.UTC).plusDays(1).toString();
        assertThat(rows(admin.get("/admin/audit?action=test.other&from=" + today + "&to=" + today).body(), "thing:")).hasSize(1);
        assertThat(admin.get("/admin/audit?action=test.other&from=" + tomorrow).body()).contains("No events match.");
        assertThat(admin.get("/admin/audit?from=yesterday").statusCode()).isEqualTo(400);
    }

    /** The numbers after {@code prefix} in the page's target column, top to bottom. */
    private static List<Integer> rows(String page, String prefix) {
        Matcher target = Pattern.compile("<td>" + Pattern.quote(prefix) + "([0-9a-z]+)</td>").matcher(page);
        return target.results().map(found -> found.group(1).equals("other") ? -1 : Integer.parseInt(found.group(1))).toList();
    }
}
