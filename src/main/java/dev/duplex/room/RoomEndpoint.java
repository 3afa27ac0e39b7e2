package dev.duplex.room;

import dev.duplex.config.Settings;
import dev.duplex.json.JsonCodec;
import dev.duplex.socket.Connection;
import dev.duplex.socket.QueryString;
import jakarta.websocket.CloseReason;
import jakarta.websocket.CloseReason.CloseCodes;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;
import java.util.Optional;

/** {@code /room/{group}?name=...}: a chat room member. The {@link RoomHub} does the rest. */
public final class RoomEndpoint extends Endpoint {

    private final Settings settings;
    private final RoomHub hub;
    private final JsonCodec json;
    private Connection connection;
    private String room;
    private Member member;

    public RoomEndpoint(Settings settings, RoomHub hub, JsonCodec json) {
        this.settings = settings;
        this.hub = hub;
        this.json = json;
    }

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        connection = new Connection(session, settings);
        Optional<String> roomName = RoomName.parse(session.getPathParameters().get("group"));
        Optional<String> nickname = nickname(session.getQueryString());
        if (roomName.isEmpty() || nickname.isEmpty()) {
            connection.close(CloseCodes.VIOLATED_POLICY.getCode(), roomName.isEmpty() ? RoomName.RULE : Nickname.RULE);
            return;
        }
        room = roomName.get();
        member = new Member(Ids.newConnectionId(), nickname.get());
        connection.receiveText(settings.roomMaxBytes(), this::onText);
        hub.join(room, member, connection::sendText);
    }

    private void onText(String text) {
        ClientCommand command = ClientCommand.parse(text, json);
        if (command instanceof ClientCommand.Say say) {
            hub.publish(room, member, say.text());
        } else if (command instanceof ClientCommand.Invalid invalid) {
            connection.sendText(json.write(new RoomEvent.Error(invalid.code(), invalid.reason())));
        }
    }

    @Override
    public void onClose(Session session, CloseReason closeReason) {
        connection.closed();
        if (member != null) {
            hub.leave(room, member);
        }
    }

    @Override
    public void onError(Session session, Throwable error) {
        Connection.logError("room", session, error);
    }

    private static Optional<String> nickname(String query) {
        try {
            return Nickname.parse(QueryString.first(query, "name").orElse(null));
        } catch (IllegalArgumentException brokenPercentEncoding) {
            return Optional.empty();
        }
    }
}
