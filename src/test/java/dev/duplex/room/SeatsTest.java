package dev.duplex.room;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class SeatsTest {

    private final Member ann = new Member("a1", "ann");
    private final Member bob = new Member("b2", "bob");
    private final Member cai = new Member("c3", "cai");
    private final Seats<Member> seats = new Seats<>(Function.identity());

    @Test
    void membersAreListedInTheOrderTheyJoined() {
        seats.add(bob);
        seats.add(ann);
        seats.add(cai);
        assertEquals(List.of(bob, ann, cai), seats.all());
        assertEquals(List.of(bob, ann), seats.members(2));
    }

    @Test
    void theListABroadcastWalksStaysAsItWasWhenSomeoneLeavesDuringIt() {
        seats.add(ann);
        seats.add(bob);
        List<Member> walking = seats.all();
        seats.remove(ann);
        seats.add(cai);
        assertEquals(List.of(ann, bob), walking);
        assertEquals(List.of(bob, cai), seats.all());
    }

    @Test
    void removingSomeoneNotSeatedChangesNothing() {
        seats.add(ann);
        assertFalse(seats.remove(bob));
        assertEquals(1, seats.size());
    }

    @Test
    void sizeAndContainsFollowJoinsAndLeaves() {
        seats.add(ann);
        seats.add(bob);
        assertTrue(seats.remove(ann));
        assertEquals(1, seats.size());
        assertFalse(seats.contains(ann));
        assertTrue(seats.contains(bob));
        assertTrue(seats.remove(bob));
        assertTrue(seats.isEmpty());
    }
}
