package dev.holdfast.platform.shared.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.platform.testing.Browser;
import dev.holdfast.platform.testing.DatabaseTest;
import dev.holdfast.platform.testing.TestDatabase;
import dev.holdfast.platform.testing.TestNode;
import java.util.List;
import java.util.Map;
import java.time.Duration;
import org.openqa.selenium.By;

class WebShellEndToEndTests {

    @DatabaseTest
    void newcomerCompletesSetupInABrowserAndFindsEveryModuleWithoutConsoleErrors(TestDatabase db) {
        TestNode node = db.startNode(Map.of("server.servlet.session.cookie.secure", "true"));
        try (Browser browser = Browser.start()) {
            var page = browser.driver();
            page.get(node.setupLink());
            assertThat(page.getTitle()).isEqualTo("Set up Holdfast · Holdfast");

            page.findElement(By.name("username")).sendKeys("admin");
            page.findElement(By.name("email")).sendKeys("admin@example.org");
            page.findElement(By.name("password")).sendKeys("a long enough passphrase");
            page.findElement(By.name("passwordConfirmation")).sendKeys("a long enough passphrase");
            page.findElement(By.cssSelector("button[type=submit]")).click();

            // the click returns before the browser has left the setup page: wait for the next page's heading
            Browser.await(page, Duration.ofSeconds(10))
                    .withMessage("the home page after setup")
                    .until(driver -> Browser.text(driver, By.tagName("h1")).equals("Welcome, admin"));
            List<String> links = page.findElements(By.cssSelector("nav[aria-label=Main] a:not(.brand)")).stream()
                    .map(a -> a.getAttribute("href")).toList();
            assertThat(links).extracting(href -> href.substring(href.lastIndexOf('/')))
                    .contains("/crm", "/monitor", "/backups", "/identity");
            for (String link : links) {
                page.get(link);
                // module pages re-fetch parts of themselves on live updates, so the heading found may be replaced
                String heading = Browser.await(page, Duration.ofSeconds(10))
                        .until(driver -> Browser.text(driver, By.tagName("h1")));
                assertThat(heading).as("page %s", link).isNotBlank();
            }
            assertThat(browser.consoleProblems()).as("browser console").isEmpty();

            page.get(node.uri("/no-such-page").toString());
            assertThat(Browser.text(page, By.tagName("h1"))).isEqualTo("404 · Not Found");
            assertThat(browser.consoleProblems()).as("the console check itself sees a failed load").isNotEmpty();

            page.findElement(By.cssSelector("form[action='/logout'] button")).click();
            Browser.await(page, Duration.ofSeconds(10)).until(driver -> driver.getCurrentUrl().endsWith("/login?signedOut"));
            page.get(node.uri("/crm").toString());
            assertThat(page.getCurrentUrl()).endsWith("/login");
            assertThat(browser.consoleProblems()).as("browser console").isEmpty();
        }
    }
}
