package dev.duplex.testing;

import static dev.duplex.testing.Urls.ws;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duplex.testing.wire.HttpAnswer;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link RawSocket} against the in-JVM {@code /echo}: the raw client speaks the protocol it claims to. */
class RawSocketTest {

    @RegisterExtension
    static final InJvmServer SERVER = new InJvmServer();

    private static URI echo() {
        return ws(SERVER.base(), "echo");
    }

    @Test
    void textFrameComesBackAsTextFrame() throws Exception {
        try (RawSocket socket = RawSocket.connect(echo())) {
            socket.sendText("hello 你好");
            RawSocket.Frame frame = socket.readFrame();
            assertEquals(RawSocket.TEXT, frame.opcode());
            assertTrue(frame.fin(), "one frame");
            assertEquals("hello 你好", frame.text());
        }
    }

    @Test
    void fragmentedTextComesBackWhole() throws Exception {
        try (RawSocket socket = RawSocket.connect(echo())) {
            socket.sendFrame(false, RawSocket.TEXT, "frag".getBytes(UTF_8));
            socket.sendFrame(true, RawSocket.CONTINUATION, "mented".getBytes(UTF_8));
            assertEquals("fragmented", socket.nextText());
        }
    }

    @Test
    void closeIsAnsweredWithClose() throws Exception {
        try (RawSocket socket = RawSocket.connect(echo())) {
            socket.sendClose(1000, "bye");
            assertEquals(1000, socket.awaitClose().closeCode());
        }
    }

    @Test
    void handshakeWithoutKeyIsRefused() throws Exception {
        String request = HandshakeProbe.requestText(echo(), HandshakeProbe.omitting("Sec-WebSocket-Key"));
        HttpAnswer answer = HandshakeProbe.send(echo(), request);
        // Any refusal shows handshake() reads the answer; which one is worth seeing. RFC 6455 4.2.1
        // asks for 400, but Tyrus 2.1.6 answers 500 (its HandshakeException(String) defaults to it).
        System.out.println("handshake without Sec-WebSocket-Key: "
                + (answer.status() == HttpAnswer.NO_ANSWER ? "closed without answer" : answer.statusLine()));
        assertTrue(answer.status() == HttpAnswer.NO_ANSWER || answer.status() >= 400,
                () -> "answer " + answer);
    }
}
