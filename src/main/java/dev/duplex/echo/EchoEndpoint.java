package dev.duplex.echo;

import dev.duplex.config.Settings;
import dev.duplex.socket.Connection;
import dev.duplex.socket.Connections;
import dev.duplex.socket.EndpointPath;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;

/** {@code /echo}: every text or binary message comes back unchanged, as one message. */
public final class EchoEndpoint extends Endpoint {

    private final Settings settings;
    private final Connections connections;
    private volatile Connection connection; // onClose may run on another thread than onOpen

    public EchoEndpoint(Settings settings, Connections connections) {
        this.settings = settings;
        this.connections = connections;
    }

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        connections.open(session, EndpointPath.ECHO.label()).ifPresent(opened -> {
            connection = opened;
            connection.receive(settings.echoMaxBytes(), connection::sendText, connection::sendBinary);
        });
    }

    @Override
    public void onClose(Session session, CloseReason closeReason) {
        if (connection != null) {
            connection.closed(closeReason);
        }
    }

    @Override
    public void onError(Session session, Throwable error) {
        Connection.logError(EndpointPath.ECHO.label(), session, error);
    }
}
