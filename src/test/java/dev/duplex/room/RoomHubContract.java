package dev.duplex.room;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duplex.testing.Inbox;
import dev.duplex.testing.Rooms;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What every {@link RoomHub} does, seen from its members with no socket in between: implemented by
 * a test class per hub, which makes its hubs. History 3 and presence limit 100 unless a test says.
 */
public interface RoomHubContract extends RoomHubAckContract, RoomHubBackendContract {

    Duration QUIET = Duration.ofMillis(300);

    /** A new hub with these settings; the test class closes it after the test. */
    @Override
    RoomHub newHub(int historySize, int presenceLimit);

    private RoomHub hub() {
        return newHub(3, 100);
    }

    /** Joins and waits until the member is seated, as the endpoint's welcome would show. */
    static Inbox join(RoomHub hub, String room, Member member, String since) throws Exception {
        Inbox inbox = new Inbox();
        hub.join(room, member, since, inbox).toCompletableFuture().get(10, TimeUnit.SECONDS);
        return inbox;
    }

    static Inbox join(RoomHub hub, String room, Member member) throws Exception {
        return join(hub, room, member, null);
    }

    /** Joins and reads past the welcome. */
    static Inbox welcomed(RoomHub hub, String room, Member member) throws Exception {
        Inbox inbox = join(hub, room, member, null);
        inbox.next("welcome");
        return inbox;
    }

    private static Member member(String name) {
        return new Member(name + "-" + Ids.newConnectionId(), name);
    }

    private static List<String> names(JsonObject event) {
        return event.getJsonArray("members").getValuesAs(JsonObject.class).stream()
                .map(member -> member.getString("name")).toList();
    }

    private static List<String> texts(JsonObject welcome) {
        return welcome.getJsonArray("history").getValuesAs(JsonObject.class).stream()
                .map(message -> message.getString("text")).toList();
    }

    @Test
    default void aNewcomerIsWelcomedFirstWithEveryMemberItselfIncluded() throws Exception {
        RoomHub hub = hub();
        String room = Rooms.newRoom("lobby");
        join(hub, room, member("alice")).next("welcome");
        Member bob = member("bob");
        JsonObject welcome = join(hub, room, bob).next("welcome");
        assertEquals(bob.id(), welcome.getString("id"));
        assertEquals(List.of("alice", "bob"), names(welcome).stream().sorted().toList());
        assertEquals(2, welcome.getInt("member_count"));
    }

    @Test
    default void theOthersAreToldOfAJoinAndALeaveButNotTheMemberItself() throws Exception {
        RoomHub hub = hub();
        String room = Rooms.newRoom("lobby");
        Inbox alice = welcomed(hub, room, member("alice"));
        Member bob = member("bob");
        Inbox bobs = welcomed(hub, room, bob);
        assertEquals(bob.id(), alice.next("join").getJsonObject("member").getString("id"));
        hub.leave(room, bob);
        assertEquals(bob.id(), alice.next("leave").getJsonObject("member").getString("id"));
        bobs.assertNothingWithin(QUIET);
    }

    @Test
    default void aMessageReachesEveryMemberOnceTheSenderIncludedAsOneSharedEvent() throws Exception {
        RoomHub hub = hub();
        String room = Rooms.newRoom("lobby");
        Member alice = member("alice");
        Inbox alices = join(hub, room, alice);
        Inbox bobs = join(hub, room, member("bob"));
        alices.next("welcome");
        alices.next("join");
        bobs.next("welcome");
        hub.publish(room, alice, "hi", null);
        JsonObject received = bobs.next("message");
        assertEquals("hi", received.getString("text"));
        assertEquals(alice.id(), received.getJsonObject("from").getString("id"));
        assertEquals(received, alices.next("message"));
        assertSame(alices.lastDelivered(), bobs.lastDelivered(), "serialized once, and its UTF-8 length measured once");
        alices.assertNothingWithin(QUIET);
        bobs.assertNothingWithin(Duration.ZERO);
    }

    @Test
    default void roomsStayApart() throws Exception {
        RoomHub hub = hub();
        Member alice = member("alice");
        String lobby = Rooms.newRoom("lobby");
        join(hub, lobby, alice).next("welcome");
        Inbox kitchen = welcomed(hub, Rooms.newRoom("kitchen"), member("carol"));
        hub.publish(lobby, alice, "only the lobby", null);
        kitchen.assertNothingWithin(QUIET);
    }

    @Test
    default void aMessageFromSomeoneNotInTheRoomIsDropped() throws Exception {
        RoomHub hub = hub();
        String room = Rooms.newRoom("lobby");
        Member alice = member("alice");
        Inbox alices = welcomed(hub, room, alice);
        hub.publish(room, member("mallory"), "sneaky", null);
        hub.publish(Rooms.newRoom("nowhere"), alice, "void", null);
        alices.assertNothingWithin(QUIET);
    }

