package dev.duplex.room;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.duplex.json.JsonCodec;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The wire format of every event, exactly. */
class RoomEventTest {

    private final JsonCodec json = new JsonCodec();
    private final Member alice = new Member("a1", "alice");
    private final Instant time = Instant.parse("2026-11-22T09:05:03Z");
    private final RoomEvent.ChatMessage hello = new RoomEvent.ChatMessage("lobby", "m-1", alice, "hello", time);

    @Test
    void messageHasRoomIdSenderTextAndUtcTimeWithMilliseconds() {
        assertEquals("""
                {"type":"message","room":"lobby","id":"m-1","from":{"id":"a1","name":"alice"},\
                "text":"hello","time":"2026-11-22T09:05:03.000Z"}""", json.write(hello));
    }

    @Test
    void welcomeHasRoomOwnIdAndNameMembersAndHistory() {
        RoomEvent welcome = new RoomEvent.Welcome("lobby", alice, List.of(alice), 1, List.of(hello));
        assertEquals("""
                {"type":"welcome","room":"lobby","id":"a1","name":"alice","members":[{"id":"a1","name":"alice"}],\
                "member_count":1,"history":[%s]}""".formatted(json.write(hello)), json.write(welcome));
    }

    @Test
    void membersSnapshotListsSomeMembersAndCountsThemAll() {
        assertEquals("""
                {"type":"members","room":"lobby","members":[{"id":"a1","name":"alice"}],"member_count":101}""",
                json.write(new RoomEvent.Members("lobby", List.of(alice), 101)));
    }

    @Test
    void joinAndLeaveNameTheMemberAndTheTime() {
        assertEquals("""
                {"type":"join","room":"lobby","member":{"id":"a1","name":"alice"},"time":"2026-11-22T09:05:03.000Z"}""",
                json.write(new RoomEvent.Joined("lobby", alice, time)));
        assertEquals("""
                {"type":"leave","room":"lobby","member":{"id":"a1","name":"alice"},"time":"2026-11-22T09:05:03.000Z"}""",
                json.write(new RoomEvent.Left("lobby", alice, time)));
    }

    @Test
    void errorHasCodeAndReason() {
        assertEquals("{\"type\":\"error\",\"code\":\"unknown_type\",\"reason\":\"why\"}",
                json.write(new RoomEvent.Error("unknown_type", "why")));
    }

    @Test
    void aMemberWithAUserCarriesItInEveryEventThatNamesIt() {
        Member ana = new Member("a2", "ana", "u-7");
        String named = "{\"id\":\"a2\",\"name\":\"ana\",\"user\":\"u-7\"}";
        assertEquals("{\"type\":\"join\",\"room\":\"lobby\",\"member\":" + named + ",\"time\":\"2026-11-22T09:05:03.000Z\"}",
                json.write(new RoomEvent.Joined("lobby", ana, time)));
        assertEquals("{\"type\":\"leave\",\"room\":\"lobby\",\"member\":" + named + ",\"time\":\"2026-11-22T09:05:03.000Z\"}",
                json.write(new RoomEvent.Left("lobby", ana, time)));
        assertEquals("{\"type\":\"members\",\"room\":\"lobby\",\"members\":[" + named + "],\"member_count\":1}",
                json.write(new RoomEvent.Members("lobby", List.of(ana), 1)));
        assertEquals("{\"type\":\"message\",\"room\":\"lobby\",\"id\":\"m-2\",\"from\":" + named
                + ",\"text\":\"hi\",\"time\":\"2026-11-22T09:05:03.000Z\"}",
                json.write(new RoomEvent.ChatMessage("lobby", "m-2", ana, "hi", time)));
    }

    @Test
    void aWelcomeWithAUserCarriesItBesideTheOwnIdAndName() {
        Member ana = new Member("a2", "ana", "u-7");
        assertEquals("""
                {"type":"welcome","room":"lobby","id":"a2","name":"ana","user":"u-7",\
                "members":[{"id":"a2","name":"ana","user":"u-7"}],"member_count":1,"history":[]}""",
                json.write(new RoomEvent.Welcome("lobby", ana, List.of(ana), 1, List.of())));
    }

    @Test
    void ackHasTheClientIdAndTheMessageId() {
        assertEquals("{\"type\":\"ack\",\"client_id\":\"c-1\",\"id\":\"m-1\"}",
                json.write(new RoomEvent.Ack("c-1", "m-1")));
    }

    @Test
    void typingNamesTheRoomAndTheMember() {
        assertEquals("{\"type\":\"typing\",\"room\":\"lobby\",\"member\":{\"id\":\"a2\",\"name\":\"ana\",\"user\":\"u-7\"}}",
                json.write(new RoomEvent.Typing("lobby", new Member("a2", "ana", "u-7"))));
    }

    @Test
    void anErrorAboutAMessageWithAClientIdCarriesIt() {
        assertEquals("{\"type\":\"error\",\"code\":\"forbidden\",\"reason\":\"why\",\"client_id\":\"c-1\"}",
                json.write(new RoomEvent.Error(RoomEvent.Error.FORBIDDEN, "why", "c-1")));
    }

    @Test
    void skippedHasRoomAndCount() {
        assertEquals("{\"type\":\"skipped\",\"room\":\"lobby\",\"count\":3}",
                json.write(new RoomEvent.Skipped("lobby", 3)));
    }

    @Test
    void resyncNamesTheRoomAndTheIdItNoLongerKeeps() {
        assertEquals("{\"type\":\"resync\",\"room\":\"lobby\",\"since\":\"0-1\",\"reason\":"
                + "\"messages after this id are no longer kept: start over from the welcome\"}",
                json.write(new RoomEvent.Resync("lobby", "0-1")));
    }
}
