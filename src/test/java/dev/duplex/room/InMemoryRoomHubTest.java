package dev.duplex.room;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duplex.json.JsonCodec;
import dev.duplex.socket.Outbound;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.json.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class InMemoryRoomHubTest {

    private final JsonCodec json = new JsonCodec();
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-22T09:05:03.123Z"), ZoneOffset.UTC);
    private final InMemoryRoomHub hub = new InMemoryRoomHub(json, clock, 3, 100, new SimpleMeterRegistry());

    /** Everything one member receives, parsed. */
    private final class Inbox {
        final List<Outbound.Text> delivered = new CopyOnWriteArrayList<>();

        void deliver(Outbound.Text event) {
            delivered.add(event);
        }

        List<JsonObject> events() {
            return delivered.stream().map(event -> json.readObject(event.text()).orElseThrow()).toList();
        }

        List<String> types() {
            return events().stream().map(event -> event.getString("type")).toList();
        }

        JsonObject last() {
            List<JsonObject> events = events();
            return events.get(events.size() - 1);
        }
    }

    private Inbox join(String room, Member member) {
        Inbox inbox = new Inbox();
        hub.join(room, member, inbox::deliver);
        return inbox;
    }

    private final Member alice = new Member("a1", "alice");
    private final Member bob = new Member("b2", "bob");

    @Test
    void aNewMemberIsWelcomedWithEveryMemberItselfIncluded() {
        join("lobby", alice);
        Inbox bobs = join("lobby", bob);
        JsonObject welcome = bobs.last();
        assertEquals("welcome", welcome.getString("type"));
        assertEquals("b2", welcome.getString("id"));
        assertEquals(2, welcome.getJsonArray("members").size());
        assertEquals(List.of(alice, bob), hub.members("lobby"));
    }

    @Test
    void theOthersAreToldOfAJoinAndALeaveButNotTheMemberItself() {
        Inbox alices = join("lobby", alice);
        Inbox bobs = join("lobby", bob);
        hub.leave("lobby", bob);
        assertEquals(List.of("welcome", "join", "leave"), alices.types());
        assertEquals(List.of("welcome"), bobs.types());
        assertEquals("2026-11-22T09:05:03.123Z", alices.last().getString("time"));
    }

    @Test
    void aMessageReachesEveryMemberOnceTheSenderIncludedAndNoOtherRoom() {
        Inbox alices = join("lobby", alice);
        Inbox bobs = join("lobby", bob);
        Inbox carols = join("kitchen", new Member("c3", "carol"));
        hub.publish("lobby", alice, "hi");
        assertEquals(List.of("welcome", "join", "message"), alices.types());
        assertEquals(List.of("welcome", "message"), bobs.types());
        assertEquals(List.of("welcome"), carols.types());
        assertEquals(alices.last(), bobs.last());
    }

    @Test
    void aBroadcastHandsEveryMemberTheSameEvent() {
        Inbox alices = join("lobby", alice);
        Inbox bobs = join("lobby", bob);
        hub.publish("lobby", bob, "one string");
        assertSame(alices.delivered.get(alices.delivered.size() - 1), bobs.delivered.get(bobs.delivered.size() - 1),
                "serialized once, and its UTF-8 length measured once");
    }

    @Test
    void aMessageFromSomeoneNotInTheRoomIsDropped() {
        Inbox alices = join("lobby", alice);
        hub.publish("lobby", bob, "sneaky");
        hub.publish("nowhere", alice, "void");
        assertEquals(List.of("welcome"), alices.types());
    }

    @Test
    void historyKeepsTheLastMessagesOldestFirstUpToItsSize() {
        join("lobby", alice);
        for (String text : List.of("1", "2", "3", "4", "5")) {
            hub.publish("lobby", alice, text);
        }
        assertEquals(List.of("3", "4", "5"), hub.history("lobby").stream().map(RoomEvent.ChatMessage::text).toList());
        Inbox bobs = join("lobby", bob);
        assertEquals(3, bobs.last().getJsonArray("history").size());
    }

    @Test
    void messageIdsAreUnique() {
        join("lobby", alice);
        hub.publish("lobby", alice, "x");
        hub.publish("lobby", alice, "y");
        List<RoomEvent.ChatMessage> history = hub.history("lobby");
        assertTrue(!history.get(0).id().equals(history.get(1).id()));
    }

    @Test
    void aRoomIsGoneWithItsLastMemberAndItsHistoryWithIt() {
        join("lobby", alice);
        hub.publish("lobby", alice, "x");
        hub.leave("lobby", alice);
        assertEquals(0, hub.roomCount());
        assertEquals(List.of(), hub.history("lobby"));
        hub.leave("lobby", alice); // twice is harmless
    }

    @Test
    void allMembersReceiveOneRoomsMessagesInTheSameOrderUnderConcurrentSenders() throws Exception {
        List<Inbox> inboxes = new ArrayList<>();
        List<Member> members = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Member member = new Member("m" + i, "member" + i);
            members.add(member);
            inboxes.add(join("lobby", member));
        }
        ExecutorService senders = Executors.newFixedThreadPool(4);
        List<Future<?>> sending = new ArrayList<>();
        for (Member member : members) {
            sending.add(senders.submit(() -> {
                for (int i = 0; i < 500; i++) {
                    hub.publish("lobby", member, member.name() + ":" + i);
                }
            }));
        }
        for (Future<?> future : sending) {
            future.get(30, TimeUnit.SECONDS);
        }
        senders.shutdown();
        List<String> first = messages(inboxes.get(0));
        assertEquals(2_000, first.size());
        for (Inbox inbox : inboxes) {
            assertEquals(first, messages(inbox));
        }
    }

    private static List<String> messages(Inbox inbox) {
        return inbox.events().stream().filter(event -> event.getString("type").equals("message"))
                .map(event -> event.getString("id")).toList();
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
                hub.join(room, member, event -> { });
                hub.publish(room, member, "hello from " + n);
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
