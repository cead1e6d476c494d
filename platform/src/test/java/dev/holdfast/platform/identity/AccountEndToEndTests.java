package dev.holdfast.platform.identity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.platform.testing.Browser;
import dev.holdfast.platform.testing.DatabaseTest;
import dev.holdfast.platform.testing.TestDatabase;
import dev.holdfast.platform.testing.TestNode;
import java.time.Duration;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

class AccountEndToEndTests {

    private static final String PASSWORD = "correct horse battery staple";

    @DatabaseTest
    void aPersonEditsTheirProfileAndChangesTheirPasswordWithLiveFeedback(TestDatabase db) {
        TestNode node = db.startNode(Map.of("server.servlet.session.cookie.secure", "true"));
        try (Browser browser = Browser.start()) {
            var page = browser.driver();
            var wait = Browser.await(page, Duration.ofSeconds(10));
            page.get(node.setupLink());
            page.findElement(By.name("username")).sendKeys("admin");
            page.findElement(By.name("password")).sendKeys(PASSWORD);
            page.findElement(By.name("passwordConfirmation")).sendKeys(PASSWORD);
            page.findElement(By.cssSelector("button[type=submit]")).click();

            page.findElement(By.linkText("Account")).click();
            page.findElement(By.name("displayName")).sendKeys("Ada Lovelace");
            page.findElement(By.name("email")).sendKeys("ada@example.org");
            page.findElement(By.cssSelector("form[action='/account/profile'] button")).click();
            assertThat(Browser.text(page, By.cssSelector("[role=status]"))).isEqualTo("Your profile is saved.");
            assertThat(Browser.text(page, By.tagName("hgroup"))).contains("Signed in as Ada Lovelace (admin)");

            page.findElement(By.cssSelector("nav[aria-label=Account]")).findElement(By.linkText("Password")).click();
            page.findElement(By.name("current")).sendKeys(PASSWORD);
            page.findElement(By.name("password")).sendKeys("quiet");
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("password-feedback"), "Use at least 12 characters."));
            page.findElement(By.name("password")).sendKeys(" engines weave numbers");
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("password-feedback"), "This password meets the rules."));
            page.findElement(By.name("passwordConfirmation")).sendKeys("quiet engines weave numbers");
            page.findElement(By.cssSelector("form[action='/account/password'] button")).click();
            assertThat(Browser.text(page, By.cssSelector("[role=status]"))).isEqualTo("Your password is changed.");

            page.findElement(By.cssSelector("nav[aria-label=Account]")).findElement(By.linkText("Sessions")).click();
            assertThat(Browser.text(page, By.cssSelector("table.sessions tbody"))).contains("Chrome on Linux", "This session");
            page.findElement(By.cssSelector("nav[aria-label=Account]")).findElement(By.linkText("Applications")).click();
            assertThat(page.findElements(By.cssSelector(".applications article"))).isNotEmpty();
            assertThat(browser.consoleProblems()).as("browser console").isEmpty();
        }
    }
}
