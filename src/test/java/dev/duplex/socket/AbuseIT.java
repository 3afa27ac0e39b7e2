package dev.duplex.socket;

import static dev.duplex.testing.Urls.ws;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duplex.it.TunedWar;
import dev.duplex.room.SlowConsumerContract;
import dev.duplex.testing.HandshakeProbe;
import dev.duplex.testing.RawSocket;
import dev.duplex.testing.TestSocket;
import dev.duplex.testing.TunedSettings;
import dev.duplex.testing.wire.HttpAnswer;
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
class AbuseIT extends TunedWar implements AbuseContract, SlowConsumerContract {

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
     * have counted themselves in. Only connections that still answer an echo at the end count: the
     * server may have closed one meanwhile.
     */
    private List<RawSocket> openUntilRefused() throws Exception {
        return openUntilRefused(List.of());
    }

    /** The same, keeping {@code alreadyOpen} (which count against the cap) and adding to them. */
    private List<RawSocket> openUntilRefused(List<RawSocket> alreadyOpen) throws Exception {
        List<RawSocket> opened = new ArrayList<>(alreadyOpen);
        while (opened.size() <= TunedSettings.MAX_CONNECTIONS) {
            RawSocket socket;
            try {
                socket = RawSocket.connect(ws(base(), "echo"));
            } catch (IOException refused) {
                break;
            }
            opened.add(socket);
            if (!answersEcho(socket)) {
                break;
            }
        }
        List<RawSocket> open = new ArrayList<>();
        for (RawSocket socket : opened) {
            if (answersEcho(socket)) {
                open.add(socket);
            } else {
                socket.close();
            }
        }
        if (open.size() > TunedSettings.MAX_CONNECTIONS) {
            open.forEach(RawSocket::close);
            throw new AssertionError("more than " + TunedSettings.MAX_CONNECTIONS + " connections are open");
        }
        return open;
    }

    private static boolean answersEcho(RawSocket socket) {
        try {
            socket.sendText("probe");
            return socket.nextText().equals("probe");
        } catch (AssertionError | IOException closed) {
            return false;
        }
    }

    @Test
    void theHeartbeatClosesASilentConnectionAndKeepsOneThatAnswersPings() throws Exception {
        try (RawSocket silent = RawSocket.connect(ws(base(), "echo")); // never answers a ping
                TestSocket answering = TestSocket.connect(ws(base(), "echo"))) {
            RawSocket.Frame close = silent.awaitClose(); // within the timeout plus an interval
            assertEquals(1001, close.closeCode(), close::toString);
            assertTrue(close.closeReason().startsWith("keepalive timeout"), close::toString);
            Thread.sleep(2_000); // a couple more beats
            assertFalse(answering.closeArrived(), () -> "closed: " + closeOf(answering));
            answering.send("still here after " + TunedSettings.HEARTBEAT_TIMEOUT_SECONDS + " s of pings");
            assertTrue(answering.nextText().startsWith("still here"));
        }
    }

    private static String closeOf(TestSocket socket) {
        try {
            return socket.awaitClose().toString();
        } catch (Exception e) {
            return e.toString();
        }
    }

    @Test
    void theHandshakeOverTheCapGets503AndTheOpenConnectionsKeepWorking() throws Exception {
        URI echo = ws(base(), "echo");
        List<RawSocket> open = new ArrayList<>();
        try {
            HttpAnswer answer;
            int rounds = 0;
            do {
                // Closes of earlier tests' connections may still be counting out: fill up again
                // until the node is full and stays full for the next handshake.
                open = openUntilRefused(open);
                answer = HandshakeProbe.send(echo, HandshakeProbe.requestText(echo, Map.of()));
            } while (answer.status() == 101 && ++rounds < 20);
            assertEquals(503, answer.status(), answer::statusLine);
            assertTrue(answer.headers().containsKey("retry-after"), answer::toString);
            for (RawSocket connection : open) {
                connection.sendText("still here");
                assertEquals("still here", connection.nextText());
            }
        } finally {
            open.forEach(RawSocket::close);
        }
    }
}
