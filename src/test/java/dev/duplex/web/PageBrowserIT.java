package dev.duplex.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openqa.selenium.support.ui.ExpectedConditions.attributeToBe;
import static org.openqa.selenium.support.ui.ExpectedConditions.invisibilityOfElementLocated;
import static org.openqa.selenium.support.ui.ExpectedConditions.not;
import static org.openqa.selenium.support.ui.ExpectedConditions.textToBe;
import static org.openqa.selenium.support.ui.ExpectedConditions.textToBePresentInElementLocated;

import dev.duplex.it.Deployments;
import dev.duplex.testing.Chromium;
import dev.duplex.testing.LightMember;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The client page in a real headless Chromium, against the built WAR in a real container. Every
 * wait is on what the page shows (the status element's data-state, a log's text), never a sleep.
 */
@ExtendWith(ArquillianExtension.class)
class PageBrowserIT {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final int DEFAULT_PRESENCE_LIMIT = 100; // duplex.room.presence-limit

    // Started once per class, in @BeforeEach because Arquillian injects `base` per test instance.
    private static WebDriver browser;
    private static WebDriver chineseBrowser;
    private static String skipReason;

    @Deployment(testable = false)
    static WebArchive war() {
        return Deployments.builtWar();
    }

    @ArquillianResource
    URL base;

    private URL page;

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
    static void quitBrowsers() {
        for (WebDriver driver : new WebDriver[] {browser, chineseBrowser}) {
            if (driver != null) {
                driver.quit();
            }
        }
        browser = null;
        chineseBrowser = null;
    }

    @Test
    void pageHasThreePanelsInEnglishForAnEnglishBrowser() {
        waitUntil(attributeToBe(By.tagName("html"), "lang", "en"));
        for (String panel : new String[] {"echo", "rewrite", "room"}) {
            assertTrue(browser.findElement(By.id(panel)).isDisplayed(), panel + " panel");
        }
        assertEquals("Echo", text("echo-title"));
        assertEquals("Room", text("room-title"));
        assertEquals("Connect", text("echo-connect"));
        assertEquals("disconnected", text("room-status"));
    }

    @Test
    void pageSpeaksChineseToAChineseBrowser() throws IOException {
        if (chineseBrowser == null) {
            chineseBrowser = Chromium.start("zh-CN");
        }
        chineseBrowser.get(page.toString());
        new WebDriverWait(chineseBrowser, WAIT).until(attributeToBe(By.tagName("html"), "lang", "zh-CN"));
        assertEquals("回声", chineseBrowser.findElement(By.id("echo-title")).getText());
        assertEquals("聊天室", chineseBrowser.findElement(By.id("room-title")).getText());
        assertEquals("连接", chineseBrowser.findElement(By.id("echo-connect")).getText());
    }

    @Test
    void echoPanelEchoesWhatIsTypedAndSentWithEnter() {
        connect("echo");
        browser.findElement(By.id("echo-input")).sendKeys("hello, echo" + Keys.ENTER);
        waitUntil(textToBePresentInElementLocated(By.id("echo-log"), "hello, echo"));
    }

    @Test
    void rewritePanelAnswersTheQuestionWithAnExclamation() {
        connect("rewrite");
        browser.findElement(By.id("rewrite-input")).sendKeys("在吗？");
        browser.findElement(By.id("rewrite-send")).click();
        waitUntil(textToBePresentInElementLocated(By.id("rewrite-log"), "在!"));
    }

    @Test
    void roomPanelListsOwnNicknameAndShowsSentMessage() {
        joinRoom(newRoom(), "alice");
        browser.findElement(By.id("room-input")).sendKeys("hi all" + Keys.ENTER);
        waitUntil(textToBePresentInElementLocated(By.id("room-log"), "alice: hi all"));
    }

    @Test
    void markupInNamesAndMessagesShowsAsLiteralText() {
        joinRoom(newRoom(), "<b>eve</b>");
        browser.findElement(By.id("room-input")).sendKeys("<img src=x onerror=alert(1)>" + Keys.ENTER);
        waitUntil(textToBePresentInElementLocated(By.id("room-log"), "<b>eve</b>: <img src=x onerror=alert(1)>"));
        // An alert would also have failed the wait above: WebDriver refuses to work past an open prompt.
        assertEquals(0, browser.findElements(By.cssSelector("#room-log img, #room-log b, #room-members b")).size());
    }

    @Test
    void anotherMemberJoiningAppearsInTheMemberList() throws Exception {
        String room = newRoom();
        joinRoom(room, "alice");
        WebSocket bob = openRoomSocket(room, "bob");
        try {
            waitUntil(textToBePresentInElementLocated(By.id("room-members"), "bob"));
            waitUntil(textToBePresentInElementLocated(By.id("room-log"), "bob joined"));
        } finally {
            bob.abort();
        }
    }

    @Test
    void anotherMemberLeavingDisappearsFromTheMemberList() throws Exception {
        String room = newRoom();
        joinRoom(room, "alice");
        WebSocket bob = openRoomSocket(room, "bob");
        waitUntil(textToBePresentInElementLocated(By.id("room-members"), "bob"));
        bob.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(WAIT.toSeconds(), TimeUnit.SECONDS);
        waitUntil(not(textToBePresentInElementLocated(By.id("room-members"), "bob")));
        waitUntil(textToBePresentInElementLocated(By.id("room-log"), "bob left"));
    }

