package dev.duplex.room;

import dev.duplex.config.Settings;
import dev.duplex.json.JsonCodec;
import dev.duplex.socket.Connection;
import dev.duplex.socket.Connections;
import dev.duplex.socket.EndpointPath;
import dev.duplex.socket.Outbound;
import dev.duplex.socket.QueryString;
import jakarta.websocket.CloseReason;
import jakarta.websocket.CloseReason.CloseCodes;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;
import java.util.Optional;

/**
 * {@code /room/{group}?name=...}: a chat room member, named by its token when the handshake verified
 * one ({@link Speaker}). The {@link RoomHub} does the rest.
 */
public final class RoomEndpoint extends Endpoint {

    private final Settings settings;
    private final Connections connections;
    private final RoomHub hub;
    private final JsonCodec json;
    private volatile Connection connection; // onClose may run on another thread than onOpen
    private RateLimit rateLimit;
    private final TypingThrottle typingThrottle = new TypingThrottle(TypingThrottle.EVERY);
    private Speaker speaker;
    private String room;
    private volatile Member member; // written after room: reading it in onClose sees both

    public RoomEndpoint(Settings settings, Connections connections, RoomHub hub, JsonCodec json) {
        this.settings = settings;
        this.connections = connections;
        this.hub = hub;
        this.json = json;
    }

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        Optional<String> roomName = RoomName.parse(session.getPathParameters().get("group"));
        Optional<Connection> opened = connections.openSkipping(session, EndpointPath.ROOM.label(),
                missed -> new Outbound.Text(json.write(new RoomEvent.Skipped(roomName.orElse(""), missed))));
        if (opened.isEmpty()) {
            return;
        }
        connection = opened.get();
        // Who signed in, as the connection was admitted: the token's identity, or nobody.
        Optional<Speaker> speaking = Speaker.of(connection.user(), nickname(session.getQueryString()));
        if (roomName.isEmpty() || speaking.isEmpty()) {
            connection.close(CloseCodes.VIOLATED_POLICY.getCode(), roomName.isEmpty() ? RoomName.RULE : Nickname.RULE);
            return;
        }
        room = roomName.get();
        connection.label("room " + room);
        speaker = speaking.get();
        member = speaker.member(Ids.newConnectionId());
        rateLimit = new RateLimit(settings.roomRatePerSecond(), settings.roomRateBurst(), System.nanoTime());
        connection.receiveText(settings.roomMaxBytes(), this::onText);
        Member seated = member;
        Recipient recipient = Recipient.of(connection::send,
                () -> connection.close(CloseCodes.VIOLATED_POLICY.getCode(), "removed"));
        hub.join(room, seated, queryParameter(session.getQueryString(), "since"), recipient)
                .whenComplete((joined, unavailable) -> {
                    if (unavailable != null) { // never seated: nothing to leave
                        connection.close(CloseCodes.TRY_AGAIN_LATER.getCode(), "rooms unavailable, try again later");
                    }
                });
        connection.onServerClose(() -> hub.leave(room, seated)); // at once, even if the client never answers the close
        if (!session.isOpen()) {
            // Closed while it joined: onClose may have run before the seat existed, and its leave
            // found nothing to remove. Leave now, or the member would stay listed for good.
            hub.leave(room, seated);
        }
    }

    private void onText(String text) {
        // Read first, so that a message the rate limit refuses is named by its client_id.
        ClientCommand command = ClientCommand.parse(text, json);
        switch (rateLimit.take(System.nanoTime())) {
            case ALLOW -> {
                if (command instanceof ClientCommand.Say say) {
                    say(say);
                } else if (command instanceof ClientCommand.Typing
                        && speaker.mayPublish(room) && typingThrottle.allow(System.nanoTime())) {
                    hub.typing(room, member);
                } else if (command instanceof ClientCommand.Invalid invalid) {
                    tell(new RoomEvent.Error(invalid.code(), invalid.reason()));
                }
            }
            case REFUSE -> {
                connection.meters().rateLimited().increment();
                if (!(command instanceof ClientCommand.Typing)) { // a typing note is dropped silently
                    String clientId = command instanceof ClientCommand.Say say ? say.clientId() : null;
                    tell(new RoomEvent.Error(RoomEvent.Error.RATE_LIMITED, "more than " + settings.roomRatePerSecond()
                            + " messages per second: this one was not delivered", clientId));
                }
            }
            case CUT_OFF -> {
                connection.meters().closedFlooding().increment();
                connection.close(CloseCodes.VIOLATED_POLICY.getCode(), "flooding: far more than "
                        + settings.roomRatePerSecond() + " messages per second");
            }
        }
    }

    private void say(ClientCommand.Say say) {
        if (!speaker.mayPublish(room)) {
            tell(new RoomEvent.Error(RoomEvent.Error.FORBIDDEN, "you may read this room but not send to it",
                    say.clientId()));
            return;
        }
        // Stopping: in memory a message reaches every member before their close, or none (Connections).
        if (!connections.unlessStopping(() -> hub.publish(room, member, say.text(), say.clientId()))) {
            tell(new RoomEvent.Error(RoomEvent.Error.NOT_DELIVERED, "server shutting down: this one was not delivered",
                    say.clientId()));
        }
    }

    private void tell(RoomEvent event) {
        connection.sendText(json.write(event));
    }

    @Override
    public void onClose(Session session, CloseReason closeReason) {
        if (connection != null) {
            connection.closed(closeReason);
        }
        if (member != null) {
            hub.leave(room, member);
        }
    }

    @Override
    public void onError(Session session, Throwable error) {
        Connection.logError(EndpointPath.ROOM.label(), session, error);
    }

    private static Optional<String> nickname(String query) {
        try {
            return Nickname.parse(QueryString.first(query, "name").orElse(null));
        } catch (IllegalArgumentException brokenPercentEncoding) {
            return Optional.empty(); // a name we cannot read is refused, not replaced
        }
    }

    /** A query parameter, null if absent or not decodable. */
    private static String queryParameter(String query, String name) {
        try {
            return QueryString.first(query, name).orElse(null);
        } catch (IllegalArgumentException brokenPercentEncoding) {
            return null;
        }
    }
}
