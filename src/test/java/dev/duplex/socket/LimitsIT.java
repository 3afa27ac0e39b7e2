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
            probes.forEach(RawSocket::close);
        }
    }

    private List<RawSocket> openUntilRefused() throws Exception {
        List<RawSocket> opened = new ArrayList<>();
        try {
            while (opened.size() <= TunedSettings.MAX_CONNECTIONS) {
                opened.add(RawSocket.connect(ws(base(), "echo")));
            }
        } catch (IOException refused) {
            return opened;
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
