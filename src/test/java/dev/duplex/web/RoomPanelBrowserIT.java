package dev.duplex.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.openqa.selenium.support.ui.ExpectedConditions.invisibilityOfElementLocated;
import static org.openqa.selenium.support.ui.ExpectedConditions.not;
import static org.openqa.selenium.support.ui.ExpectedConditions.textToBePresentInElementLocated;

import dev.duplex.it.Deployments;
import dev.duplex.testing.Chromium;
import dev.duplex.testing.LightMember;
import dev.duplex.testing.Screenshots;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;

/** The room panel: joining, the member list and chatting, in a real headless Chromium. */
class RoomPanelBrowserIT extends PageInBrowser {

    @Deployment(testable = false)
    static WebArchive war() {
        return Deployments.builtWar();
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

    /** A second member, straight from Java: the room sees it like any other client. */
    private WebSocket openRoomSocket(String room, String nickname) throws Exception {
        URI uri = URI.create(page.toString().replaceFirst("^http", "ws")).resolve("room/" + room + "?name=" + nickname);
        return HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(uri, new WebSocket.Listener() { }) // its default requests and drops every message
                .get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }
}
