package dev.duplex.rewrite;

import static dev.duplex.testing.Urls.ws;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duplex.testing.TestSocket;
import jakarta.json.JsonObject;
import jakarta.websocket.CloseReason;
import java.net.URI;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What {@code /rewrite}, the "吗?" bot, does on any server that runs duplex (in the server's time zone). */
public interface RewriteContract {

    DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy.MM.dd HH:mm:ss");

    URI base();

    private TestSocket connect() throws Exception {
        return TestSocket.connect(ws(base(), "rewrite"));
    }

    @Test
    default void answersWithServerMsgClientMsgAndTime() throws Exception {
        try (TestSocket socket = connect()) {
            socket.send("在吗？");
            JsonObject reply = socket.nextJson();
            assertEquals(Set.of("time", "server_msg", "client_msg"), reply.keySet());
            assertEquals("在!", reply.getString("server_msg"));
            assertEquals("在吗？", reply.getString("client_msg"));
        }
    }

    @Test
    default void timeIsNowAsYearMonthDayHourMinuteSecond() throws Exception {
        try (TestSocket socket = connect()) {
            socket.send("几点了?");
            String time = socket.nextJson().getString("time");
            assertTrue(time.matches("\\d{4}\\.\\d{2}\\.\\d{2} \\d{2}:\\d{2}:\\d{2}"), time);
            Duration skew = Duration.between(LocalDateTime.parse(time, TIME), LocalDateTime.now());
            assertTrue(skew.abs().compareTo(Duration.ofMinutes(2)) < 0, "server time " + time + " is not now");
        }
    }

    @Test
    default void answersEveryMessageOnceInOrder() throws Exception {
        String[] questions = {"你好吗?", "what?", "吗?吗？", "no question"};
        String[] answers = {"你好!", "what!", "!!", "no question"};
        try (TestSocket socket = connect()) {
            for (String question : questions) {
                socket.send(question);
            }
            for (String answer : answers) {
                assertEquals(answer, socket.nextJson().getString("server_msg"));
            }
        }
    }

    @Test
    default void binaryMessageClosesWith1003() throws Exception {
        try (TestSocket socket = connect()) {
            socket.send(new byte[] {1, 2, 3});
            CloseReason close = socket.awaitClose();
            assertEquals(1003, close.getCloseCode().getCode(), close::toString);
            assertTrue(!close.getReasonPhrase().isEmpty(), "close has a reason");
        }
    }
}
