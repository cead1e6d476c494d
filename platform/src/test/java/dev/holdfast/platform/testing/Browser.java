package dev.holdfast.platform.testing;

import dev.holdfast.testkit.Peers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.FluentWait;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium (Debian's {@code chromium} and {@code chromium-driver}) driven by Selenium, with the flags this
 * closed network needs. Collects the browser console so tests can fail on any error in it.
 */
public final class Browser implements AutoCloseable {

    private final ChromeDriver driver;
    private final Path profile;

    private Browser(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /** Starts a browser; skips (or fails, when peers are required) without chromium and chromedriver. */
    public static Browser start() {
        Path chromium = Peers.onPath("chromium").or(() -> Peers.onPath("chromium-browser")).orElse(null);
        Path chromedriver = Peers.onPath("chromedriver").orElse(null);
        Peers.assume(chromium != null && chromedriver != null, "Chromium with chromedriver",
                "apt-get install chromium chromium-driver");
        try {
            Path profile = Files.createTempDirectory("holdfast-chromium-");
            ChromeOptions options = new ChromeOptions();
            options.setBinary(chromium.toFile());
            options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--window-size=1280,900");
            LoggingPreferences logs = new LoggingPreferences();
            logs.enable(LogType.BROWSER, Level.ALL);
            options.setCapability("goog:loggingPrefs", logs);
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(chromedriver.toFile()).usingAnyFreePort().build();
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().timeouts().implicitlyWait(Duration.ofSeconds(5));
            return new Browser(driver, profile);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * A wait that polls {@code page} until its condition holds, trying again when an element it looked at was
     * replaced in the meantime: live updates swap whole regions of the page between finding an element and reading it.
     */
    public static FluentWait<WebDriver> await(WebDriver page, Duration timeout) {
        return new WebDriverWait(page, timeout).ignoring(StaleElementReferenceException.class);
    }

    /**
     * The text of the element {@code by} finds, found again if the page replaced it between finding and reading (a
     * live update can swap the region at any moment).
     */
    public static String text(WebDriver page, By by) {
        for (int attempt = 1; ; attempt++) {
            try {
                return page.findElement(by).getText();
            } catch (StaleElementReferenceException e) {
                if (attempt == 5) {
                    throw e;
                }
            }
        }
    }

    public ChromeDriver driver() {
        return driver;
    }

    /** Console entries at WARNING or above since the last call (errors, CSP violations, failed loads). */
    public List<String> consoleProblems() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.WARNING.intValue())
                .map(LogEntry::toString)
                .toList();
    }

    /** Adds a cookie-free note to the logs: the current page's title, for failure messages. */
    public Map<String, String> where() {
        return Map.of("url", driver.getCurrentUrl(), "title", driver.getTitle());
    }

    @Override
    public void close() {
        driver.quit();
        org.springframework.util.FileSystemUtils.deleteRecursively(profile.toFile());
    }
}
