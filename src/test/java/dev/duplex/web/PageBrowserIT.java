package dev.duplex.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openqa.selenium.support.ui.ExpectedConditions.attributeToBe;
import static org.openqa.selenium.support.ui.ExpectedConditions.textToBe;
import static org.openqa.selenium.support.ui.ExpectedConditions.textToBePresentInElementLocated;

import dev.duplex.it.Deployments;
import dev.duplex.testing.Chromium;
import java.io.IOException;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.Rectangle;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The page as a whole, its echo, bot and Stats panels, in a real headless Chromium. */
class PageBrowserIT extends PageInBrowser {

    private static WebDriver chineseBrowser;

    @Deployment(testable = false)
    static WebArchive war() {
        return Deployments.builtWar();
    }

    @AfterAll
    static void quitChineseBrowser() {
        if (chineseBrowser != null) {
            chineseBrowser.quit();
        }
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

    /** Two boxes on one line of text: each one's middle within the other's height. */
    private static boolean onOneLine(Rectangle a, Rectangle b) {
        int middleA = a.getY() + a.getHeight() / 2;
        int middleB = b.getY() + b.getHeight() / 2;
        return middleA >= b.getY() && middleA <= b.getY() + b.getHeight()
                && middleB >= a.getY() && middleB <= a.getY() + a.getHeight();
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
