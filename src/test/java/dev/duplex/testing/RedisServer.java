package dev.duplex.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real Redis server for the tests: {@code redis-server} from the PATH, on a free loopback port,
 * keeping nothing on disk. Register with {@code @RegisterExtension @Order(1) static}.
 */
public final class RedisServer implements BeforeAllCallback, AfterAllCallback {

    private static final Duration START_WAIT = Duration.ofSeconds(20);

    private final int port = freePort(); // known before the start: a deployment may need the URL first
    private Process process;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stop();
    }

    /** Starts it, always on the same port: for "Redis is back" tests. */
    public void start() throws Exception {
        Path log = Files.createTempFile("redis-", ".log");
        process = new ProcessBuilder(List.of("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no"))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + START_WAIT.toNanos();
        while (!answersPing()) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("redis-server did not start: " + Files.readString(log));
            }
            Thread.sleep(50);
        }
    }

    /** Stops it at once, as a crash would. */
    public void stop() {
        if (process != null) {
            process.destroyForcibly();
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process = null;
        }
    }

    public URI url() {
        return url(address());
    }

    /** Where it listens: the target of a {@link DelayingProxy} in front of it. */
    public InetSocketAddress address() {
        return new InetSocketAddress("127.0.0.1", port);
    }

    /** The setting that shares duplex's rooms through this server, for an in-JVM server or a web.xml. */
    public Map<String, String> setting() {
        return settingVia(address());
    }

    /** The same setting as a system property of a node process. */
    public String property() {
        return propertyVia(address());
    }

    /** The setting for a server that reaches this Redis at {@code via}, a {@link DelayingProxy} in front of it. */
    public Map<String, String> settingVia(InetSocketAddress via) {
        return Map.of("duplex.redis.url", url(via).toString());
    }

    /** The same setting as a system property of a node process. */
    public String propertyVia(InetSocketAddress via) {
        return "duplex.redis.url=" + url(via);
    }

    private static URI url(InetSocketAddress at) {
        return URI.create("redis://" + at.getAddress().getHostAddress() + ":" + at.getPort() + "/0");
    }

    /** Redis stops answering its clients for {@code pause}, keeping their connections and its data: a blip. */
    public void pause(Duration pause) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.getOutputStream().write(("CLIENT PAUSE " + pause.toMillis() + " ALL\r\n").getBytes(StandardCharsets.US_ASCII));
            byte[] answer = new byte[5];
            if (socket.getInputStream().readNBytes(answer, 0, 5) != 5 || !new String(answer, StandardCharsets.US_ASCII).equals("+OK\r\n")) {
                throw new IOException("CLIENT PAUSE refused");
            }
        }
    }

    /** Waits until it answers again after a {@link #pause}: a PING waits the pause out. */
    public void awaitAnswering() throws InterruptedException {
        long deadline = System.nanoTime() + START_WAIT.toNanos();
        while (!answersPing()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("redis-server does not answer");
            }
            Thread.sleep(50);
        }
    }

    private boolean answersPing() {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            byte[] answer = new byte[7];
            return socket.getInputStream().readNBytes(answer, 0, 7) == 7
                    && new String(answer, StandardCharsets.US_ASCII).equals("+PONG\r\n");
        } catch (IOException notYet) {
            return false;
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port", e);
        }
    }
}
