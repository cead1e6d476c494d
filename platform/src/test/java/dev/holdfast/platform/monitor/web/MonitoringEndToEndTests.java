package dev.holdfast.platform.monitor.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.platform.monitor.Monitor;
import dev.holdfast.platform.monitor.MonitorDraft;
import dev.holdfast.platform.monitor.Monitors;
import dev.holdfast.platform.monitor.TestTarget;
import dev.holdfast.platform.shared.database.DatabaseKind;
import dev.holdfast.platform.testing.Browser;
import dev.holdfast.platform.testing.DatabaseTest;
import dev.holdfast.platform.testing.TestDatabase;
import dev.holdfast.platform.testing.TestNode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * An administrator in a real browser: creates a monitor with the form (only the chosen type's settings shown), sees
 * its row go DOWN live on the dashboard, filters by tag, reads the uptime chart over several ranges, and puts the
 * monitor into maintenance from the maintenance page.
 */
class MonitoringEndToEndTests {

    private static final String PASSWORD = "correct horse battery staple";
    private static final Map<String, String> FAST = Map.of("holdfast.monitor.min-interval", "1s", "holdfast.monitor.flush-interval", "100ms",
            "holdfast.monitor.sync-interval", "500ms", "holdfast.monitor.self-monitoring", "false");

    @DatabaseTest
    void anAdministratorWatchesAMonitorGoDownLiveReadsItsUptimeAndPutsItIntoMaintenance(TestDatabase db) throws Exception {
        Assumptions.assumeTrue(db.kind() == DatabaseKind.SQLITE, "the pages do not depend on the database: run on SQLite only");
        try (TestTarget target = new TestTarget(); Browser browser = Browser.start()) {
            TestNode node = db.startNode(FAST);
            node.session().setUp("admin", PASSWORD);
            Monitors monitors = node.bean(Monitors.class);
            Monitor archive = monitors.create(new MonitorDraft("Archive", "tcp", Map.of("host", "archive.example", "port", 22), 60L, null, null,
                    null, null, false, null));
            monitors.pause(archive.id());
            // known history for the charts: 2 days ago 3 of 4 hourly checks up; 100 days ago a day with 9 of 10
            Instant hour = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofDays(2));
            Instant day = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(100));
            rollup(db, archive, "h", hour, 3, 1);
            rollup(db, archive, "d", day, 9, 1);

            ChromeDriver chrome = browser.driver();
            signIn(chrome, node);
            chrome.get(node.uri("/monitor").toString());
            chrome.findElement(By.linkText("New monitor")).click();
            chrome.findElement(By.name("name")).sendKeys("Shop");
            new Select(chrome.findElement(By.name("type"))).selectByValue("tcp");
            assertThat(chrome.findElement(By.name("url")).isDisplayed()).as("HTTP settings hidden for a TCP monitor").isFalse();
            new Select(chrome.findElement(By.name("type"))).selectByValue("http");
            assertThat(chrome.findElement(By.name("host")).isDisplayed()).as("host settings hidden for an HTTP monitor").isFalse();
            chrome.findElement(By.name("url")).sendKeys(target.url("/health"));
            set(chrome, "interval", "1");
            set(chrome, "timeout", "1");
            chrome.findElement(By.name("tags")).sendKeys("env:prod");
            chrome.findElement(By.cssSelector("form.monitor-form button[type=submit]")).click();
            Browser.await(chrome, Duration.ofSeconds(5)).until(ExpectedConditions.textToBe(By.tagName("h1"), "Shop"));

            // the dashboard shows the row, which goes DOWN by itself when the target fails
            chrome.findElement(By.cssSelector("nav.monitor-nav a[href='/monitor']")).click();
            live(chrome);
            Browser.await(chrome, Duration.ofSeconds(20)).withMessage("the new monitor's first passing check")
                    .until(page -> page.findElements(By.xpath("//tr[.//a[text()='Shop']]//mark[text()='UP']")).size() == 1);
            target.status.set(500);
            Browser.await(chrome, Duration.ofSeconds(20)).withMessage("the row going DOWN without a reload")
                    .until(page -> page.findElements(By.xpath("//tr[.//a[text()='Shop']]//mark[text()='DOWN']")).size() == 1);
            assertThat(Browser.text(chrome, By.xpath("//tr[.//a[text()='Shop']]"))).contains("HTTP 500").contains("env:prod");

            // filter by tag: the archive has none
            assertThat(Browser.text(chrome, By.id("monitor-list"))).contains("Archive");
            new Select(chrome.findElement(By.name("tag"))).selectByValue("env");
            Browser.await(chrome, Duration.ofSeconds(5)).withMessage("the list filtered by tag")
                    .until(ExpectedConditions.textToBePresentInElementLocated(By.id("monitor-count"), "1 monitor matches"));
            assertThat(Browser.text(chrome, By.id("monitor-list"))).contains("Shop").doesNotContain("Archive");
            assertThat(chrome.getCurrentUrl()).contains("tag=env");

            // the uptime chart over the ranges
            chrome.get(node.uri("/monitor/" + archive.id()).toString());
            charts(chrome, "24 hours: no checks");
            chrome.findElement(By.cssSelector("button[data-range='7d']")).click();
            charts(chrome, "7 days: 3 of 4 checks up (75.000 %)");
            assertThat(chrome.findElements(By.cssSelector("#uptime-chart canvas"))).as("uPlot drew the uptime").isNotEmpty();
            assertThat(chrome.findElements(By.cssSelector("#response-chart canvas"))).as("and the response time").isNotEmpty();
            chrome.findElement(By.cssSelector("button[data-range='1y']")).click();
            charts(chrome, "1 year: 9 of 10 checks up (90.000 %)");
            assertThat(chrome.findElement(By.cssSelector("button[data-range='1y']")).getAttribute("aria-pressed")).isEqualTo("true");

            // an incident of the shop with its cause and duration
            chrome.get(node.uri("/monitor").toString());
            // the dashboard re-renders its rows live as checks land: a link found a moment before may be replaced
            Browser.await(chrome, Duration.ofSeconds(10))
                    .until(driver -> {
                        driver.findElement(By.linkText("Shop")).click();
                        return true;
                    });
            assertThat(Browser.text(chrome, By.id("incidents"))).contains("ongoing").contains("HTTP 500 (accepted: 200-299)");

            // maintenance for the shop, from now for an hour: the dashboard says MAINTENANCE
            chrome.findElement(By.cssSelector("nav.monitor-nav a[href='/monitor/maintenance']")).click();
            chrome.findElement(By.linkText("New maintenance window")).click();
            chrome.findElement(By.cssSelector("input[name=kind][value=weekly]")).click();
            assertThat(chrome.findElement(By.name("start")).isDisplayed()).as("a weekly window has no start date").isFalse();
            assertThat(chrome.findElement(By.name("at")).isDisplayed()).isTrue();
            chrome.findElement(By.cssSelector("input[name=kind][value=once]")).click();
            chrome.findElement(By.name("title")).sendKeys("Database move");
            chrome.findElement(By.xpath("//fieldset[contains(@class,'maintenance-monitors')]//label[normalize-space()='Shop']/input")).click();
            DateTimeFormatter local = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");
            LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES);
            set(chrome, "start", local.format(now.minusMinutes(1)));
            set(chrome, "end", local.format(now.plusHours(1)));
            chrome.findElement(By.cssSelector("form.maintenance-form button[type=submit]")).click();
            waitForText(chrome, By.id("maintenance-windows"), "in effect", "the new window in the list");
            assertThat(Browser.text(chrome, By.id("maintenance-windows"))).contains("Database move").contains("Shop");
            chrome.findElement(By.cssSelector("nav.monitor-nav a[href='/monitor']")).click();
            live(chrome);
            Browser.await(chrome, Duration.ofSeconds(20)).withMessage("the shop in MAINTENANCE")
                    .until(page -> page.findElements(By.xpath("//tr[.//a[text()='Shop']]//mark[text()='MAINTENANCE']")).size() == 1);

            assertThat(browser.consoleProblems()).as("console").isEmpty();
        }
    }

    private static void rollup(TestDatabase db, Monitor monitor, String resolution, Instant bucket, int up, int down) {
        db.dsl().execute("INSERT INTO monitor_rollup (monitor_id, resolution, bucket, up, down, avg_ms, min_ms, max_ms, p95_ms)"
                + " VALUES (?, ?, ?, ?, ?, 120, 80, 300, 250)", monitor.id().value(), resolution, bucket.toEpochMilli(), up, down);
    }

    /** Sets an input's value as a person picking it would (date-time inputs take keys by locale). */
    private static void set(ChromeDriver chrome, String name, String value) {
        chrome.executeScript("var input = arguments[0]; input.value = arguments[1]; input.dispatchEvent(new Event('input', {bubbles: true}));",
                chrome.findElement(By.name(name)), value);
    }

    private static void charts(WebDriver chrome, String caption) {
        Browser.await(chrome, Duration.ofSeconds(5)).withMessage("the uptime caption " + caption)
                .until(ExpectedConditions.textToBe(By.id("uptime-caption"), caption));
    }

    private static void waitForText(WebDriver chrome, By where, String text, String what) {
        Browser.await(chrome, Duration.ofSeconds(10)).withMessage(what).until(ExpectedConditions.textToBePresentInElementLocated(where, text));
    }

    private static void signIn(WebDriver browser, TestNode node) {
        browser.get(node.uri("/login").toString());
        browser.findElement(By.name("username")).sendKeys("admin");
        browser.findElement(By.cssSelector("form[action='/login/identify'] button[type=submit]")).click();
        browser.findElement(By.name("password")).sendKeys(PASSWORD);
        browser.findElement(By.cssSelector("form[action='/login'] button[type=submit]")).click();
        Browser.await(browser, Duration.ofSeconds(10)).until(page -> !page.getCurrentUrl().contains("/login"));
    }

    private static void live(WebDriver browser) {
        Browser.await(browser, Duration.ofSeconds(10)).until(ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector("[data-live-status]"), "Live updates: connected"));
    }
}
