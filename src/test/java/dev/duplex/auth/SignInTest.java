package dev.duplex.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duplex.testing.InJvmServer;
import dev.duplex.testing.TestSocket;
import dev.duplex.testing.Tokens;
import jakarta.websocket.CloseReason;
import java.net.URI;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link SignInContract} on Tyrus's standalone server, which runs no servlet filter: the token is
 * checked as the connection opens, and a refusal is a close with 1008.
 */
class SignInTest implements SignInContract {

    @RegisterExtension
    static final InJvmServer SERVER = new InJvmServer(Tokens.SETTINGS);

    @Override
    public URI base() {
        return SERVER.base();
    }

    @Override
    public void assertRefused(URI uri, int status, String reason) throws Exception {
        try (TestSocket refused = TestSocket.connect(uri)) {
            CloseReason closed = refused.awaitClose();
            assertEquals(1008, closed.getCloseCode().getCode());
            String expected = status == 403 ? "forbidden: " : "unauthorized: ";
            assertTrue(closed.getReasonPhrase().startsWith(expected) && closed.getReasonPhrase().contains(reason),
                    closed.getReasonPhrase());
        }
    }
}
