package dev.duplex.socket;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EndpointPathTest {

    @Test
    void aPathWithoutParametersIsItsOwnUrlPattern() {
        assertEquals("/echo", EndpointPath.ECHO.urlPattern());
    }

    @Test
    void aPathTemplateBecomesAPrefixPatternAtItsFirstParameter() {
        assertEquals("/room/*", EndpointPath.ROOM.urlPattern());
    }

    @Test
    void thePatternsAndLabelsKeepTheTablesOrder() {
        assertArrayEquals(new String[] {"/echo", "/rewrite", "/room/*"}, EndpointPath.urlPatterns());
        assertEquals(List.of("echo", "rewrite", "room"), EndpointPath.labels());
    }

    @Test
    void aRoomPathMatchesTheRoomEndpointWithOrWithoutAGroup() {
        assertEquals(Optional.of(EndpointPath.ROOM), EndpointPath.matching("/room/lobby"));
        assertEquals(Optional.of(EndpointPath.ROOM), EndpointPath.matching("/room"));
    }

    @Test
    void anExactPatternMatchesOnlyItsOwnPath() {
        assertEquals(Optional.of(EndpointPath.ECHO), EndpointPath.matching("/echo"));
        assertEquals(Optional.empty(), EndpointPath.matching("/echo/more"));
    }

    @Test
    void aPathThatOnlyStartsLikeAnEndpointMatchesNone() {
        assertEquals(Optional.empty(), EndpointPath.matching("/roomy"));
        assertEquals(Optional.empty(), EndpointPath.matching("/rewriter"));
    }
}
