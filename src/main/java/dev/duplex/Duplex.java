package dev.duplex;

import dev.duplex.config.Settings;
import dev.duplex.echo.EchoEndpoint;
import dev.duplex.json.JsonCodec;
import dev.duplex.rewrite.RewriteEndpoint;
import dev.duplex.rewrite.Rewriter;
import dev.duplex.room.InMemoryRoomHub;
import dev.duplex.room.RoomEndpoint;
import dev.duplex.room.RoomHub;
import jakarta.websocket.Endpoint;
import jakarta.websocket.server.ServerEndpointConfig;
import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;

/**
 * The application: its settings and the plain objects that hold the logic, created once, and the
 * WebSocket endpoints built on them. Endpoints receive their collaborators through a configurator,
 * not through injection, which works alike on every container.
 */
public record Duplex(Settings settings, JsonCodec json, Rewriter rewriter, RoomHub rooms) {

    public static Duplex create(Settings settings) {
        JsonCodec json = new JsonCodec();
        Clock clock = Clock.systemUTC();
        return new Duplex(settings, json, new Rewriter(clock, settings.timeZone()),
                new InMemoryRoomHub(json, clock, settings.roomHistory()));
    }

    /** The endpoints, paths relative to the context root. */
    public List<ServerEndpointConfig> endpoints() {
        return List.of(
                endpoint(EchoEndpoint.class, "/echo", () -> new EchoEndpoint(settings)),
                endpoint(RewriteEndpoint.class, "/rewrite", () -> new RewriteEndpoint(settings, rewriter, json)),
                endpoint(RoomEndpoint.class, "/room/{group}", () -> new RoomEndpoint(settings, rooms, json)));
    }

    private static <T extends Endpoint> ServerEndpointConfig endpoint(Class<T> type, String path, Supplier<T> factory) {
        return ServerEndpointConfig.Builder.create(type, path)
                .configurator(new ServerEndpointConfig.Configurator() {
                    @Override
                    public <E> E getEndpointInstance(Class<E> endpointClass) {
                        return endpointClass.cast(factory.get()); // one instance per connection
                    }
                })
                .build();
    }
}
