package dev.duplex.auth;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class RoomPatternsTest {

    @Test
    void aPlainNameAllowsThatRoomOnly() {
        RoomPatterns lobby = RoomPatterns.of(List.of("lobby"));
        assertTrue(lobby.allows("lobby"));
        assertFalse(lobby.allows("lobby2"));
        assertFalse(lobby.allows("Lobby"));
    }

    @Test
    void aStarStandsForAnyRunOfCharactersNoneIncluded() {
        RoomPatterns team = RoomPatterns.of(List.of("team-*"));
        assertTrue(team.allows("team-"));
        assertTrue(team.allows("team-red"));
        assertFalse(team.allows("teams"));
        assertFalse(team.allows("my-team-red"));
    }

    @Test
    void aStarInTheMiddleMatchesBetweenItsEnds() {
        RoomPatterns pattern = RoomPatterns.of(List.of("a*z"));
        assertTrue(pattern.allows("az"));
        assertTrue(pattern.allows("a.b.z"));
        assertFalse(pattern.allows("a.b.zz."));
    }

    @Test
    void anyOfSeveralPatternsAllows() {
        RoomPatterns some = RoomPatterns.of(List.of("lobby", "team-*"));
        assertTrue(some.allows("lobby"));
        assertTrue(some.allows("team-blue"));
        assertFalse(some.allows("admin"));
    }

    @Test
    void dotsAndOtherRegexCharactersAreLiteral() {
        RoomPatterns dotted = RoomPatterns.of(List.of("a.b"));
        assertTrue(dotted.allows("a.b"));
        assertFalse(dotted.allows("axb"));
    }

    @Test
    void noPatternsAllowNoRoom() {
        assertFalse(RoomPatterns.of(List.of()).allows("lobby"));
    }

    @Test
    void everyRoomAllowsAnyName() {
        assertTrue(RoomPatterns.everyRoom().allows("大厅"));
    }
}
