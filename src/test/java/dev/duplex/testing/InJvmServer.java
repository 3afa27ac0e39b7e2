package dev.duplex.testing;

import dev.duplex.Duplex;
import dev.duplex.config.Settings;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.util.Map;
import org.glassfish.tyrus.spi.ServerContainer;
import org.glassfish.tyrus.spi.ServerContainerFactory;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * duplex's endpoints on Tyrus's standalone (Grizzly) server, in the test's JVM, on a free port: the
 * endpoints without a servlet container. Register with {@code @RegisterExtension static}.
 *
 * <p>The endpoint configs are added to the container directly. A {@code ServerApplicationConfig}
 * class would do too, but embedded Tomcat in the integration tests would find it on the classpath
 * and deploy it beside the WAR.
 */
public final class InJvmServer implements BeforeAllCallback, AfterAllCallback {

    private static final String CONTEXT = "/duplex";

    private final Map<String, String> settings;
    private ServerContainer server;
    private Duplex duplex;
    private URI base;

    /** With the default settings. */
    public InJvmServer() {
        this(Map.of());
    }

    /** With these settings (keys as in the README) in place of the defaults. */
    public InJvmServer(Map<String, String> settings) {
        this.settings = settings;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        start();
    }

    /** Starts the server; for tests that stop it themselves, without the extension. */
    public void start() throws Exception {
        server = ServerContainerFactory.createServerContainer(Map.of());
        duplex = Duplex.start(Settings.of(settings));
        duplex.deployTo(server);
        int port = freePort();
        server.start(CONTEXT, port);
        base = URI.create("http://127.0.0.1:" + port + CONTEXT + "/");
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stop();
    }

    /** Stops duplex as a container does on undeploy, then the server. */
    public void stop() {
        if (duplex != null) {
            duplex.stop("server shutting down");
            duplex = null;
        }
        if (server != null) {
            server.stop();
            server = null;
        }
    }

    /** The application, for looking at its state (open connections, rooms) from a test. */
    public Duplex duplex() {
        return duplex;
    }

    // Tyrus takes port 0 to mean its default, 8025, so ask the system for a free one.
    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** {@code http://127.0.0.1:port/duplex/}, as a container would serve the WAR. */
    public URI base() {
        return base;
    }
}
