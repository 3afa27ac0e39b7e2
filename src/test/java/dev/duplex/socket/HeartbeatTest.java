package dev.duplex.socket;

import static dev.duplex.testing.Urls.ws;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duplex.testing.InJvmServer;
import dev.duplex.testing.RawSocket;
import dev.duplex.testing.TestSocket;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The heartbeat, with a 1 s interval and a 3 s timeout instead of 25 s and 75 s. */
class HeartbeatTest {

    @RegisterExtension
    static final InJvmServer SERVER = new InJvmServer(Map.of(
            "duplex.heartbeat.interval-seconds", "1",
            "duplex.heartbeat.timeout-seconds", "3"));

    @Test
    void theServerPingsAnIdleConnection() throws Exception {
        try (RawSocket client = RawSocket.connect(ws(SERVER.base(), "echo"))) {
            assertEquals(RawSocket.PING, client.readFrame().opcode());
        }
    }

    @Test
    void aHalfOpenConnectionThatAnswersNoPingIsClosedAfterTheTimeout() throws Exception {
        try (RawSocket silent = RawSocket.connect(ws(SERVER.base(), "room/heartbeat?name=silent"))) {
            RawSocket.Frame close = silent.awaitClose(); // skips the pings, never answers them
            assertEquals(1001, close.closeCode(), close::toString);
            assertTrue(close.closeReason().startsWith("keepalive timeout"), close::toString);
        }
    }

    @Test
    void aClientThatAnswersPingsStaysConnectedWhileItSendsNothing() throws Exception {
        try (TestSocket quiet = TestSocket.connect(ws(SERVER.base(), "echo"))) {
            Thread.sleep(Duration.ofSeconds(5).toMillis()); // longer than the timeout: only pongs keep it
            quiet.send("still here");
            assertEquals("still here", quiet.nextText());
        }
    }
}