    @Test
    default void theWelcomeCarriesTheLastMessagesOldestFirstUpToTheHistorySize() throws Exception {
        RoomHub hub = hub();
        String room = Rooms.newRoom("lobby");
        Member alice = member("alice");
        Inbox alices = welcomed(hub, room, alice);
        for (String text : List.of("1", "2", "3", "4", "5")) {
            hub.publish(room, alice, text, null);
            alices.next("message");
        }
        assertEquals(List.of("3", "4", "5"), texts(join(hub, room, member("bob")).next("welcome")));
    }

    @Test
    default void aHistoryOfZeroKeepsNoMessageSoEverySinceGetsAResync() throws Exception {
        RoomHub hub = newHub(0, 100);
        String room = Rooms.newRoom("lobby");
        Member alice = member("alice");
        Inbox alices = welcomed(hub, room, alice);
        hub.publish(room, alice, "gone", null);
        String id = alices.next("message").getString("id");
        assertEquals(List.of(), texts(join(hub, room, member("bob")).next("welcome")));
        Inbox back = join(hub, room, member("carol"), id);
        assertEquals(id, back.next("resync").getString("since"));
        assertEquals(List.of(), texts(back.next("welcome")));
    }

    @Test
    default void aMemberComingBackWithSinceGetsExactlyTheMessagesAfterIt() throws Exception {
        RoomHub hub = hub();
        String room = Rooms.newRoom("lobby");
        Member alice = member("alice");
        Inbox alices = welcomed(hub, room, alice);
        hub.publish(room, alice, "seen", null);
        String lastSeen = alices.next("message").getString("id");
        for (String text : List.of("missed 1", "missed 2")) {
            hub.publish(room, alice, text, null);
            alices.next("message");
        }
        Inbox back = join(hub, room, member("bob"), lastSeen);
        assertEquals(List.of("missed 1", "missed 2"), texts(back.next("welcome")));
        hub.publish(room, alice, "live", null);
        assertEquals("live", back.next("message").getString("text"));
        back.assertNothingWithin(QUIET);
    }

    @Test
    default void aSinceTheHistoryNoLongerHoldsGetsAResyncThenTheLastMessages() throws Exception {
        RoomHub hub = hub();
        String room = Rooms.newRoom("lobby");
        Member alice = member("alice");
        Inbox alices = welcomed(hub, room, alice);
        hub.publish(room, alice, "1", null);
        String first = alices.next("message").getString("id");
        for (String text : List.of("2", "3", "4")) {
            hub.publish(room, alice, text, null);
            alices.next("message");
        }
        Inbox back = join(hub, room, member("bob"), first);
        assertEquals(first, back.next("resync").getString("since"));
        assertEquals(List.of("2", "3", "4"), texts(back.next("welcome")));
    }

    @Test
    default void aSinceThatIsNoMessageIdGetsAResyncAndEntersTheRoom() throws Exception {
        RoomHub hub = hub();
        for (String since : List.of("1--5", "abc", "99999999999999999999-0", "local-x-1")) {
            Inbox back = join(hub, Rooms.newRoom("lobby"), member("bob"), since);
            assertEquals(since, back.next("resync").getString("since"));
            back.next("welcome");
        }
    }

    @Test
    default void withinThePresenceLimitJoinsAreAnnouncedAndTheJoinPastItBringsEveryoneOneSnapshot() throws Exception {
        RoomHub hub = newHub(3, 2);
        String room = Rooms.newRoom("lobby");
        Inbox alice = welcomed(hub, room, member("alice"));
        join(hub, room, member("bob")).next("welcome");
        alice.next("join");
        Inbox carol = join(hub, room, member("carol"));
        JsonObject welcome = carol.next("welcome");
        assertEquals(3, welcome.getInt("member_count"));
        assertTrue(names(welcome).contains("carol"), welcome::toString);
        assertEquals(2, names(welcome).size(), "a room past the limit lists as many as the limit");
        assertEquals(3, alice.next("members").getInt("member_count"));
        assertEquals(3, carol.next("members").getInt("member_count"), "the newcomer too, after its welcome");
        join(hub, room, member("dave")).next("welcome");
        alice.assertNothingWithin(QUIET);
    }

    @Test
    default void leavesPastTheLimitAreSilentAndTheOneBackToItBringsASnapshot() throws Exception {
        RoomHub hub = newHub(3, 2);
        String room = Rooms.newRoom("lobby");
        Inbox alice = join(hub, room, member("alice"));
        Member bob = member("bob");
        Member carol = member("carol");
        Member dave = member("dave");
        for (Member other : List.of(bob, carol, dave)) {
            join(hub, room, other).next("welcome");
        }
        hub.leave(room, dave);
        hub.leave(room, carol);
        JsonObject snapshot = skipTo(alice, "members", 2);
        assertEquals(2, snapshot.getInt("member_count"));
        assertEquals(List.of("alice", "bob"), names(snapshot).stream().sorted().toList());
        hub.leave(room, bob);
        assertEquals(bob.id(), alice.next("leave").getJsonObject("member").getString("id"));
    }

