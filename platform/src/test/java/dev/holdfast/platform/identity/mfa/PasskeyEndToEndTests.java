package dev.holdfast.platform.identity.mfa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import dev.holdfast.platform.identity.AuditLog;
import dev.holdfast.platform.testing.Browser;
import dev.holdfast.platform.testing.DatabaseTest;
import dev.holdfast.platform.testing.TestDatabase;
import dev.holdfast.platform.testing.TestNode;
import dev.holdfast.testkit.Peers;
import java.time.Duration;
import java.util.Map;
import org.jooq.DSLContext;
import org.openqa.selenium.By;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.FluentWait;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticatorOptions;

class PasskeyEndToEndTests {

    private static final String PASSWORD = "correct horse battery staple";

    @DatabaseTest
    void registersAPasskeyThenSignsInWithItAloneAndAsSecondFactor(TestDatabase db) {
        int port = Peers.freePort();
        TestNode node = db.startNode(Map.of("server.port", Integer.toString(port), "holdfast.base-url", "http://localhost:" + port));
        node.session().setUp("admin", PASSWORD);
        try (Browser browser = Browser.start()) {
            ChromeDriver driver = browser.driver();
            driver.addVirtualAuthenticator(new VirtualAuthenticatorOptions()
                    .setProtocol(VirtualAuthenticatorOptions.Protocol.CTAP2)
                    .setTransport(VirtualAuthenticatorOptions.Transport.INTERNAL)
                    .setHasResidentKey(true).setHasUserVerification(true).setIsUserVerified(true).setIsUserConsenting(true));
            FluentWait<WebDriver> wait = Browser.await(driver, Duration.ofSeconds(15));

            signInWithPassword(driver, node);
            until(browser, wait, ExpectedConditions.urlToBe(node.uri("/").toString()));
            driver.get(node.uri("/account/security").toString());
            driver.findElement(By.cssSelector("form[data-passkey-register] input[name=label]")).clear();
            driver.findElement(By.cssSelector("form[data-passkey-register] input[name=label]")).sendKeys("Laptop");
            driver.findElement(By.cssSelector("form[data-passkey-register] button")).click();
            until(browser, wait, ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#passkeys table"), "Laptop"));

            driver.manage().deleteAllCookies();
            driver.get(node.uri("/login").toString());
            driver.findElement(By.cssSelector("[data-passkey-login]")).click();
            until(browser, wait, ExpectedConditions.urlToBe(node.uri("/").toString()));
            driver.get(node.uri("/admin/identity").toString());
            assertThat(driver.getTitle()).as("%s", browser.where()).startsWith("Identity");

            driver.manage().deleteAllCookies();
            signInWithPassword(driver, node);
            until(browser, wait, ExpectedConditions.urlContains("/login/second-factor"));
            driver.findElement(By.cssSelector("[data-passkey-login]")).click();
            until(browser, wait, ExpectedConditions.urlToBe(node.uri("/").toString()));
            driver.get(node.uri("/admin/identity").toString());
            assertThat(driver.getTitle()).as("%s", browser.where()).startsWith("Identity");

            // Spring Security's passkey sign-in does not look at the account's enabled flag; ours refuses
            node.bean(DSLContext.class).update(table(name("identity_user"))).set(field(name("enabled")), false).execute();
            driver.manage().deleteAllCookies();
            driver.get(node.uri("/login").toString());
            driver.findElement(By.cssSelector("[data-passkey-login]")).click();
            until(browser, wait, ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-passkey-error]")));
            assertThat(driver.getCurrentUrl()).endsWith("/login");
            driver.get(node.uri("/").toString());
            assertThat(driver.getCurrentUrl()).endsWith("/login");
        }
        var events = node.bean(AuditLog.class).search(AuditLog.Filter.any(), 50);
        assertThat(events).anySatisfy(event -> {
            assertThat(event.action()).isEqualTo("mfa.enrolled");
            assertThat(event.details()).containsEntry("factor", "passkey");
        });
        assertThat(events).anySatisfy(event -> {
            assertThat(event.action()).isEqualTo("login.succeeded");
            assertThat(event.details()).containsEntry("method", "passkey");
        });
    }

    /** Waits, and on timeout says what the page and the console showed. */
    private static void until(Browser browser, FluentWait<WebDriver> wait, ExpectedCondition<?> condition) {
        try {
            wait.until(condition);
        } catch (TimeoutException e) {
            String shown = browser.driver().findElements(By.cssSelector("[data-passkey-error]")).stream()
                    .map(WebElement::getText).reduce("", String::concat);
            throw new AssertionError("timed out: " + condition + " at " + browser.where() + "; page says: " + shown
                    + "; console: " + browser.consoleProblems(), e);
        }
    }

    private static void signInWithPassword(ChromeDriver driver, TestNode node) {
        driver.get(node.uri("/login").toString());
        driver.findElement(By.name("username")).sendKeys("admin");
        driver.findElement(By.cssSelector("form[action='/login/identify'] button")).click();
        driver.findElement(By.name("password")).sendKeys(PASSWORD);
        driver.findElement(By.cssSelector("form[action='/login'] button")).click();
    }

}
