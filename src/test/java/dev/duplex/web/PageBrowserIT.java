package dev.duplex.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openqa.selenium.support.ui.ExpectedConditions.attributeToBe;
import static org.openqa.selenium.support.ui.ExpectedConditions.invisibilityOfElementLocated;
import static org.openqa.selenium.support.ui.ExpectedConditions.not;
import static org.openqa.selenium.support.ui.ExpectedConditions.textToBe;
import static org.openqa.selenium.support.ui.ExpectedConditions.textToBePresentInElementLocated;

import dev.duplex.it.Deployments;
import dev.duplex.testing.Chromium;
import dev.duplex.testing.FaultyLink;
import dev.duplex.testing.LightMember;
import dev.duplex.testing.Screenshots;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
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
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.Rectangle;
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
    private static final int DEFAULT_HISTORY = 50; // duplex.room.history
    private static final int DEFAULT_RATE_BURST = 40; // duplex.room.rate-burst

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
    void theBotShowsEachQuestionBesideItsAnswerAndTheTimeItAnswered() {
        connect("rewrite");
        browser.findElement(By.id("rewrite-input")).sendKeys("你好吗？" + Keys.ENTER);
        waitUntil(textToBePresentInElementLocated(By.id("rewrite-log"), "你好!"));
        WebElement exchange = browser.findElement(By.cssSelector("#rewrite-log li:last-child"));
        WebElement question = exchange.findElement(By.className("question"));
        WebElement answer = exchange.findElement(By.className("answer"));
        assertEquals("你好吗？", question.getText());
        assertEquals("你好!", answer.getText());
        String time = exchange.findElement(By.className("time")).getText();
        assertTrue(time.matches("\\d{4}\\.\\d\\d\\.\\d\\d \\d\\d:\\d\\d:\\d\\d"), time); // the bot's yyyy.MM.dd HH:mm:ss
        assertTrue(onOneLine(question.getRect(), answer.getRect()), "question and answer side by side");
        assertTrue(question.getRect().getX() < answer.getRect().getX(), "the question first");
    }

    @Test
    void theRoomSaysInWordsWhenItGrowsTooBigToAnnounceArrivalsAndWhenItIsSmallAgain() throws Exception {
        String room = newRoom();
        HttpClient client = HttpClient.newHttpClient();
        List<LightMember> others = enterAll(client, room, "m", DEFAULT_PRESENCE_LIMIT - 1);
        try {
            joinRoom(room, "alice"); // the 100th: the room still announces her
            others.add(enter(client, room, "one-too-many"));
            waitUntil(textToBePresentInElementLocated(By.id("room-log"), "The room has grown to 101 members: from now on"
                    + " only some are listed, and nobody’s arrival or departure is announced."));
            others.remove(others.size() - 1).close().get(WAIT.toSeconds(), TimeUnit.SECONDS);
            waitUntil(textToBePresentInElementLocated(By.id("room-log"), "The room is down to 100 members: everyone is"
                    + " listed again, and arrivals and departures are announced."));
        } finally {
            others.forEach(LightMember::close);
        }
    }

    @Test
    void commandsTheRoomCannotReadAreRefusedInWordsAndTheRoomStaysOpen() {
        joinRoom(newRoom(), "alice");
        say("{oops");
        waitUntil(textToBePresentInElementLocated(By.id("room-log"),
                "Not sent: a message starting with { is read as a command, and this one is not valid JSON."));
        say("{\"type\":\"shout\",\"text\":\"hi\"}");
        waitUntil(textToBePresentInElementLocated(By.id("room-log"), "Not sent: the room knows no such command."));
        say("{\"type\":\"message\"}");
        waitUntil(textToBePresentInElementLocated(By.id("room-log"), "Not sent: a message command needs a \"text\"."));
        assertEquals(3, browser.findElements(By.cssSelector("#room-log li.error")).size());
        say("{\"type\":\"message\",\"text\":\"now in JSON\"}");
        waitUntil(textToBePresentInElementLocated(By.id("room-log"), "alice: now in JSON"));
    }

    @Test
    void messagesSentFasterThanTheRoomAllowsAreRefusedInWords() {
        joinRoom(newRoom(), "alice");
        int sent = DEFAULT_RATE_BURST + 5;
        // Faster than anyone types: the page's own form, submitted again and again at once.
        ((JavascriptExecutor) browser).executeScript("""
                const input = document.getElementById('room-input');
                for (let i = 1; i <= arguments[0]; i++) {
                  input.value = 'quick ' + i;
                  input.form.requestSubmit();
                }""", sent);
        waitUntil(textToBePresentInElementLocated(By.id("room-log"),
                "Not sent: you are sending faster than the room allows. Wait a moment, then send it again."));
        // Each one either reached the room or was refused in words, none silently lost.
        waitUntilShown(sent + " messages shown or refused", () -> browser.findElements(
                By.cssSelector("#room-log li.message, #room-log li.error")).size(), shown -> shown == sent);
    }

    @Test
    void messagesMissedOnALinkTooSlowForTheRoomAreCountedInWords() throws Exception {
        // 18.8 MiB: more than waits for one member in the server (4 MiB), its socket and the
        // container's buffers (Tomcat: 550 such messages, Payara: 1,000); then fewer are missed
        // than the 1,000 a member may miss before it is closed.
        int messages = 1_200;
        int senders = 12;
        String room = newRoom();
        HttpClient client = HttpClient.newHttpClient();
        List<LightMember> others = new ArrayList<>();
        try (FaultyLink link = FaultyLink.to(page.toURI())) {
            browser.get(link.through(page.toURI()).toString());
            joinRoom(room, "alice");
            others.addAll(enterAll(client, room, "sender", senders));
            waitUntilShown("every sender listed", () -> browser.findElements(By.cssSelector("#room-members li")).size(),
                    listed -> listed == senders + 1);

            link.stall(); // shorter than the container's write timeout (20 s on Tomcat), which would end the connection
            Random random = new Random(16);
            send(others, messages, 100, i -> i + " " + incompressible(random, 16_000));
            link.flow();

            By lastLine = By.cssSelector("#room-log li:last-child");
            waitUntil(textToBePresentInElementLocated(lastLine, "You missed"));
            Matcher missed = Pattern.compile("You missed (\\d+) messages: your connection could not keep up with the room\\.")
                    .matcher(browser.findElement(lastLine).getText());
            assertTrue(missed.matches(), browser.findElement(lastLine).getText());
            // The gap is told where it is: after the last message that came, every later one counted.
            String lastShown = browser.findElement(By.cssSelector("#room-log li:nth-last-child(2) .text")).getText();
            List<String> roomOrder = others.get(0).messageTexts(); // the same for every member
            assertEquals(messages, roomOrder.indexOf(lastShown) + 1 + Integer.parseInt(missed.group(1)));
        } finally {
            others.forEach(LightMember::close);
        }
    }

    @Test
    void comingBackTooLateToCatchUpIsToldInWords() throws Exception {
        String room = newRoom();
        HttpClient client = HttpClient.newHttpClient();
        List<LightMember> others = new ArrayList<>();
        try (FaultyLink link = FaultyLink.to(page.toURI())) {
            browser.get(link.through(page.toURI()).toString());
            joinRoom(room, "alice");
            others.addAll(enterAll(client, room, "other", 2));
            others.get(0).send("before the link went down").get(WAIT.toSeconds(), TimeUnit.SECONDS);
            waitUntil(textToBePresentInElementLocated(By.id("room-log"), "other0: before the link went down"));

            link.goDown();
            waitUntil(attributeToBe(By.id("room-status"), "data-state", "retrying"));
            // More than the room keeps while the page is away: the message it last saw is gone from its history.
            send(others, DEFAULT_HISTORY + 10, 1, i -> "while you were away " + i);
            link.comeBack();

            waitUntil(attributeToBe(By.id("room-status"), "data-state", "open"));
            waitUntil(textToBePresentInElementLocated(By.id("room-log"), "You were away too long to catch up: what was"
                    + " said meanwhile is no longer all kept. The room’s latest messages follow."));
            waitUntil(textToBePresentInElementLocated(By.id("room-log"), "while you were away " + (DEFAULT_HISTORY + 9)));
            String log = text("room-log");
            assertTrue(log.indexOf("You were away too long") < log.indexOf("while you were away 10"), log);
            assertTrue(log.indexOf("before the link went down") < log.indexOf("You were away too long"), log);
            assertFalse(log.contains("while you were away 9"), "no longer kept, so never shown: " + log);
        } finally {
            others.forEach(LightMember::close);
        }
    }

    /**
     * Also takes the picture of the page for the README: both room panels side by side, in
     * target/screenshots/two-in-a-room.png; docs/ has a copy.
     */
    @Test
    void twoPeopleInARoomSeeEachOthersMessages() throws Exception {
        String room = "teahouse"; // this test's own; it ends with the test, when both have left
        WebDriver ana = Chromium.start("en-US");
        WebDriver bo = Chromium.start("en-US");
        try {
            for (WebDriver person : List.of(ana, bo)) {
                person.manage().window().setSize(new Dimension(600, 800));
                person.get(page.toString());
            }
            joinRoom(ana, room, "ana");
            joinRoom(bo, room, "bo");
            waitUntil(ana, textToBePresentInElementLocated(By.id("room-members"), "bo"));
            List<String[]> chat = List.of(
                    new String[] {"ana", "Hi bo! Is the new page live?"},
                    new String[] {"bo", "It is: one module per panel, and no bundler."},
                    new String[] {"ana", "And a gap in the room is now told in words."},
                    new String[] {"bo", "Nice. Tea at four?"},
                    new String[] {"ana", "See you there."});
            for (String[] line : chat) {
                WebDriver speaker = line[0].equals("ana") ? ana : bo;
                speaker.findElement(By.id("room-input")).sendKeys(line[1] + Keys.ENTER);
                for (WebDriver person : List.of(ana, bo)) {
                    waitUntil(person, textToBePresentInElementLocated(By.id("room-log"), line[0] + ": " + line[1]));
                }
            }
            Screenshots.sideBySide(Path.of("target/screenshots/two-in-a-room.png"),
                    ana.findElement(By.id("room")), bo.findElement(By.id("room")));
        } finally {
            ana.quit();
            bo.quit();
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
        connect(browser, panel);
    }

    private static void connect(WebDriver driver, String panel) {
        driver.findElement(By.id(panel + "-connect")).click();
        waitUntil(driver, attributeToBe(By.id(panel + "-status"), "data-state", "open"));
    }

    private void joinRoom(String room, String nickname) {
        joinRoom(browser, room, nickname);
    }

    private static void joinRoom(WebDriver driver, String room, String nickname) {
        type(driver, "room-name", room);
        type(driver, "room-nick", nickname);
        connect(driver, "room");
        waitUntil(driver, textToBePresentInElementLocated(By.id("room-members"), nickname));
    }

    /** Types {@code text} into the room's message field and sends it with Enter. */
    private void say(String text) {
        browser.findElement(By.id("room-input")).sendKeys(text + Keys.ENTER);
    }

    /** {@code count} members of {@code room}, named prefix0, prefix1…, each once welcomed. */
    private List<LightMember> enterAll(HttpClient client, String room, String prefix, int count) throws Exception {
        List<LightMember> members = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            members.add(enter(client, room, prefix + i));
        }
        return members;
    }

    private LightMember enter(HttpClient client, String room, String name) throws Exception {
        return LightMember.enter(client, page.toURI(), room, name).get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    /**
     * Sends {@code count} messages from {@code senders} in turn, each sender within the room's rate
     * (after its burst, 15 a second where 20 are allowed), and each message once every sender has
     * all but the last {@code inFlight - 1} before it: with 1, the room has them in the order sent.
     * The senders receive them too, and so never fall behind. Returns once every sender has them all.
     */
    private static void send(List<LightMember> senders, int count, int inFlight, IntFunction<String> text)
            throws Exception {
        int[] before = senders.stream().mapToInt(sender -> sender.arrivals().size()).toArray();
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            int beyondBurst = i / senders.size() + 1 - DEFAULT_RATE_BURST;
            long due = start + TimeUnit.SECONDS.toNanos(Math.max(0, beyondBurst)) / 15;
            Thread.sleep(Math.max(0, TimeUnit.NANOSECONDS.toMillis(due - System.nanoTime())));
            awaitArrivals(senders, before, i + 1 - inFlight);
            senders.get(i % senders.size()).send(text.apply(i)).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        }
        awaitArrivals(senders, before, count);
    }

    private static void awaitArrivals(List<LightMember> members, int[] before, int count) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (IntStream.range(0, members.size()).anyMatch(i -> members.get(i).arrivals().size() - before[i] < count)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the senders did not all receive " + count + " messages");
            }
            Thread.sleep(1);
        }
    }

    /**
     * {@code length} random printable ASCII characters: text that, unlike a repeated one, the
     * browser's permessage-deflate cannot shrink to almost nothing on the wire.
     */
    private static String incompressible(Random random, int length) {
        String alphabet = IntStream.rangeClosed('!', '~').filter(c -> c != '"' && c != '\\') // nothing JSON escapes
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return text.toString();
    }

    /** Two boxes on one line of text: each one's middle within the other's height. */
    private static boolean onOneLine(Rectangle a, Rectangle b) {
        int middleA = a.getY() + a.getHeight() / 2;
        int middleB = b.getY() + b.getHeight() / 2;
        return middleA >= b.getY() && middleA <= b.getY() + b.getHeight()
                && middleB >= a.getY() && middleB <= a.getY() + a.getHeight();
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
        type(browser, id, value);
    }

    private static void type(WebDriver driver, String id, String value) {
        WebElement field = driver.findElement(By.id(id));
        field.clear();
        field.sendKeys(value);
    }

    private String text(String id) {
        return browser.findElement(By.id(id)).getText();
    }

    private void waitUntil(ExpectedCondition<?> condition) {
        waitUntil(browser, condition);
    }

    private static void waitUntil(WebDriver driver, ExpectedCondition<?> condition) {
        new WebDriverWait(driver, WAIT).until(condition);
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
