package dev.holdfast.platform.shared.live;

import dev.holdfast.platform.testing.Browser;
import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.platform.shared.database.DatabaseKind;
import dev.holdfast.platform.testing.DatabaseTest;
import dev.holdfast.platform.testing.LiveClient;
import dev.holdfast.platform.testing.TestDatabase;
import dev.holdfast.platform.testing.TestNode;
import dev.holdfast.platform.testing.WebSession;
import dev.holdfast.testkit.Peers;
import java.io.File;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.FluentWait;

/** The browser client, live.js, in headless Chromium against a whole node. */
class LiveScriptIntegrationTests {

    private static final String PASSWORD = "correct horse battery staple";

    /** Lets the test see the page's sockets and frames, and make reconnects fail (same origin, so CSP allows it). */
    private static final String SOCKET_SPY = """
            (function () {
              var Real = window.WebSocket;
              window.__sockets = []; window.__frames = []; window.__blockLive = false;
              function Spied(url, protocols) {
                var socket = new Real(window.__blockLive ? url.replace("/live", "/live-blocked") : url, protocols);
                socket.addEventListener("message", function (m) { window.__frames.push(JSON.parse(m.data).type); });
                window.__sockets.push(socket);
                return socket;
              }
              Spied.prototype = Real.prototype;
              Spied.CONNECTING = 0; Spied.OPEN = 1; Spied.CLOSING = 2; Spied.CLOSED = 3;
              window.WebSocket = Spied;
            })();
            """;

    @DatabaseTest
    void pageSubscribesToItsTopicsShowsTheStateAndCatchesUpAfterReconnecting(TestDatabase db) {
        Assumptions.assumeTrue(db.kind() == DatabaseKind.SQLITE, "live.js does not depend on the database: run on SQLite only");
        Peers.assume(new File("/usr/bin/chromium").canExecute() && new File("/usr/bin/chromedriver").canExecute(),
                "Chromium", "apt-get install chromium chromium-driver");
        TestNode node = db.startNode(GrantedTopics.ON_NODE);
        WebSession admin = node.session().setUp("admin", PASSWORD);
        node.bean(GrantedTopics.class).grant("admin", "test/browser");
        LiveUpdates updates = node.bean(LiveUpdates.class);
        assertThat(admin.get("/").body()).contains("<script src=\"/js/live.js\" defer></script>");

        ChromeDriver browser = chromium();
        try {
            browser.get(node.uri("/login").toString());
            browser.findElement(By.name("username")).sendKeys("admin");
            browser.findElement(By.cssSelector("form[action='/login/identify'] button[type=submit]")).click();
            browser.findElement(By.name("password")).sendKeys(PASSWORD);
            browser.findElement(By.cssSelector("form[action='/login'] button[type=submit]")).click();
            Browser.await(browser, LiveClient.DEADLINE).until(page -> !page.getCurrentUrl().contains("/login"));
            browser.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", SOCKET_SPY));
            browser.get(node.uri("/live-test.html").toString());
            FluentWait<WebDriver> wait = Browser.await(browser, LiveClient.DEADLINE);
            wait.withMessage(() -> "page state: " + browser.executeScript(
                    "return [location.href, document.body && document.body.innerText, window.__frames, window.__got,"
                    + " window.__sockets && window.__sockets.map(function (s) { return s.url + ' ' + s.readyState; })];"));

            wait.until(page -> frames(page).contains("subscribed"));
            assertThat(status(browser)).isEqualTo("Live updates: connected");
            browser.executeScript("""
                    window.__got = [];
                    document.getElementById("room").addEventListener("live-update", function (e) { window.__got.push(e.detail.kind); });
                    document.getElementById("room").addEventListener("live-reset", function () { window.__got.push("reset"); });
                    """);
            updates.publish(Topic.parse("test/browser"), "first");
            wait.until(page -> got(page).contains("first"));

            browser.executeScript("window.__blockLive = true; window.__sockets[window.__sockets.length - 1].close();");
            wait.until(page -> status(browser).equals("Live updates: reconnecting…"));
            updates.publish(Topic.parse("test/browser"), "missed-while-away");
            browser.executeScript("window.__blockLive = false;");

            wait.until(page -> got(page).contains("missed-while-away"));
            assertThat(got(browser)).containsExactly("first", "missed-while-away");
            assertThat(status(browser)).isEqualTo("Live updates: connected");
        } finally {
            browser.quit();
        }
    }

    private static ChromeDriver chromium() {
        ChromeOptions options = new ChromeOptions().setBinary("/usr/bin/chromium")
                .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu");
        ChromeDriver driver = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(new File("/usr/bin/chromedriver"))
                .build(), options);
        // the sign-in steps are separate pages: an element of the next step may not be there the instant a click returns
        driver.manage().timeouts().implicitlyWait(java.time.Duration.ofSeconds(5));
        return driver;
    }

    private static String status(org.openqa.selenium.WebDriver page) {
        return Browser.text(page, By.id("status"));
    }

    @SuppressWarnings("unchecked")
    private static List<String> frames(org.openqa.selenium.WebDriver page) {
        return (List<String>) ((JavascriptExecutor) page).executeScript("return window.__frames || [];");
    }

    @SuppressWarnings("unchecked")
    private static List<String> got(org.openqa.selenium.WebDriver page) {
        return (List<String>) ((JavascriptExecutor) page).executeScript("return window.__got || [];");
    }
}
