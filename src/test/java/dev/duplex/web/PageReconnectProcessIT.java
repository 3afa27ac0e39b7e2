package dev.duplex.web;

import static dev.duplex.testing.Texts.occurrences;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openqa.selenium.support.ui.ExpectedConditions.attributeToBe;
import static org.openqa.selenium.support.ui.ExpectedConditions.textToBePresentInElementLocated;

import dev.duplex.testing.Chromium;
import dev.duplex.testing.NodeProcess;
import dev.duplex.testing.RedisServer;
import dev.duplex.testing.Rooms;
import dev.duplex.testing.TestSocket;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The page keeps its connections when its server restarts under it: in a real Chromium, against
 * the built WAR on a Tomcat node (A) that the test stops and starts again on the same port, while a
 * member on a second node (B, same Redis) goes on talking.
 */
class PageReconnectProcessIT {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @RegisterExtension
    static final RedisServer REDIS = new RedisServer();

    @Test
    void afterARestartThePanelsReconnectByThemselvesAndTheRoomShowsWhatWasSaidMeanwhileOnce() throws Exception {
        String skip = Chromium.missing();
        Assumptions.assumeTrue(skip == null, skip);
        String redis = REDIS.property();
        String room = Rooms.newRoom("restart");
        NodeProcess nodeA = NodeProcess.tomcat("page-node", redis);
        WebDriver browser = Chromium.start("en-US");
        try (NodeProcess nodeB = NodeProcess.tomcat("other-node", redis)) {
            browser.get(nodeA.base().toString());
            browser.findElement(By.id("echo-connect")).click();
            type(browser, "room-name", room);
            type(browser, "room-nick", "alice");
            browser.findElement(By.id("room-connect")).click();
            waitUntil(browser, attributeToBe(By.id("room-status"), "data-state", "open"));
            waitUntil(browser, attributeToBe(By.id("echo-status"), "data-state", "open"));

            try (TestSocket bob = Rooms.entered(nodeB.base(), room, "bob")) {
                bob.send("before the restart");
                waitUntil(browser, textToBePresentInElementLocated(By.id("room-log"), "bob: before the restart"));

                nodeA.close(); // a clean stop: every client gets 1001
                waitUntil(browser, attributeToBe(By.id("room-status"), "data-state", "retrying"));
                assertTrue(text(browser, "room-status").contains("reconnecting in"), () -> text(browser, "room-status"));
                bob.send("while you were away 1");
                bob.send("while you were away 2");
                nodeA = NodeProcess.tomcat("page-node", nodeA.port(), redis);

                waitUntil(browser, attributeToBe(By.id("room-status"), "data-state", "open"));
                waitUntil(browser, attributeToBe(By.id("echo-status"), "data-state", "open"));
                waitUntil(browser, textToBePresentInElementLocated(By.id("room-log"), "bob: while you were away 2"));
                String log = text(browser, "room-log");
                assertEquals(1, occurrences(log, "bob: before the restart"), log);
                assertEquals(1, occurrences(log, "bob: while you were away 1"), log);
                assertTrue(log.indexOf("away 1") < log.indexOf("away 2"), log);
                // Resumed with `since`: what the panel showed stays, and only what it missed is added.
                assertEquals(2, occurrences(log, "You joined " + room), log);
            }

            browser.findElement(By.id("echo-input")).sendKeys("ping" + Keys.ENTER);
            waitUntil(browser, textToBePresentInElementLocated(By.id("echo-log"), "ping"));
            assertTrue(text(browser, "echo-log").matches("(?s).*ping \\d+ ms.*"), () -> text(browser, "echo-log"));
        } finally {
            browser.quit();
            nodeA.close();
        }
    }

    private static void type(WebDriver browser, String id, String value) {
        WebElement field = browser.findElement(By.id(id));
        field.clear();
        field.sendKeys(value);
    }

    private static String text(WebDriver browser, String id) {
        return browser.findElement(By.id(id)).getText();
    }

    private static void waitUntil(WebDriver browser, ExpectedCondition<?> condition) {
        new WebDriverWait(browser, WAIT).until(condition);
    }
}
