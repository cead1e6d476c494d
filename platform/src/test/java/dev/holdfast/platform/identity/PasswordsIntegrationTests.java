package dev.holdfast.platform.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import dev.holdfast.platform.testing.DatabaseTest;
import dev.holdfast.platform.testing.TestDatabase;
import dev.holdfast.platform.testing.TestNode;
import dev.holdfast.platform.testing.WebSession;
import java.util.Map;

class PasswordsIntegrationTests {

    private static final String PASSWORD = "correct horse battery staple";
    private static final String NEW_PASSWORD = "a quiet harbour at noon";

    @DatabaseTest
    void changingThePasswordNeedsTheCurrentOneAndFollowsThePolicyAndHistory(TestDatabase db) {
        TestNode node = db.startNode();
        WebSession admin = node.session().setUp("admin", PASSWORD);
        WebSession elsewhere = node.session().signIn("admin", PASSWORD);
        admin.get("/account/password");

        var wrongCurrent = change(admin, "not my password", NEW_PASSWORD);
        assertThat(wrongCurrent.statusCode()).isEqualTo(422);
        assertThat(wrongCurrent.body()).contains("This is not your current password.");

        var weak = change(admin, PASSWORD, "password1234");
        assertThat(weak.statusCode()).isEqualTo(422);
        assertThat(weak.body()).contains("This password is too easy to guess", "This is a very common password.",
                "Add another word or two.");

        var changed = change(admin, PASSWORD, NEW_PASSWORD);
        assertThat(changed.statusCode()).isEqualTo(200);
        assertThat(changed.body()).contains("Your password is changed.");
        assertThat(elsewhere.get("/").statusCode()).as("other sessions end").isEqualTo(302);

        var reused = change(admin, NEW_PASSWORD, PASSWORD);
        assertThat(reused.statusCode()).isEqualTo(422);
        assertThat(reused.body()).contains("You used this password recently; choose one that is not among your last 5.");

        node.session().signIn("admin", NEW_PASSWORD);
        assertThat(node.bean(AuditLog.class).search(AuditLog.Filter.any(), 20)).extracting(AuditEvent::action)
                .contains("password.changed", "password.change_failed");
        assertThat(node.bean(AuditLog.class).search(new AuditLog.Filter("password.changed", null, null, null, null), 1))
                .singleElement().satisfies(event -> assertThat(event.details().toString()).doesNotContain(NEW_PASSWORD));
    }

    @DatabaseTest
    void anExpiredPasswordMustBeChangedBeforeAnythingElse(TestDatabase db) throws Exception {
        TestNode node = db.startNode(Map.of("holdfast.identity.password.max-age", "2s"));
        node.session().setUp("admin", PASSWORD);
        Thread.sleep(2100);

        WebSession admin = node.session().signIn("admin", PASSWORD);
        for (String path : new String[] {"/", "/admin/identity", "/account/sessions"}) {
            var page = admin.get(path);
            assertThat(page.statusCode()).as(path).isEqualTo(302);
            assertThat(page.headers().firstValue("Location")).get().asString().as(path).endsWith("/account/password");
        }
        var form = admin.get("/account/password");
        assertThat(form.body()).contains("Your password has expired.");
        assertThat(change(admin, PASSWORD, NEW_PASSWORD).statusCode()).isEqualTo(200);
        assertThat(admin.get("/").statusCode()).isEqualTo(200);
        assertThat(node.bean(AuditLog.class).search(new AuditLog.Filter("password.change_forced", null, null, null, null), 5))
                .hasSize(1);
    }

    @DatabaseTest
    void aSignInRehashesAPasswordStoredWithOtherArgon2Parameters(TestDatabase db) {
        // The default until November 2026 (19 MiB, 2 passes): such hashes must keep working and move to the new one.
        TestNode before = db.startNode(Map.of("holdfast.identity.password.hash-memory", "19MB",
                "holdfast.identity.password.hash-iterations", "2"));
        before.session().setUp("admin", PASSWORD);
        assertThat(storedHash(db)).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
        before.close();

        TestNode standard = db.startNode();
        WebSession admin = standard.session().signIn("admin", PASSWORD);
        assertThat(admin.get("/").statusCode()).isEqualTo(200);
        String rehashed = storedHash(db);
        assertThat(rehashed).startsWith("$argon2id$v=19$m=7168,t=5,p=1$");
        standard.session().signIn("admin", PASSWORD);
        assertThat(storedHash(db)).as("rehashed once, not at every sign-in").isEqualTo(rehashed);
    }

    private static String storedHash(TestDatabase db) {
        return db.dsl().select(field(name("password_hash"), String.class)).from(table(name("identity_user")))
                .fetchOne(field(name("password_hash"), String.class));
    }

    private static java.net.http.HttpResponse<String> change(WebSession session, String current, String next) {
        return session.post("/account/password", Map.of("current", current, "password", next, "passwordConfirmation", next));
    }
}
