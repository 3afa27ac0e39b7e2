package dev.duplex.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link FaultyLink} in front of a server that says "hello" to every client and keeps what it hears. */
class FaultyLinkTest {

    private static final Duration QUIET = Duration.ofMillis(300); // long enough for a byte on loopback

    private final BlockingQueue<String> heard = new LinkedBlockingQueue<>();
    private ServerSocket server;
    private FaultyLink link;

    @BeforeEach
    void start() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        Thread accept = new Thread(this::greetAndListen, "faulty-link-test-server");
        accept.setDaemon(true);
        accept.start();
        link = FaultyLink.to(URI.create("http://127.0.0.1:" + server.getLocalPort() + "/"));
    }

    @AfterEach
    void stop() throws IOException {
        link.close();
        server.close();
    }

    @Test
    void whileStalledWhatTheServerSendsWaitsAndThenArrivesWhole() throws Exception {
        link.stall();
        try (Socket client = connect()) {
            assertThrows(SocketTimeoutException.class, () -> client.getInputStream().read());
            link.flow();
            assertEquals("hello", read(client, 5));
        }
    }

    @Test
    void whileStalledWhatTheClientSendsStillGoes() throws Exception {
        link.stall();
        try (Socket client = connect()) {
            client.getOutputStream().write("ping".getBytes());
            assertEquals("ping", heard.poll(5, TimeUnit.SECONDS));
        }
    }

    @Test
    void downItDropsEveryConnectionAndRefusesNewOnesUntilItComesBack() throws Exception {
        try (Socket before = connect()) {
            assertEquals("hello", read(before, 5));
            link.goDown();
            assertEquals(-1, before.getInputStream().read());
        }
        try (Socket whileDown = connect()) {
            assertEquals(-1, whileDown.getInputStream().read());
        }
        link.comeBack();
        try (Socket after = connect()) {
            assertEquals("hello", read(after, 5));
        }
    }

    private Socket connect() throws IOException {
        URI through = link.through(URI.create("http://127.0.0.1:" + server.getLocalPort() + "/"));
        Socket client = new Socket(through.getHost(), through.getPort());
        client.setSoTimeout((int) QUIET.toMillis());
        return client;
    }

    private static String read(Socket socket, int length) throws IOException {
        socket.setSoTimeout(5_000);
        return new String(socket.getInputStream().readNBytes(length));
    }

    private void greetAndListen() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Thread listen = new Thread(() -> {
                    try (client; InputStream in = client.getInputStream(); OutputStream out = client.getOutputStream()) {
                        out.write("hello".getBytes());
                        byte[] buffer = new byte[64];
                        for (int n; (n = in.read(buffer)) != -1; ) {
                            heard.add(new String(buffer, 0, n));
                        }
                    } catch (IOException e) {
                        // the link dropped it
                    }
                }, "faulty-link-test-listen");
                listen.setDaemon(true);
                listen.start();
            } catch (IOException e) {
                return; // closed
            }
        }
    }
}
