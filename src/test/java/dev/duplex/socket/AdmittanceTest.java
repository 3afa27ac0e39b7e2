package dev.duplex.socket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.lang.reflect.Proxy;
import java.security.Principal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What {@link Connections} does with an {@link Admittance}'s verdict as a connection opens. */
class AdmittanceTest {

    private static final Principal ALICE = () -> "alice";

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1);
    private final List<String> closes = new CopyOnWriteArrayList<>();

    @AfterEach
    void stopTimer() {
        timer.shutdownNow();
    }

    @Test
    void aRefusedConnectionIsClosedWithPolicyViolationAndItsReason() {
        Connections connections = connections(session -> new Admittance.Refused("unauthorized", "unauthorized: token expired"));
        assertTrue(connections.open(session(), "echo").isEmpty());
        assertEquals(List.of("1008 unauthorized: token expired"), closes);
        assertEquals(0, connections.count());
    }

    @Test
    void aRefusalIsCountedUnderItsCause() {
        Connections connections = connections(session -> new Admittance.Refused("forbidden", "forbidden: room"));
        connections.open(session(), "room");
        assertEquals(1.0, registry.get("duplex.handshakes.refused").tag("endpoint", "room").tag("reason", "forbidden")
                .counter().count());
    }

    @Test
    void anAdmittedConnectionCarriesItsUser() {
        Connections connections = connections(session -> new Admittance.Admitted(ALICE, null));
        assertSame(ALICE, connections.open(session(), "echo").orElseThrow().user());
    }

    @Test
    void aConnectionIsClosedWhenItsPermissionEnds() throws Exception {
        Instant soon = Instant.now().plusMillis(200);
        Connections connections = connections(session -> new Admittance.Admitted(ALICE, soon));
        connections.open(session(), "echo").orElseThrow();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (closes.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(List.of("1008 token expired"), closes);
    }

    @Test
    void aConnectionClosedFirstLeavesNoTimerBehind() {
        Instant later = Instant.now().plus(Duration.ofHours(1));
        Connections connections = connections(session -> new Admittance.Admitted(ALICE, later));
        Connection connection = connections.open(session(), "echo").orElseThrow();
        assertEquals(1, timer.getQueue().size());
        connection.closed(new CloseReason(CloseReason.CloseCodes.NORMAL_CLOSURE, "bye"));
        assertEquals(0, timer.getQueue().size());
    }

    private Connections connections(Admittance admittance) {
        timer.setRemoveOnCancelPolicy(true);
        return new Connections(10, 100, 1_000_000, 1_000, Duration.ofSeconds(75), System::nanoTime, Runnable::run,
                registry, admittance, new Expiries(timer, Clock.systemUTC()));
    }

    private Session session() {
        Map<String, Object> properties = new HashMap<>();
        return (Session) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Session.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getId" -> "s1";
                    case "getUserProperties" -> properties;
                    case "close" -> {
                        CloseReason reason = (CloseReason) args[0];
                        closes.add(reason.getCloseCode().getCode() + " " + reason.getReasonPhrase());
                        yield null;
                    }
                    default -> null;
                });
    }
}
