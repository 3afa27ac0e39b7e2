package dev.duplex.bench.client;

import static dev.duplex.testing.Urls.ws;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duplex.testing.InJvmServer;
import dev.duplex.testing.TestSocket;
import dev.duplex.testing.wire.FrameDecoder;
import dev.duplex.testing.wire.HandshakeException;
import dev.duplex.testing.wire.Opcodes;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link NioClient} against duplex's real endpoints, on Tyrus's standalone server in this JVM. */
class NioClientTest {

    @RegisterExtension
    static final InJvmServer SERVER = new InJvmServer();

    private static final Duration WAIT = TestSocket.WAIT;

    private static URI echo() {
        return ws(SERVER.base(), "echo");
    }

    private static LoadConnection open(NioClient client, URI uri, Listener listener) throws Exception {
        return client.connect(uri, listener).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Test
    void aTextMessageEchoesBackUnchangedIncludingNonAscii() throws Exception {
        try (NioClient client = new NioClient(1)) {
            Recorder recorder = new Recorder();
            LoadConnection connection = open(client, echo(), recorder);
            String text = "héllo, 世界 🌍 – всё в порядке";
            connection.sendText(text);
            assertEquals(text, recorder.next());
        }
    }

    @Test
    void aBinaryMessageEchoesBackUnchanged() throws Exception {
        byte[] data = new byte[1024];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) i; // every byte value, four times
        }
        try (NioClient client = new NioClient(1)) {
            Recorder recorder = new Recorder();
            open(client, echo(), recorder).sendBinary(data);
            assertArrayEquals(data, assertInstanceOf(byte[].class, recorder.next()));
        }
    }

    @Test
    void a200KilobyteTextMessageComesBackWhole() throws Exception {
        String text = "200 KB, 二百千字节 ".repeat(200 * 1024 / 26);
        try (NioClient client = new NioClient(1)) {
            Recorder recorder = new Recorder();
            open(client, echo(), recorder).sendText(text);
            assertEquals(text, recorder.next());
        }
    }

    @Test
    void aThousandConnectionsOnTwoSelectorThreadsEachGetTheirTenEchoes() throws Exception {
        int connections = 1000;
        int messages = 10;
        CountDownLatch answers = new CountDownLatch(connections * messages);
        Queue<String> wrong = new ConcurrentLinkedQueue<>();
        try (NioClient client = new NioClient(2)) {
            List<LoadConnection> opened = client.connectAll(Collections.nCopies(connections, echo()),
                    i -> new InOrder("c" + i + "-", wrong, answers), 100, Duration.ofSeconds(60));
            for (int i = 0; i < connections; i++) {
                for (int k = 0; k < messages; k++) {
                    opened.get(i).sendText("c" + i + "-" + k);
                }
            }
            assertTrue(answers.await(60, TimeUnit.SECONDS), () -> answers.getCount() + " answers missing");
            assertEquals(List.of(), List.copyOf(wrong));
            NioClient.Stats stats = client.stats();
            assertEquals(connections * messages, stats.messagesSent());
            assertEquals(connections * messages, stats.messagesReceived());
        }
    }

    @Test
    void aRefusedHandshakeFailsTheConnectWithTheStatusLine() throws Exception {
        // Tyrus's standalone server has no servlet filter to refuse a foreign Origin (a container's
        // 403); it refuses a path that has no endpoint, with 404.
        try (NioClient client = new NioClient(1)) {
            CompletableFuture<LoadConnection> connecting = client.connect(ws(SERVER.base(), "nowhere"),
                    Map.of("Origin", "https://evil.example"), new Listener() { });
            ExecutionException failed = assertThrows(ExecutionException.class,
                    () -> connecting.get(WAIT.toMillis(), TimeUnit.MILLISECONDS));
            HandshakeException refused = assertInstanceOf(HandshakeException.class, failed.getCause());
            assertEquals(404, refused.status(), refused::getMessage);
            assertTrue(refused.getMessage().contains(refused.statusLine()), refused::getMessage);
        }
    }

    @Test
    void aServerCloseIsReportedWithItsCode() throws Exception {
        try (NioClient client = new NioClient(1)) {
            Recorder recorder = new Recorder();
            LoadConnection connection = open(client, ws(SERVER.base(), "rewrite"), recorder);
            connection.sendBinary(new byte[] {1, 2, 3}); // /rewrite takes text only
            Close close = recorder.closed.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            assertEquals(1003, close.code(), close::toString);
            assertEquals(List.of(), List.copyOf(recorder.errors));
        }
    }

    @Test
    void aConnectionThatStopsReadingGetsNothingUntilItReadsAgain() throws Exception {
        try (NioClient client = new NioClient(1)) {
            Recorder recorder = new Recorder();
            LoadConnection connection = open(client, echo(), recorder);
            connection.reading(false);
            connection.sendText("held back");
            assertNull(recorder.received.poll(500, TimeUnit.MILLISECONDS), "read while not reading");
            connection.reading(true);
            assertEquals("held back", recorder.next());
        }
    }

    @Test
    void tenThousandPipelinedMessagesEchoBackInOrder() throws Exception {
        int messages = 10_000;
        CountDownLatch answers = new CountDownLatch(messages);
        Queue<String> wrong = new ConcurrentLinkedQueue<>();
        try (NioClient client = new NioClient(1)) {
            LoadConnection connection = open(client, echo(), new InOrder("m", wrong, answers));
            for (int i = 0; i < messages; i++) {
                connection.sendText("m" + i);
            }
            assertTrue(answers.await(WAIT.toSeconds(), TimeUnit.SECONDS), () -> answers.getCount() + " answers missing");
            assertEquals(List.of(), List.copyOf(wrong));
        }
    }

    @Test
    void theDecoderReassemblesAFragmentedMessageFedOneByteAtATime() throws Exception {
        // Whether a server fragments is its choice; this feeds the decoder what one that does sends:
        // a text message in two frames (16-bit length, then 7-bit), a ping between them, then a
        // binary message with a 64-bit length.
        byte[] first = "first part, ".repeat(20).getBytes(StandardCharsets.UTF_8); // 240 bytes
        byte[] second = "second".getBytes(StandardCharsets.UTF_8);
        byte[] big = new byte[70_000];
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        wire.write(new byte[] {0x01, 126, 0, (byte) first.length});
        wire.write(first);
        wire.write(new byte[] {(byte) 0x89, 2, 'h', 'i'});
        wire.write(new byte[] {(byte) 0x80, (byte) second.length});
        wire.write(second);
        wire.write(new byte[] {(byte) 0x82, 127, 0, 0, 0, 0, 0, 1, 0x11, 0x70}); // 70,000
        wire.write(big);
        List<String> seen = new ArrayList<>();
        MessageAssembler.Messages sink = new MessageAssembler.Messages() {
            @Override
            public boolean onMessage(int opcode, ByteBuffer payload) {
                seen.add(opcode == Opcodes.TEXT ? "text " + Listener.text(payload) : "binary " + payload.remaining());
                return true;
            }

            @Override
            public boolean onControl(int opcode, ByteBuffer payload) {
                seen.add("control " + opcode + " " + Listener.text(payload));
                return true;
            }
        };
        FrameDecoder decoder = new FrameDecoder(1 << 20);
        MessageAssembler assembler = new MessageAssembler(1 << 20, sink);
        ByteBuffer in = ByteBuffer.allocate(1);
        for (byte b : wire.toByteArray()) {
            in.clear().put(b).flip();
            decoder.decode(in, in.duplicate(), assembler);
        }
        String text = new String(first, StandardCharsets.UTF_8) + "second";
        assertEquals(List.of("control 9 hi", "text " + text, "binary 70000"), seen);
    }

    /** A connection's close, as onClose reported it. */
    private record Close(int code, String reason) {
    }

    /** Keeps what a connection receives: texts as Strings, binaries as byte arrays, its close and errors. */
    private static final class Recorder implements Listener {
        final BlockingQueue<Object> received = new LinkedBlockingQueue<>();
        final CompletableFuture<Close> closed = new CompletableFuture<>();
        final Queue<Throwable> errors = new ConcurrentLinkedQueue<>();

        @Override
        public void onText(LoadConnection connection, ByteBuffer utf8) {
            received.add(Listener.text(utf8));
        }

        @Override
        public void onBinary(LoadConnection connection, ByteBuffer data) {
            received.add(Listener.bytes(data));
        }

        @Override
        public void onClose(LoadConnection connection, int code, String reason) {
            closed.complete(new Close(code, reason));
        }

        @Override
        public void onError(LoadConnection connection, Throwable error) {
            errors.add(error);
        }

        Object next() throws InterruptedException {
            Object message = received.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            assertNotNull(message, "no message within " + WAIT);
            return message;
        }
    }

    /** Expects the texts prefix0, prefix1, … in that order; notes any other and counts each answer. */
    private static final class InOrder implements Listener {
        private final String prefix;
        private final Queue<String> wrong;
        private final CountDownLatch answers;
        private int next; // the selector thread's alone

        InOrder(String prefix, Queue<String> wrong, CountDownLatch answers) {
            this.prefix = prefix;
            this.wrong = wrong;
            this.answers = answers;
        }

        @Override
        public void onText(LoadConnection connection, ByteBuffer utf8) {
            String text = Listener.text(utf8);
            String expected = prefix + next++;
            if (!text.equals(expected)) {
                wrong.add("expected " + expected + ", got " + text);
            }
            answers.countDown();
        }

        @Override
        public void onClose(LoadConnection connection, int code, String reason) {
            if (answers.getCount() > 0) {
                wrong.add(prefix + " closed early: " + code + " " + reason);
            }
        }
    }
}
