package dev.duplex.room.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.duplex.room.Member;
import dev.duplex.socket.Outbound;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RedisSeatTest {

    private final List<String> received = new ArrayList<>();
    private final Member ann = new Member("ann", "Ann");
    private final Member bob = new Member("bob", "Bob");
    private final RedisSeat seat = new RedisSeat(ann, event -> received.add(event.text()), 5);

    private static Outbound.Text text(String text) {
        return new Outbound.Text(text);
    }

    private boolean message(String id) {
        return seat.offerMessage(StreamId.parse(id), -1, text(id));
    }

    @Test
    void whatArrivesBeforeTheWelcomeIsHeldThenDeliveredAfterItOnce() {
        message("1-1");
        seat.offer(text("snapshot"));
        message("3-1");
        seat.tell(text("welcome"));
        seat.welcomed(StreamId.parse("2-0"), List.of());
        assertEquals(List.of("welcome", "snapshot", "3-1"), received, "1-1 was in the welcome's history");
    }

    @Test
    void aMessageIsDeliveredOnceWhicheverWayItComes() {
        seat.welcomed(StreamId.ZERO, List.of());
        assertEquals(true, message("4-0"));
        assertEquals(false, message("4-0"));
        assertEquals(false, message("3-9"));
        assertEquals(List.of("4-0"), received);
    }

    @Test
    void aMessageDeliveredHereWhileRedisWasAwayIsNotDeliveredAgainToWhoWasHere() {
        seat.welcomed(StreamId.ZERO, List.of());
        seat.offerKept(6, text("local-6"));
        seat.offerMessage(StreamId.parse("9-0"), 6, text("9-0"));
        seat.offerKept(5, text("local-5, sent before ann joined"));
        assertEquals(List.of("local-6"), received);
    }

    @Test
    void aJoinItsWelcomeListedIsNotAnnouncedAgainNorAnyNoticeAboutItself() {
        seat.welcomed(StreamId.ZERO, List.of(bob));
        seat.offerPresence(true, "bob", text("bob joined"));
        seat.offerPresence(true, "ann", text("ann joined"));
        seat.offerPresence(false, "bob", text("bob left"));
        seat.offerPresence(true, "bob", text("bob joined again"));
        assertEquals(List.of("bob left", "bob joined again"), received);
    }

    @Test
    void aMessageKeptWhileItJoinedComesAfterItsWelcomeAndItsCopyFromRedisDoesNot() {
        seat.offerKept(6, text("local-6"));
        seat.offerMessage(StreamId.parse("9-0"), 6, text("9-0"));
        seat.tell(text("welcome"));
        seat.welcomed(StreamId.parse("8-0"), List.of());
        assertEquals(List.of("welcome", "local-6"), received);
    }
}
