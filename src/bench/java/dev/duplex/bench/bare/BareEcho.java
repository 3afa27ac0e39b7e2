package dev.duplex.bench.bare;

import jakarta.websocket.OnMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The benchmark's baseline for /echo: the least a Jakarta WebSocket endpoint can do, with the
 * container's defaults. No limits, no heartbeat, no outbound queue: what duplex adds is measured
 * against it.
 */
@ServerEndpoint("/echo")
public class BareEcho {

    // Tomcat's stock buffer for whole messages (its default follows Tomcat's own buffer size, which
    // the benchmark's container shrinks): the bare endpoint as it would be written for stock Tomcat.
    @OnMessage(maxMessageSize = 8192)
    public void text(Session session, String text) throws IOException {
        session.getBasicRemote().sendText(text);
    }

    @OnMessage(maxMessageSize = 8192)
    public void binary(Session session, ByteBuffer data) throws IOException {
        session.getBasicRemote().sendBinary(data);
    }
}
