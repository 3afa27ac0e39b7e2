package dev.duplex.socket;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class EndpointMetersTest {

    @Test
    void theStandardCloseCodesAreCountedEachUnderItsOwnCode() {
        assertEquals("1000", EndpointMeters.codeLabel(1000));
        assertEquals("1008", EndpointMeters.codeLabel(1008));
        assertEquals("1013", EndpointMeters.codeLabel(1013));
    }

    @Test
    void theCodesAClientMayChooseShareTwoSeriesSoNoClientCanMakeMore() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        EndpointMeters meters = EndpointMeters.register(registry, "echo");
        for (int code = 3000; code < 5000; code++) {
            meters.closed(code);
        }
        assertEquals(2, registry.find("duplex.connections.closed").counters().size());
        assertEquals(1000, registry.get("duplex.connections.closed").tag("code", "4xxx").counter().count());
    }

    @Test
    void anythingElseIsCountedAsOther() {
        assertEquals("other", EndpointMeters.codeLabel(2999));
        assertEquals("other", EndpointMeters.codeLabel(1016));
    }
}
