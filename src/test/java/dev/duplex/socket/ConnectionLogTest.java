package dev.duplex.socket;

import static dev.duplex.testing.Urls.ws;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duplex.testing.InJvmServer;
import dev.duplex.testing.Rooms;
import dev.duplex.testing.TestSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The connection log: one line at FINE when a connection opens and one when it closes, never its messages. */
class ConnectionLogTest {

    @RegisterExtension
    static final InJvmServer SERVER = new InJvmServer();

    private final Logger logger = Logger.getLogger(Connection.class.getName());
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getLevel() == Level.FINE) {
                lines.add(java.text.MessageFormat.format(record.getMessage(), record.getParameters()));
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private Level before;

    @BeforeEach
    void listen() {
        before = logger.getLevel();
        logger.setLevel(Level.FINE);
        logger.addHandler(handler);
    }

    @AfterEach
    void stopListening() {
        logger.removeHandler(handler);
        logger.setLevel(before);
    }

    @Test
    void anEchoConnectionIsLoggedWhenItOpensAndWhenItClosesWithCodeAndDuration() throws Exception {
        try (TestSocket echo = TestSocket.connect(ws(SERVER.base(), "echo"))) {
            echo.send("a secret");
            echo.nextText();
        }
        List<String> echoLines = await(2, "echo connection");
        assertTrue(echoLines.get(0).matches("echo connection \\S+ opened"), echoLines::toString);
        assertTrue(echoLines.get(1).matches("echo connection \\S+ closed: 1000 .*, after \\d+ ms"), echoLines::toString);
    }

    @Test
    void aRoomConnectionIsLoggedWithItsRoomAndNeverWithWhatWasSaid() throws Exception {
        String room = Rooms.newRoom("logged");
        try (TestSocket member = Rooms.entered(SERVER.base(), room, "ann")) {
            member.send("a secret");
            member.nextEvent("message");
        }
        List<String> closed = await(1, "room " + room + " connection");
        assertTrue(closed.get(0).contains("closed: 1000"), closed::toString);
        assertTrue(lines.stream().noneMatch(line -> line.contains("a secret")), lines::toString);
    }

    private List<String> await(int count, String prefix) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            List<String> matching = lines.stream().filter(line -> line.startsWith(prefix)).collect(Collectors.toList());
            if (matching.size() >= count || System.nanoTime() > deadline) {
                assertEquals(count, matching.size(), () -> "log lines: " + lines);
                return matching;
            }
            Thread.sleep(20);
        }
    }
}
