package dev.duplex.socket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

class ConnectionsTest {

    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);
    private static final Duration TIMEOUT = Duration.ofSeconds(75);
    private static final Duration WAIT = Duration.ofSeconds(10);

    /** A connection that records what the registry does to it; its last-heard time is set by the test. */
    private static final class FakeLive implements Connections.Live {
        long lastHeardNanos;
        int waiting;
        int pings;
        final List<String> closes = new ArrayList<>();
        final List<String> goodbyes = new ArrayList<>();
        final List<String> aborts = new ArrayList<>();
        CompletableFuture<Void> goodbyeSent = CompletableFuture.completedFuture(null);

        FakeLive(long lastHeardNanos) {
            this.lastHeardNanos = lastHeardNanos;
        }

        @Override
        public long lastHeardNanos() {
            return lastHeardNanos;
        }

        @Override
        public String endpoint() {
            return "echo";
        }

        @Override
        public int waiting() {
            return waiting;
        }

        @Override
        public void ping() {
            pings++;
        }

        @Override
        public void close(int code, String reason) {
            closes.add(code + " " + reason);
        }

        @Override
        public CompletableFuture<Void> goodbye(int code, String reason) {
            goodbyes.add(code + " " + reason);
            return goodbyeSent;
        }

        @Override
        public void abort(int code, String reason) {
            aborts.add(code + " " + reason);
        }
    }

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    /** The time, in nanoseconds, as the test sets it. */
    private long now;

    private Connections connections(int maxConnections) {
        return new Connections(maxConnections, 100, 1_000_000, 1_000, TIMEOUT, () -> now, Runnable::run, registry);
    }

    @Test
    void theHeartbeatPingsEveryConnectionHeardFromWithinTheTimeout() {
        Connections connections = connections(10);
        FakeLive early = new FakeLive(0);
        FakeLive recent = new FakeLive(50 * SECOND);
        connections.add(early);
        connections.add(recent);
        now = 70 * SECOND;
        connections.heartbeat();
        assertEquals(1, early.pings);
        assertEquals(1, recent.pings);
        assertEquals(List.of(), early.closes);
        assertEquals(List.of(), recent.closes);
        assertEquals(2, connections.count());
    }

    @Test
    void aConnectionSilentForExactlyTheTimeoutIsStillPinged() {
        Connections connections = connections(10);
        FakeLive live = new FakeLive(0);
        connections.add(live);
        now = TIMEOUT.toNanos();
        connections.heartbeat();
        assertEquals(1, live.pings);
        assertEquals(List.of(), live.closes);
    }

    @Test
    void theHeartbeatClosesWith1001AConnectionSilentLongerThanTheTimeout() {
        Connections connections = connections(10);
        FakeLive silent = new FakeLive(0);
        connections.add(silent);
        now = TIMEOUT.toNanos() + 1;
        connections.heartbeat();
        assertEquals(0, silent.pings);
        assertEquals(1, silent.closes.size());
        assertTrue(silent.closes.get(0).startsWith("1001 "), silent.closes.get(0));
        assertTrue(silent.closes.get(0).contains("keepalive"), silent.closes.get(0));
    }

    @Test
    void aConnectionClosedByTheHeartbeatNoLongerCounts() {
        Connections connections = connections(10);
        FakeLive silent = new FakeLive(0);
        FakeLive talking = new FakeLive(80 * SECOND);
        connections.add(silent);
        connections.add(talking);
        now = 90 * SECOND;
        connections.heartbeat();
        assertEquals(1, connections.count());
        connections.heartbeat();
        assertEquals(1, silent.closes.size(), "a removed connection is not closed twice");
        assertEquals(2, talking.pings);
    }

    @Test
    void aConnectionPastTheCapIsRefusedWith1013AndTheCountStaysAtTheCap() {
        Connections connections = connections(2);
        assertEquals(Optional.empty(), connections.add(new FakeLive(0)));
        assertEquals(Optional.empty(), connections.add(new FakeLive(0)));
        Optional<Connections.Refusal> refusal = connections.add(new FakeLive(0));
        assertEquals(1013, refusal.orElseThrow().code());
        assertEquals(2, connections.count());
    }

    @Test
    void theNodeIsFullExactlyAtTheCap() {
        Connections connections = connections(2);
        connections.add(new FakeLive(0));
        assertFalse(connections.full());
        connections.add(new FakeLive(0));
        assertTrue(connections.full());
    }

    @Test
    void closeAllSaysGoodbyeToEveryConnectionWith1001AndTheReason() {
        Connections connections = connections(10);
        FakeLive one = new FakeLive(0);
        FakeLive two = new FakeLive(0);
        connections.add(one);
        connections.add(two);
        assertEquals(0, connections.closeAll("server stopping", WAIT, WAIT));
        assertEquals(List.of("1001 server stopping"), one.goodbyes);
        assertEquals(List.of("1001 server stopping"), two.goodbyes);
        assertEquals(List.of(), one.aborts, "its goodbye was sent: nothing more to do");
        assertEquals(0, connections.count());
    }

    @Test
    void aConnectionWhoseGoodbyeIsNotSentWithinTheWaitIsAborted() {
        Connections connections = connections(10);
        FakeLive reading = new FakeLive(0);
        FakeLive notReading = new FakeLive(0);
        notReading.goodbyeSent = new CompletableFuture<>(); // its queue never goes out
        connections.add(reading);
        connections.add(notReading);
        assertEquals(1, connections.closeAll("server stopping", Duration.ofMillis(1), WAIT));
        assertEquals(List.of(), reading.aborts);
        assertEquals(List.of("1001 server stopping"), notReading.aborts);
    }

    @Test
    void afterCloseAllADeliveryIsRefused() {
        Connections connections = connections(10);
        connections.closeAll("server stopping", WAIT, WAIT);
        assertFalse(connections.unlessStopping(() -> fail("delivered while stopping")));
    }

    @Test
    void closeAllSaysGoodbyeOnlyOnceTheDeliveriesUnderWayHaveRun() throws Exception {
        Connections connections = connections(10);
        FakeLive member = new FakeLive(0);
        connections.add(member);
        List<String> seenByTheDelivery = new ArrayList<>();
        Thread stopping = new Thread(() -> connections.closeAll("server stopping", WAIT, WAIT));
        assertTrue(connections.unlessStopping(() -> {
            stopping.start();
            awaitBlocked(stopping);
            seenByTheDelivery.addAll(member.goodbyes);
        }));
        stopping.join(WAIT.toMillis());
        assertEquals(List.of(), seenByTheDelivery, "no goodbye while a delivery runs");
        assertEquals(List.of("1001 server stopping"), member.goodbyes);
    }

    @Test
    void aCloseStillGoesOutWhenWhatRunsBeforeItFails() {
        Connections connections = connections(10);
        List<String> closes = new ArrayList<>();
        NoClassDefFoundError classFileGone = new NoClassDefFoundError("dev/duplex/room/RoomEvent$Left");
        NoClassDefFoundError thrown = assertThrows(NoClassDefFoundError.class, () -> connections.closeLater(() -> {
            throw classFileGone;
        }, () -> closes.add("closed")));
        assertSame(classFileGone, thrown, "the failure is not hidden");
        assertEquals(List.of("closed"), closes);
    }

    @Test
    void afterCloseAllANewConnectionIsRefusedWith1001() {
        Connections connections = connections(10);
        connections.closeAll("server stopping", WAIT, WAIT);
        Optional<Connections.Refusal> refusal = connections.add(new FakeLive(0));
        assertEquals(1001, refusal.orElseThrow().code());
        assertEquals(0, connections.count());
    }

    @Test
    void aConnectionWithMessagesWaitingIsLeftToItsOutbox() {
        Connections connections = connections(10);
        FakeLive slow = new FakeLive(0);
        slow.waiting = 1;
        connections.add(slow);
        now = 100 * SECOND;
        connections.heartbeat();
        assertEquals(0, slow.pings, "its ping would only wait behind its backlog");
        assertEquals(List.of(), slow.closes, "its silence proves nothing while its messages wait");
    }

    @Test
    void aConnectionTheServerIsClosingStillCountsAgainstTheCapUntilTheContainerReportsIt() {
        Connections connections = connections(1);
        FakeLive closing = new FakeLive(0);
        connections.add(closing);
        connections.closing(closing);
        assertEquals(0, connections.count());
        assertTrue(connections.full(), "its socket is still open");
        connections.remove(closing, 1000);
        assertFalse(connections.full());
    }

    @Test
    void aClosingConnectionTheContainerNeverReportsIsForgottenAfterTheTimeout() {
        Connections connections = connections(1);
        FakeLive closing = new FakeLive(0);
        connections.add(closing);
        connections.closing(closing);
        now = 76 * SECOND;
        connections.heartbeat();
        assertFalse(connections.full());
    }

    @Test
    void openConnectionsAreCountedPerEndpointUntilTheServerClosesThemOrTheContainerReportsThem() {
        Connections connections = connections(10);
        FakeLive one = new FakeLive(0);
        FakeLive two = new FakeLive(0);
        connections.add(one);
        connections.add(two);
        assertEquals(2, open("echo"));
        connections.closing(one);
        assertEquals(1, open("echo"));
        connections.remove(one, 1000); // reported after the server's close: not counted twice
        connections.remove(two, 1006);
        assertEquals(0, open("echo"));
        assertEquals(1, registry.get("duplex.connections.closed").tags("endpoint", "echo", "code", "1006").counter().count());
    }

    @Test
    void eachHandshakeIsCountedAcceptedOrRefusedWithItsReason() {
        Connections connections = connections(1);
        connections.add(new FakeLive(0));
        connections.add(new FakeLive(0));
        assertEquals(1, registry.get("duplex.handshakes.accepted").tag("endpoint", "echo").counter().count());
        assertEquals(1, registry.get("duplex.handshakes.refused").tags("endpoint", "echo", "reason", "full").counter().count());
    }

    @Test
    void theLargestOutboxIsTheMostBackloggedOpenConnections() {
        Connections connections = connections(10);
        FakeLive idle = new FakeLive(0);
        FakeLive behind = new FakeLive(0);
        behind.waiting = 7;
        connections.add(idle);
        connections.add(behind);
        assertEquals(7, registry.get("duplex.outbox.largest").gauge().value());
    }

    /** Waits until {@code thread} waits (on a lock, here, with or without a time limit), for at most {@link #WAIT}. */
    private static void awaitBlocked(Thread thread) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (thread.getState() != Thread.State.WAITING && thread.getState() != Thread.State.TIMED_WAITING) {
            assertTrue(System.nanoTime() < deadline, () -> thread.getName() + " still " + thread.getState());
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
    }

    private double open(String endpoint) {
        return registry.get("duplex.connections").tag("endpoint", endpoint).gauge().value();
    }
}