    @Test
    void aRoomPastThePresenceLimitShowsHowManyAreNotListedUntilItIsSmallAgain() throws Exception {
        String room = newRoom();
        HttpClient client = HttpClient.newHttpClient();
        List<LightMember> others = new ArrayList<>();
        for (int i = 0; i <= DEFAULT_PRESENCE_LIMIT; i++) {
            others.add(LightMember.enter(client, page.toURI(), room, "m" + i).get(WAIT.toSeconds(), TimeUnit.SECONDS));
        }
        try {
            joinRoom(room, "alice"); // the 102nd: its welcome lists it and 99 others
            waitUntil(textToBePresentInElementLocated(By.id("room-more"), "and 2 more"));
            for (int i = 0; i < 2; i++) { // back to 100: the room sends everyone a list of all
                others.remove(0).close().get(WAIT.toSeconds(), TimeUnit.SECONDS);
            }
            waitUntil(invisibilityOfElementLocated(By.id("room-more")));
            assertEquals(DEFAULT_PRESENCE_LIMIT, browser.findElements(By.cssSelector("#room-members li")).size());
        } finally {
            others.forEach(LightMember::close);
        }
    }

    @Test
    void serverRefusalShowsCloseCodeAndReason() {
        type("room-name", "no spaces allowed");
        browser.findElement(By.id("room-connect")).click();
        waitUntil(textToBePresentInElementLocated(By.id("room-status"), "disconnected (1008: room name must be"));
        assertEquals("closed", browser.findElement(By.id("room-status")).getDomAttribute("data-state"));
    }

    @Test
    void closeButtonDisconnects() {
        connect("echo");
        browser.findElement(By.id("echo-close")).click();
        waitUntil(attributeToBe(By.id("echo-status"), "data-state", "closed"));
        waitUntil(textToBe(By.id("echo-status"), "disconnected"));
    }

    @Test
    void statsViewCountsThePagesOwnEchoConnection() {
        connect("echo");
        browser.findElement(By.id("echo-input")).sendKeys("count me" + Keys.ENTER);
        waitUntil(textToBePresentInElementLocated(By.id("echo-log"), "count me"));
        waitUntil(attributeToBe(By.id("stats-status"), "data-state", "live"));
        waitUntilShown("connections.echo at least 1", () -> stat("connections.echo"), shown -> number(shown) >= 1);
        By echoLine = By.cssSelector("svg[data-chart='connections'] polyline[data-series='echo']");
        waitUntilShown("at least 2 points on the connections chart's echo line",
                () -> browser.findElement(echoLine).getDomAttribute("points"), points -> pointCount(points) >= 2);
    }

    @Test
    void statsViewShowsEchoTrafficAsMessagesPerSecondInAndOut() {
        connect("echo");
        WebElement input = browser.findElement(By.id("echo-input"));
        // A message on every check: one message alone raises the rates for a single 2 s sample only.
        waitUntilShown("messages per second in and out above 0", () -> {
            input.sendKeys("tick" + Keys.ENTER);
            return List.of(stat("in-per-second"), stat("out-per-second"));
        }, rates -> rates.stream().allMatch(rate -> number(rate) > 0));
    }

    private void connect(String panel) {
        browser.findElement(By.id(panel + "-connect")).click();
        waitUntil(attributeToBe(By.id(panel + "-status"), "data-state", "open"));
    }

    private void joinRoom(String room, String nickname) {
        type("room-name", room);
        type("room-nick", nickname);
        connect("room");
        waitUntil(textToBePresentInElementLocated(By.id("room-members"), nickname));
    }

    /** A second member, straight from Java: the room sees it like any other client. */
    private WebSocket openRoomSocket(String room, String nickname) throws Exception {
        URI uri = URI.create(page.toString().replaceFirst("^http", "ws")).resolve("room/" + room + "?name=" + nickname);
        return HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(uri, new WebSocket.Listener() { }) // its default requests and drops every message
                .get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    /** A room of its own per test, so tests cannot see each other's members. */
    private static String newRoom() {
        return "it-" + UUID.randomUUID();
    }

    private void type(String id, String value) {
        WebElement field = browser.findElement(By.id(id));
        field.clear();
        field.sendKeys(value);
    }

    private String text(String id) {
        return browser.findElement(By.id(id)).getText();
    }

    private void waitUntil(ExpectedCondition<?> condition) {
        new WebDriverWait(browser, WAIT).until(condition);
    }

    /** Waits until what {@code read} finds on the page passes {@code check}; a timeout says what it last found. */
    private <T> void waitUntilShown(String description, Supplier<T> read, Predicate<T> check) {
        AtomicReference<T> shown = new AtomicReference<>(); // the last reading, for the timeout's message
        new WebDriverWait(browser, WAIT)
                .withMessage(() -> description + ", but the page shows " + shown.get())
                .until(driver -> {
                    shown.set(read.get());
                    return check.test(shown.get());
                });
    }

    /** The text of the stats panel's current value {@code name} (its data-stat). */
    private String stat(String name) {
        return browser.findElement(By.cssSelector("#stats [data-stat='" + name + "']")).getText();
    }

    /** A number as the English page shows it ("1,234.5"), or -1 for none yet ("–"). */
    private static double number(String shown) {
        try {
            return Double.parseDouble(shown.replace(",", ""));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** How many points an SVG polyline's {@code points} attribute ("x,y x,y …") has. */
    private static int pointCount(String points) {
        return points == null || points.isBlank() ? 0 : points.trim().split("\\s+").length;
    }
}
