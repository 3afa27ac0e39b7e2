package dev.duplex.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link DelayingProxy} in front of an echo server: what goes through comes back whole, in order, and late. */
class DelayingProxyTest {

    private static final Duration WAIT = TestSocket.WAIT;

    private EchoServer echo;

    @BeforeEach
    void startEcho() throws IOException {
        echo = new EchoServer();
    }

    @AfterEach
    void stopEcho() {
        echo.close();
    }

    @Test
    void bytesArriveIntactAndInOrderBothWays() throws Exception {
        byte[] data = new byte[8 * 1024 * 1024];
        Random random = new Random(42);
        random.nextBytes(data);
        try (DelayingProxy proxy = new DelayingProxy(echo.address(), Duration.ofMillis(1)).start();
                Socket socket = connect(proxy)) {
            CompletableFuture<byte[]> back = readAsync(socket, data.length);
            OutputStream out = socket.getOutputStream();
            for (int at = 0; at < data.length; ) { // writes of every size, so reads come in every size too
                int length = Math.min(1 + random.nextInt(20_000), data.length - at);
                out.write(data, at, length);
                at += length;
            }
            assertArrayEquals(data, back.get(WAIT.toMillis(), TimeUnit.MILLISECONDS));
        }
    }

    @Test
    void aRoundTripTakesAtLeastTwiceTheDelay() throws Exception {
        Duration delay = Duration.ofMillis(50);
        try (DelayingProxy proxy = new DelayingProxy(echo.address(), delay).start(); Socket socket = connect(proxy)) {
            for (int i = 0; i < 5; i++) {
                long start = System.nanoTime();
                socket.getOutputStream().write(i);
                assertEquals(i, socket.getInputStream().read());
                long took = System.nanoTime() - start;
                assertTrue(took >= 2 * delay.toNanos(), "round trip " + i + " took " + took / 1e6 + " ms");
            }
        }
    }

    /**
     * A byte every 10 ms with the target 100 ms away: about ten are on their way in each direction
     * at any time. Each must come back 200 ms after it left, as if it were alone (this proxy: median
     * 201 ms). A proxy that waits out the delay for one chunk before it reads the next holds the
     * bytes that arrive meanwhile up to another delay: tried, its round trips ran from 203 to 312 ms,
     * median 265.
     */
    @Test
    void pipelinedChunksAreEachDelayedOnceNotOneAfterAnother() throws Exception {
        Duration delay = Duration.ofMillis(100);
        long gap = TimeUnit.MILLISECONDS.toNanos(10);
        int chunks = 40;
        long[] sent = new long[chunks];
        try (DelayingProxy proxy = new DelayingProxy(echo.address(), delay).start(); Socket socket = connect(proxy)) {
            CompletableFuture<long[]> arrived = arrivalsAsync(socket, chunks);
            OutputStream out = socket.getOutputStream();
            long start = System.nanoTime();
            for (int i = 0; i < chunks; i++) {
                LockSupport.parkNanos(start + i * gap - System.nanoTime()); // pacing the writes, not a wait for a result
                sent[i] = System.nanoTime();
                out.write(i);
            }
            long[] arrivals = arrived.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            double[] roundTripsMillis = new double[chunks];
            for (int i = 0; i < chunks; i++) {
                roundTripsMillis[i] = (arrivals[i] - sent[i]) / 1e6;
            }
            double[] sorted = roundTripsMillis.clone();
            Arrays.sort(sorted);
            double twice = 2 * delay.toMillis();
            String all = "round trips in ms: " + Arrays.toString(roundTripsMillis);
            assertTrue(sorted[0] >= twice, "a byte came back in less than twice the delay; " + all);
            assertTrue(sorted[chunks / 2] < twice + delay.toMillis() / 5.0,
                    "the median round trip is over 2.2 delays: chunks wait for each other; " + all);
        }
    }

    private static Socket connect(DelayingProxy proxy) throws IOException {
        Socket socket = new Socket(proxy.address().getAddress(), proxy.port());
        socket.setTcpNoDelay(true);
        socket.setSoTimeout((int) WAIT.toMillis());
        return socket;
    }

    private static CompletableFuture<byte[]> readAsync(Socket socket, int length) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return socket.getInputStream().readNBytes(length);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** Bytes 0, 1, 2, … expected back in that order; when each arrived (nanoTime). */
    private static CompletableFuture<long[]> arrivalsAsync(Socket socket, int count) {
        return CompletableFuture.supplyAsync(() -> {
            long[] arrivals = new long[count];
            byte[] buffer = new byte[count];
            try {
                InputStream in = socket.getInputStream();
                for (int received = 0; received < count; ) {
                    int n = in.read(buffer, received, count - received);
                    long now = System.nanoTime();
                    if (n < 0) {
                        throw new IllegalStateException("closed after " + received + " bytes");
                    }
                    for (int i = received; i < received + n; i++) {
                        if (buffer[i] != (byte) i) {
                            throw new IllegalStateException("byte " + i + " is " + buffer[i]);
                        }
                        arrivals[i] = now;
                    }
                    received += n;
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            return arrivals;
        });
    }

    /** Sends back whatever it receives, a thread per connection. */
    private static final class EchoServer implements AutoCloseable {
        private final ServerSocket listener = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));

        EchoServer() throws IOException {
            Thread acceptor = new Thread(this::accept, "echo-accept");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        InetSocketAddress address() {
            return new InetSocketAddress(listener.getInetAddress(), listener.getLocalPort());
        }

        private void accept() {
            while (true) {
                try {
                    Socket socket = listener.accept();
                    socket.setTcpNoDelay(true);
                    Thread echo = new Thread(() -> echo(socket), "echo");
                    echo.setDaemon(true);
                    echo.start();
                } catch (IOException closed) {
                    return;
                }
            }
        }

        private static void echo(Socket socket) {
            try (socket) {
                socket.getInputStream().transferTo(socket.getOutputStream());
            } catch (IOException gone) {
                // the test is over with this connection
            }
        }

        @Override
        public void close() {
            try {
                listener.close();
            } catch (IOException alreadyClosed) {
                // nothing left to stop
            }
        }
    }
}
