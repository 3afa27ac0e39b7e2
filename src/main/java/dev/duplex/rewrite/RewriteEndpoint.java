package dev.duplex.rewrite;

import dev.duplex.config.Settings;
import dev.duplex.json.JsonCodec;
import dev.duplex.socket.Connection;
import dev.duplex.socket.Connections;
import dev.duplex.socket.EndpointPath;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;

/** {@code /rewrite}: each text message is answered by the {@link Rewriter} as one JSON message. */
public final class RewriteEndpoint extends Endpoint {

    private final Settings settings;
    private final Connections connections;
    private final Rewriter rewriter;
    private final JsonCodec json;
    private volatile Connection connection; // onClose may run on another thread than onOpen

    public RewriteEndpoint(Settings settings, Connections connections, Rewriter rewriter, JsonCodec json) {
        this.settings = settings;
        this.connections = connections;
        this.rewriter = rewriter;
        this.json = json;
    }

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        connections.open(session, EndpointPath.REWRITE.label()).ifPresent(opened -> {
            connection = opened;
            connection.receiveText(settings.rewriteMaxBytes(),
                    text -> connection.sendText(json.write(rewriter.reply(text))));
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
        Connection.logError(EndpointPath.REWRITE.label(), session, error);
    }
}
