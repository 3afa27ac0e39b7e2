package dev.duplex.web;

import static org.openqa.selenium.support.ui.ExpectedConditions.attributeToBe;
import static org.openqa.selenium.support.ui.ExpectedConditions.textToBePresentInElementLocated;

import dev.duplex.it.Deployments;
import dev.duplex.testing.Chromium;
import dev.duplex.testing.LightMember;
import java.io.IOException;
import java.net.URL;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * What the browser tests of the page share: a real headless Chromium per test class, started on
 * the built WAR in a real container, and the steps a person takes on the page. Every wait is on
 * what the page shows (the status element's data-state, a log's text), never a sleep.
 */
@ExtendWith(ArquillianExtension.class)
abstract class PageInBrowser {

    protected static final Duration WAIT = Duration.ofSeconds(20);
    protected static final int DEFAULT_PRESENCE_LIMIT = 100; // duplex.room.presence-limit
    protected static final int DEFAULT_HISTORY = 50; // duplex.room.history
    protected static final int DEFAULT_RATE_BURST = 40; // duplex.room.rate-burst

    // Started once per class, in @BeforeEach because Arquillian injects `base` per test instance.
    protected static WebDriver browser;
    private static String skipReason;

    @ArquillianResource
    URL base;

    protected URL page;

    @BeforeAll
    static void findChromium() {
        skipReason = Chromium.missing();
    }

    @BeforeEach
    void openPage() throws IOException {
        // Aborted here rather than in @BeforeAll so that reports count every test as skipped.
        if (skipReason != null) {
            Assumptions.abort("BROWSER TEST SKIPPED: " + skipReason);
        }
        page = Deployments.loopback(base);
        if (browser == null) {
            browser = Chromium.start("en-US");
        }
        browser.get(page.toString()); // a fresh page: the previous test's sockets close with it
    }

    @AfterAll
    static void quitBrowser() {
        if (browser != null) {
            browser.quit();
        }
        browser = null;
    }

    protected void connect(String panel) {
        connect(browser, panel);
    }

    protected static void connect(WebDriver driver, String panel) {
        driver.findElement(By.id(panel + "-connect")).click();
        waitUntil(driver, attributeToBe(By.id(panel + "-status"), "data-state", "open"));
    }

    protected void joinRoom(String room, String nickname) {
        joinRoom(browser, room, nickname);
    }

    protected static void joinRoom(WebDriver driver, String room, String nickname) {
        type(driver, "room-name", room);
        type(driver, "room-nick", nickname);
        connect(driver, "room");
        waitUntil(driver, textToBePresentInElementLocated(By.id("room-members"), nickname));
    }

    /** Types {@code text} into the room's message field and sends it with Enter. */
    protected void say(String text) {
        browser.findElement(By.id("room-input")).sendKeys(text + Keys.ENTER);
    }

    /** {@code count} members of {@code room}, named prefix0, prefix1…, each once welcomed. */
    protected List<LightMember> enterAll(HttpClient client, String room, String prefix, int count) throws Exception {
        List<LightMember> members = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            members.add(enter(client, room, prefix + i));
        }
        return members;
    }

    protected LightMember enter(HttpClient client, String room, String name) throws Exception {
        return LightMember.enter(client, page.toURI(), room, name).get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    /** A room of its own per test, so tests cannot see each other's members. */
    protected static String newRoom() {
        return "it-" + UUID.randomUUID();
    }

    protected void type(String id, String value) {
        type(browser, id, value);
    }

    protected static void type(WebDriver driver, String id, String value) {
        WebElement field = driver.findElement(By.id(id));
        field.clear();
        field.sendKeys(value);
    }

    protected String text(String id) {
        return browser.findElement(By.id(id)).getText();
    }

    protected void waitUntil(ExpectedCondition<?> condition) {
        waitUntil(browser, condition);
    }

    protected static void waitUntil(WebDriver driver, ExpectedCondition<?> condition) {
        new WebDriverWait(driver, WAIT).until(condition);
    }

    /** Waits until what {@code read} finds on the page passes {@code check}; a timeout says what it last found. */
    protected <T> void waitUntilShown(String description, Supplier<T> read, Predicate<T> check) {
        AtomicReference<T> shown = new AtomicReference<>(); // the last reading, for the timeout's message
        new WebDriverWait(browser, WAIT)
                .withMessage(() -> description + ", but the page shows " + shown.get())
                .until(driver -> {
                    shown.set(read.get());
                    return check.test(shown.get());
                });
    }
}
