package dev.duplex.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ApiRouteTest {

    @Test
    void postingToARoomsMessagesIsAPost() {
        assertEquals(Optional.of(new ApiRoute.PostMessage("lobby")), ApiRoute.of("POST", "/rooms/lobby/messages"));
    }

    @Test
    void gettingARoomDescribesIt() {
        assertEquals(Optional.of(new ApiRoute.DescribeRoom("lobby")), ApiRoute.of("GET", "/rooms/lobby"));
    }

    @Test
    void gettingARoomsMessagesListsThem() {
        assertEquals(Optional.of(new ApiRoute.ListMessages("大厅")), ApiRoute.of("GET", "/rooms/大厅/messages"));
    }

    @Test
    void deletingAMemberRemovesThatUser() {
        assertEquals(Optional.of(new ApiRoute.RemoveMember("lobby", "u42")),
                ApiRoute.of("DELETE", "/rooms/lobby/members/u42"));
    }

    @Test
    void postingToTokensMintsOne() {
        assertEquals(Optional.of(new ApiRoute.MintToken()), ApiRoute.of("POST", "/tokens"));
    }

    @Test
    void aKnownPathWithAnotherMethodIsNoCall() {
        assertTrue(ApiRoute.of("DELETE", "/rooms/lobby").isEmpty());
        assertTrue(ApiRoute.of("GET", "/tokens").isEmpty());
    }

    @Test
    void unknownPathsAreNoCall() {
        assertTrue(ApiRoute.of("GET", null).isEmpty());
        assertTrue(ApiRoute.of("GET", "/").isEmpty());
        assertTrue(ApiRoute.of("GET", "/rooms/").isEmpty());
        assertTrue(ApiRoute.of("GET", "/rooms/lobby/other").isEmpty());
        assertTrue(ApiRoute.of("DELETE", "/rooms/lobby/members/").isEmpty());
    }
}
