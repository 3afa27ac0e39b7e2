package dev.duplex.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openqa.selenium.support.ui.ExpectedConditions.attributeToBe;
import static org.openqa.selenium.support.ui.ExpectedConditions.textToBePresentInElementLocated;

import dev.duplex.it.Deployments;
import dev.duplex.testing.FaultyLink;
import dev.duplex.testing.LightMember;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;

/**
 * Every room event the server sends besides messages, told in words on the room panel: the room
 * growing past the presence limit and back, refused commands, the rate limit, messages missed on
 * a slow link, and coming back too late to catch up. Each is provoked from the real server.
 */
class RoomNoticesBrowserIT extends PageInBrowser {

    @Deployment(testable = false)
    static WebArchive war() {
        return Deployments.builtWar();
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
        int sent = 2 * DEFAULT_RATE_BURST; // some refused even if the server takes a second over them
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
}
