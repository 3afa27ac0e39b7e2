package dev.duplex.room.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.duplex.json.JsonCodec;
import dev.duplex.room.Member;
import dev.duplex.room.RoomHub;
import dev.duplex.room.RoomHubContract;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@link RoomHubContract} on the in-memory hub, and what only a hub of one node promises. */
class InMemoryRoomHubTest implements RoomHubContract {

    private final InMemoryRoomHub hub = newHub(3, 100);

    @Override
    public InMemoryRoomHub newHub(int historySize, int presenceLimit) {
        return new InMemoryRoomHub(new JsonCodec(), Clock.systemUTC(), historySize, presenceLimit, new SimpleMeterRegistry());
    }

    @Test
    void everyCallIsDoneWhenItReturns() {
        RoomHub lobby = hub;
        Member alice = new Member("a1", "alice");
        assertEquals(true, lobby.join("lobby", alice, null, event -> { }).toCompletableFuture().isDone());
        assertEquals(1, lobby.memberCount());
        lobby.leave("lobby", alice);
        assertEquals(0, lobby.roomCount());
    }

    @Test
    void noRoomIsLeftBehindAfterTenThousandConnectionsCameAndWentAcrossAThousandRooms() throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(8);
        List<Future<?>> connections = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            int n = i;
            connections.add(clients.submit(() -> {
                String room = "room-" + (n % 1_000);
                Member member = new Member("id-" + n, "user" + n);
                hub.join(room, member, null, event -> { });
                hub.publish(room, member, "hello from " + n, null);
                hub.leave(room, member);
            }));
        }
        for (Future<?> connection : connections) {
            connection.get(60, TimeUnit.SECONDS);
        }
        clients.shutdown();
        assertEquals(0, hub.roomCount());
    }
}
