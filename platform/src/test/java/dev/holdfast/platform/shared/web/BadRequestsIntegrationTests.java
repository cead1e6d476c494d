package dev.holdfast.platform.shared.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.platform.testing.DatabaseTest;
import dev.holdfast.platform.testing.TestDatabase;
import dev.holdfast.platform.testing.TestNode;
import dev.holdfast.platform.testing.WebSession;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

class BadRequestsIntegrationTests {

    @DatabaseTest
    void unknownPathsAndBadParametersGetProblemDetailsOrTheErrorPageNeverAStackTrace(TestDatabase db) throws Exception {
        TestNode node = db.startNode();
        WebSession admin = node.session().setUp("admin", "correct horse battery staple");

        var page = admin.get("/no-such-page");
        assertThat(page.statusCode()).isEqualTo(404);
        assertThat(page.body()).contains("404 · Not Found").doesNotContain("Exception");

        admin.get("/admin/audit"); // signs the session in to the administration's application (the module gate)
        var api = HttpClient.newHttpClient().send(HttpRequest.newBuilder(node.uri("/admin/audit?before=yesterday"))
                .header("Cookie", admin.cookieHeader()).header("Accept", "application/json").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(api.statusCode()).isEqualTo(400);
        assertThat(api.headers().firstValue("Content-Type")).get().asString().startsWith("application/problem+json");
        assertThat(api.body()).contains("\"status\":400").doesNotContain("at dev.holdfast", "Exception");

        var browser = admin.get("/admin/audit?before=yesterday");
        assertThat(browser.statusCode()).isEqualTo(400);
        assertThat(browser.body()).contains("400 · Bad Request");
    }
}
