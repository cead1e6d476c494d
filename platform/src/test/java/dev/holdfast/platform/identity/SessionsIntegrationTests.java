package dev.holdfast.platform.identity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.platform.testing.DatabaseTest;
import dev.holdfast.platform.testing.TestDatabase;
import dev.holdfast.platform.testing.TestNode;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

class SessionsIntegrationTests {

    @DatabaseTest
    void aSignInHoldsOnEveryNodeOfTheDatabaseAndAcrossRestartsUntilSignOut(TestDatabase db) throws Exception {
        TestNode first = db.startNode();
        String cookie = first.session().setUp("admin", "correct horse battery staple").cookieHeader();
        TestNode second = db.startNode();

        assertThat(home(second, cookie).body()).contains("Welcome, admin");
        first.close();
        TestNode third = db.startNode();
        assertThat(home(third, cookie).body()).contains("Welcome, admin");

        var browser = third.session();
        browser.signIn("admin", "correct horse battery staple");
        String other = browser.cookieHeader();
        browser.get("/");
        browser.post("/logout", java.util.Map.of());
        assertThat(home(second, other).statusCode()).as("signed out everywhere").isEqualTo(302);
        assertThat(home(second, cookie).statusCode()).as("the other session lives on").isEqualTo(200);
    }

    private static HttpResponse<String> home(TestNode node, String cookie) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(node.uri("/")).header("Cookie", cookie).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
