package dev.duplex.room;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duplex.auth.Identity;
import dev.duplex.auth.RoomPatterns;
import java.security.Principal;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What a room connection is called and may say, with a token and without: the endpoint's decisions. */
class SpeakerTest {

    private final Identity reader = new Identity("u-42", "Ana", RoomPatterns.everyRoom(), RoomPatterns.of(java.util.List.of("news-*")),
            Instant.parse("2030-01-01T00:00:00Z"));

    @Test
    void withATokenTheMemberIsNamedByItAndCarriesTheUser() {
        Speaker speaker = Speaker.of(reader, Optional.of("chosen")).orElseThrow();
        assertEquals(new Member("c1", "Ana", "u-42"), speaker.member("c1"));
    }

    @Test
    void withATokenABrokenNameInTheQueryIsIgnored() {
        assertTrue(Speaker.of(reader, Optional.empty()).isPresent());
    }

    @Test
    void withATokenOnlyTheRoomsItMayPublishToTakeMessages() {
        Speaker speaker = Speaker.of(reader, Optional.empty()).orElseThrow();
        assertTrue(speaker.mayPublish("news-today"));
        assertFalse(speaker.mayPublish("lobby"));
    }

    @Test
    void withoutATokenTheMemberHasTheNicknameAndNoUser() {
        Speaker speaker = Speaker.of(null, Optional.of("bob")).orElseThrow();
        assertEquals(new Member("c1", "bob", null), speaker.member("c1"));
        assertTrue(speaker.mayPublish("lobby"));
    }

    @Test
    void anotherKindOfPrincipalIsNoToken() {
        Principal container = () -> "tomcat-user";
        assertEquals(Optional.of(new Speaker(null, "bob")), Speaker.of(container, Optional.of("bob")));
    }

    @Test
    void withoutATokenABadNicknameAdmitsNobody() {
        assertEquals(Optional.empty(), Speaker.of(null, Optional.empty()));
    }
}
