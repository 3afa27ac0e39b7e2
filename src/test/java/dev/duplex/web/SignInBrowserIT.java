package dev.duplex.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openqa.selenium.support.ui.ExpectedConditions.attributeToBe;
import static org.openqa.selenium.support.ui.ExpectedConditions.textToBePresentInElementLocated;

import dev.duplex.it.Deployments;
import dev.duplex.testing.Tokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;

/** The page on a server in token mode ({@link Tokens#SETTINGS}), in a real headless Chromium. */
class SignInBrowserIT extends PageInBrowser {

    @Deployment(testable = false)
    static WebArchive war() {
        return Deployments.configuredWar("duplex-signed", Tokens.SETTINGS);
    }

    /** The page, handed Ann's token in its fragment as a link from the application would. */
    private void openSignedIn() {
        browser.get(page + "#access_token=" + Tokens.forUser("u1").name("Ann").sign());
        waitUntil(attributeToBe(By.id("signin-status"), "data-state", "signed-in"));
    }

    @Test
    void aTokenInTheFragmentSignsInAndLeavesTheAddressBar() {
        openSignedIn();
        waitUntil(textToBePresentInElementLocated(By.id("signin-status"), "signed in as Ann (u1)"));
        assertEquals("", ((JavascriptExecutor) browser).executeScript("return location.hash"));
    }

    @Test
    void theRoomPanelShowsWhoTheTokenSignsInAs() {
        openSignedIn();
        joinRoom(newRoom(), "Ann");
        waitUntil(textToBePresentInElementLocated(By.id("room-identity"), "Signed in as Ann (u1)."));
    }

    @Test
    void aSentMessageIsShownOnceAndNoLongerSendingOnceAcknowledged() {
        openSignedIn();
        joinRoom(newRoom(), "Ann");
        say("hello with an ack");
        waitUntil(textToBePresentInElementLocated(By.id("room-log"), "Ann: hello with an ack"));
        waitUntilShown("no line still sending", () -> browser.findElements(By.cssSelector("#room-log .pending")).size(),
                pending -> pending == 0);
        assertEquals(1, browser.findElements(By.xpath("//ol[@id='room-log']/li[contains(., 'hello with an ack')]")).size());
        assertFalse(text("room-log").contains("sending…"));
    }

    @Test
    void whenTheTokenExpiresThePageAsksForAFreshOneInsteadOfReconnecting() {
        browser.get(page + "#access_token=" + Tokens.forUser("u1").name("Ann").expiresIn(Duration.ofSeconds(3)).sign());
        joinRoom(newRoom(), "Ann");
        waitUntil(attributeToBe(By.id("signin-status"), "data-state", "expired"));
        waitUntil(attributeToBe(By.id("room-status"), "data-state", "closed"));
        waitUntil(textToBePresentInElementLocated(By.id("room-status"), "token expired"));
    }

    @Test
    void anotherMemberTypingIsShownUnderTheLog() throws Exception {
        openSignedIn();
        String room = newRoom();
        joinRoom(room, "Ann");
        WebSocket bob = openRoomSocket(room, Tokens.forUser("u2").name("Bob").sign());
        try {
            waitUntil(textToBePresentInElementLocated(By.id("room-members"), "Bob"));
            bob.sendText("{\"type\":\"typing\"}", true).get(WAIT.toSeconds(), TimeUnit.SECONDS);
            waitUntil(textToBePresentInElementLocated(By.id("room-typing"), "Bob is typing…"));
        } finally {
            bob.abort();
        }
    }

    @Test
    void typingInTheMessageFieldTellsTheOthers() throws Exception {
        openSignedIn();
        String room = newRoom();
        joinRoom(room, "Ann");
        BlockingQueue<String> heard = new LinkedBlockingQueue<>();
        WebSocket bob = openRoomSocket(room, Tokens.forUser("u2").name("Bob").sign(), heard);
        try {
            waitUntil(textToBePresentInElementLocated(By.id("room-members"), "Bob"));
            browser.findElement(By.id("room-input")).sendKeys("typ");
            String event;
            do {
                event = heard.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
            } while (event != null && !event.contains("\"type\":\"typing\""));
            assertTrue(event != null && event.contains("\"user\":\"u1\""), "Bob heard Ann typing: " + event);
        } finally {
            bob.abort();
        }
    }

    private WebSocket openRoomSocket(String room, String token) throws Exception {
        return openRoomSocket(room, token, new LinkedBlockingQueue<>());
    }

    private WebSocket openRoomSocket(String room, String token, BlockingQueue<String> heard)
            throws Exception {
        URI uri = URI.create(page.toString().replaceFirst("^http", "ws")).resolve("room/" + room + "?access_token=" + token);
        return HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(uri, new WebSocket.Listener() {
                    private final StringBuilder text = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket socket, CharSequence part, boolean last) {
                        text.append(part);
                        if (last) {
                            heard.add(text.toString());
                            text.setLength(0);
                        }
                        socket.request(1);
                        return null;
                    }
                })
                .get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }
}