    /** Reads past the joins and the first snapshot to the snapshot that counts {@code count}. */
    private static JsonObject skipTo(Inbox inbox, String type, int count) throws InterruptedException {
        inbox.next("welcome");
        inbox.next("join");
        inbox.next("members");
        JsonObject event = inbox.next(type);
        assertEquals(count, event.getInt("member_count"), event::toString);
        return event;
    }

    @Test
    default void allMembersGetOneRoomsMessagesInOneOrderUnderConcurrentSenders() throws Exception {
        RoomHub hub = hub();
        String room = Rooms.newRoom("lobby");
        List<Member> members = new ArrayList<>();
        List<Inbox> inboxes = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Member member = member("member" + i);
            members.add(member);
            inboxes.add(join(hub, room, member, null));
        }
        ExecutorService senders = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> sending = new ArrayList<>();
            for (Member member : members) {
                sending.add(senders.submit(() -> {
                    for (int i = 0; i < 250; i++) {
                        hub.publish(room, member, member.name() + ":" + i, null);
                    }
                }));
            }
            for (Future<?> future : sending) {
                future.get(30, TimeUnit.SECONDS);
            }
        } finally {
            senders.shutdown();
        }
        List<String> first = messageIds(inboxes.get(0), 1_000);
        for (Inbox inbox : inboxes.subList(1, inboxes.size())) {
            assertEquals(first, messageIds(inbox, 1_000));
        }
    }

    /** The ids of the next {@code count} messages, past the welcome and the joins. */
    private static List<String> messageIds(Inbox inbox, int count) throws InterruptedException {
        List<String> ids = new ArrayList<>();
        while (ids.size() < count) {
            JsonObject event = inbox.nextAny();
            if (event.getString("type").equals("message")) {
                ids.add(event.getString("id"));
            }
        }
        return ids;
    }

    @Test
    default void aNewcomerJoiningWhileMessagesFlowGetsEachMessageAfterItsHistoryOnceAndInOrder() throws Exception {
        RoomHub hub = hub();
        String room = Rooms.newRoom("lobby");
        Member alice = member("alice");
        Inbox alices = welcomed(hub, room, alice);
        int total = 300;
        List<String> all = new CopyOnWriteArrayList<>();
        CountDownLatch flowing = new CountDownLatch(50);
        ExecutorService sender = Executors.newSingleThreadExecutor();
        Future<?> sending = sender.submit(() -> {
            for (int i = 0; i < total; i++) { // one at a time, so that messages keep coming while bob joins
                hub.publish(room, alice, "m" + i, null);
                all.add(nextMessage(alices).getString("text"));
                flowing.countDown();
            }
            return null;
        });
        assertTrue(flowing.await(10, TimeUnit.SECONDS));
        Inbox bob = join(hub, room, member("bob"));
        sending.get(30, TimeUnit.SECONDS);
        sender.shutdown();
        List<String> seen = new ArrayList<>(texts(bob.next("welcome")));
        String last = all.get(total - 1);
        while (seen.isEmpty() || !seen.get(seen.size() - 1).equals(last)) {
            seen.add(nextMessage(bob).getString("text"));
        }
        assertEquals(all.subList(total - seen.size(), total), seen, "the history, then every later message once");
    }

    /** The next message event, past any presence notice. */
    private static JsonObject nextMessage(Inbox inbox) throws InterruptedException {
        JsonObject event = inbox.nextAny();
        while (!event.getString("type").equals("message")) {
            event = inbox.nextAny();
        }
        return event;
    }

    @Test
    default void aMemberThatLeftGetsNothingMoreAndTheRoomGoesWithItsLastMember() throws Exception {
        RoomHub hub = hub();
        String room = Rooms.newRoom("lobby");
        Member alice = member("alice");
        Member bob = member("bob");
        Inbox alices = join(hub, room, alice);
        Inbox bobs = join(hub, room, bob);
        alices.next("welcome");
        alices.next("join");
        bobs.next("welcome");
        hub.leave(room, bob);
        hub.publish(room, alice, "after bob", null);
        alices.next("leave");
        alices.next("message");
        bobs.assertNothingWithin(QUIET);
        hub.leave(room, alice);
        hub.leave(room, alice); // twice is harmless
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (hub.roomCount() > 0 || hub.memberCount() > 0) {
            assertTrue(System.nanoTime() < deadline, "the room stayed");
            Thread.sleep(10);
        }
    }
}
