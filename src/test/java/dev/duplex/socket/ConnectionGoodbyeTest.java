package dev.duplex.socket;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.websocket.CloseReason;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

/**
 * A real {@link Connection} told goodbye by {@link Connections#closeAll}, on a session that records
 * what it is asked to write and completes each write only when the test says the client took it.
 */
class ConnectionGoodbyeTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final Duration NO_TIME = Duration.ofMillis(50);

    /** What the container was asked to do, in order: "text …" and "close 1001 …". */
    private final List<String> wire = new ArrayList<>();
    private final Queue<SendHandler> writesInFlight = new ArrayDeque<>();

    @Test
    void aStoppingConnectionSendsWhatIsQueuedThenItsClose() {
        Connections connections = connections(Runnable::run);
        Connection connection = connections.open(session(), "echo").orElseThrow();
        connection.sendText("one");
        connection.sendText("two"); // queued behind "one", which the client has not taken yet
        Thread clientReads = new Thread(this::takeEveryWrite);
        clientReads.start();
        assertEquals(0, connections.closeAll("server shutting down", WAIT, WAIT));
        assertEquals(List.of("text one", "text two", "close 1001 server shutting down"), wire);
    }

    @Test
    void aClientThatTakesNothingIsClosedWhenTheGoodbyesTimeIsUpEvenIfTheCloserIsBusy() {
        List<Runnable> closerBacklog = new ArrayList<>(); // a closer busy with others: it runs nothing
        Connections connections = connections(closerBacklog::add);
        Connection connection = connections.open(session(), "echo").orElseThrow();
        connection.sendText("never taken");
        assertEquals(1, connections.closeAll("server shutting down", NO_TIME, WAIT));
        assertEquals(List.of("text never taken", "close 1001 server shutting down"), wire);
        while (!closerBacklog.isEmpty()) { // the goodbye's own steps, late: they add no second close
            closerBacklog.remove(0).run();
        }
        assertEquals(List.of("text never taken", "close 1001 server shutting down"), wire);
    }

    private Connections connections(Executor closer) {
        return new Connections(10, 100, 1_000_000, 1_000, Duration.ofSeconds(75), System::nanoTime, closer,
                new SimpleMeterRegistry());
    }

    /** Completes the writes as the client takes them, until the close. */
    private void takeEveryWrite() {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            SendHandler write;
            synchronized (this) {
                if (wire.stream().anyMatch(line -> line.startsWith("close"))) {
                    return;
                }
                write = writesInFlight.poll();
            }
            if (write != null) {
                write.onResult(new SendResult());
            }
            Thread.onSpinWait();
        }
    }

    private Session session() {
        RemoteEndpoint.Async remote = (RemoteEndpoint.Async) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {RemoteEndpoint.Async.class}, (proxy, method, args) -> {
                    if (method.getName().equals("sendText")) {
                        synchronized (this) {
                            wire.add("text " + args[0]);
                            writesInFlight.add((SendHandler) args[1]);
                        }
                    }
                    return null;
                });
        Map<String, Object> properties = new HashMap<>();
        return (Session) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Session.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getId" -> "s1";
                    case "getUserProperties" -> properties;
                    case "getAsyncRemote" -> remote;
                    case "close" -> {
                        CloseReason reason = (CloseReason) args[0];
                        synchronized (this) {
                            wire.add("close " + reason.getCloseCode().getCode() + " " + reason.getReasonPhrase());
                        }
                        yield null;
                    }
                    default -> null; // addMessageHandler and the like: nothing to record
                });
    }
}
