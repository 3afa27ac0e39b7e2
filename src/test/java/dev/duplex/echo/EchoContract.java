package dev.duplex.echo;

import static dev.duplex.testing.Urls.ws;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duplex.testing.TestSocket;
import jakarta.websocket.CloseReason;
import java.net.URI;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** What {@code /echo} does over WebSocket, on any server that runs duplex. */
public interface EchoContract {

    int MIB = 1024 * 1024;

    /** {@code http://host:port/duplex/} */
    URI base();

    private TestSocket connect() throws Exception {
        return TestSocket.connect(ws(base(), "echo"));
    }

    @Test
    default void textComesBackUnchanged() throws Exception {
        try (TestSocket socket = connect()) {
            for (String text : new String[] {"hello", "你好吗？", "emoji 😀 outside the BMP", ""}) {
                socket.send(text);
                assertEquals(text, socket.nextText());
            }
        }
    }

    @Test
    default void binaryComesBackUnchanged() throws Exception {
        byte[] data = {0, 1, 2, (byte) 0xff, (byte) 0x80, 127};
        try (TestSocket socket = connect()) {
            socket.send(data);
            assertArrayEquals(data, socket.nextBinary());
        }
    }

    @Test
    default void fragmentedTextComesBackAsOneMessage() throws Exception {
        try (TestSocket socket = connect()) {
            socket.sendInFragments("frag", "ment", "ed 文本");
            assertEquals("fragmented 文本", socket.nextText());
        }
    }

    @Test
    default void fragmentedBinaryComesBackAsOneMessage() throws Exception {
        try (TestSocket socket = connect()) {
            socket.sendInFragments(new byte[] {1, 2}, new byte[] {3}, new byte[] {4, 5, 6});
            assertArrayEquals(new byte[] {1, 2, 3, 4, 5, 6}, socket.nextBinary());
        }
    }

    @Test
    default void textOfOneMebibyteComesBack() throws Exception {
        String text = "雨".repeat(MIB / 3) + "a"; // exactly 1 MiB in UTF-8
        try (TestSocket socket = connect()) {
            socket.send(text);
            assertEquals(text, socket.nextText());
        }
    }

    @Test
    default void binaryOfOneMebibyteComesBack() throws Exception {
        byte[] data = new byte[MIB];
        new Random(42).nextBytes(data);
        try (TestSocket socket = connect()) {
            socket.send(data);
            assertArrayEquals(data, socket.nextBinary());
        }
    }

    @Test
    default void textOverOneMebibyteClosesWith1009AndAReason() throws Exception {
        try (TestSocket socket = connect()) {
            socket.send("x".repeat(MIB + 1));
            assertTooBig(socket.awaitClose());
        }
    }

    @Test
    default void binaryOverOneMebibyteInFragmentsClosesWith1009() throws Exception {
        try (TestSocket socket = connect()) {
            socket.sendInFragments(new byte[MIB / 2], new byte[MIB / 2], new byte[1]);
            assertTooBig(socket.awaitClose());
        }
    }

    private static void assertTooBig(CloseReason close) {
        assertEquals(1009, close.getCloseCode().getCode(), close::toString);
        assertTrue(close.getReasonPhrase().contains("1048576"), close::toString);
    }
}
