package dev.duplex.socket;

import static dev.duplex.testing.Urls.ws;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.duplex.testing.InJvmServer;
import dev.duplex.testing.TestSocket;
import jakarta.websocket.CloseReason;
import org.junit.jupiter.api.Test;

/** Stopping duplex says goodbye to every client, whatever endpoint it is on. */
class ShutdownTest {

    @Test
    void stoppingSendsEveryOpenSession1001WithAReason() throws Exception {
        InJvmServer server = new InJvmServer();
        server.start();
        try (TestSocket echo = TestSocket.connect(ws(server.base(), "echo"));
                TestSocket rewrite = TestSocket.connect(ws(server.base(), "rewrite"));
                TestSocket room = TestSocket.connect(ws(server.base(), "room/shutdown?name=ann"))) {
            room.nextEvent("welcome");
            server.stop();
            for (TestSocket client : new TestSocket[] {echo, rewrite, room}) {
                CloseReason close = client.awaitClose();
                assertEquals(1001, close.getCloseCode().getCode(), close::toString);
                assertEquals("server shutting down", close.getReasonPhrase());
            }
        } finally {
            server.stop();
        }
    }
}
