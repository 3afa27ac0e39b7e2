package dev.duplex.socket;

import static dev.duplex.testing.Urls.ws;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duplex.it.TunedWar;
import dev.duplex.room.SlowConsumerContract;
import dev.duplex.testing.RawSocket;
import dev.duplex.testing.TunedSettings;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The node's limits in Tomcat and Payara: the connection cap, the slow consumer and broken input,
 * with the WAR configured by {@link TunedSettings} (a cap of 40 connections).
 */
class LimitsIT extends TunedWar implements AbuseContract, SlowConsumerContract {

    /** Opens connections until the cap refuses one; whoever else is connected takes the rest. */
    @Override
    public int openConnections() throws Exception {
        List<RawSocket> probes = openUntilRefused();
        try {
            return TunedSettings.MAX_CONNECTIONS - probes.size();
        } finally {
            for (RawSocket probe : probes) {
                // A clean close, answered before the next: the server has counted it out when the
                // next measurement starts.
                probe.sendClose(1000, "probe done");
                probe.awaitClose();
                probe.close();
            }
        }
    }

    /**
     * Opens echo connections until one is refused: by a 503 before the upgrade, or by a close
     * (1013) right after it, when handshakes pass the check before the connections ahead of them
     * have counted themselves in. Each kept connection has answered an echo.
     */
    private List<RawSocket> openUntilRefused() throws Exception {
        List<RawSocket> opened = new ArrayList<>();
        while (opened.size() <= TunedSettings.MAX_CONNECTIONS) {
            RawSocket socket;
            try {
                socket = RawSocket.connect(ws(base(), "echo"));
            } catch (IOException refused) {
                return opened;
            }
            try {
                socket.sendText("probe");
                socket.nextText();
            } catch (AssertionError | IOException closedAfterTheUpgrade) {
                socket.close();
                return opened;
            }
            opened.add(socket);
        }
        opened.forEach(RawSocket::close);
        throw new AssertionError("more than " + TunedSettings.MAX_CONNECTIONS + " connections were accepted");
    }

    @Test
    void theHandshakeOverTheCapGets503AndTheOpenConnectionsKeepWorking() throws Exception {
        List<RawSocket> open = openUntilRefused();
        try {
            URI echo = ws(base(), "echo");
            RawSocket.HttpAnswer refused = RawSocket.handshake(echo, RawSocket.requestText(echo, Map.of()));
            assertEquals(503, refused.status(), refused::statusLine);
            assertTrue(refused.headers().containsKey("retry-after"), refused::toString);
            for (RawSocket connection : open) {
                connection.sendText("still here");
                assertEquals("still here", connection.nextText());
            }
        } finally {
            open.forEach(RawSocket::close);
        }
    }
}
