package dev.duplex.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.duplex.json.JsonCodec;
import dev.duplex.room.Recipient;
import dev.duplex.socket.Outbound;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A room member with no socket: what a hub delivers to it, in order, read with a time-out. */
public final class Inbox implements Recipient {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final JsonCodec JSON = new JsonCodec();

    private final BlockingQueue<Outbound.Text> delivered = new LinkedBlockingQueue<>();
    private final java.util.concurrent.CountDownLatch removed = new java.util.concurrent.CountDownLatch(1);
    private Outbound.Text last;

    @Override
    public void removed() {
        removed.countDown();
    }

    /** Waits until the hub removed this member ({@link Recipient#removed}); false if it did not within the wait. */
    public boolean awaitRemoved() throws InterruptedException {
        return removed.await(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    public boolean wasRemoved() {
        return removed.getCount() == 0;
    }

    @Override
    public void deliver(Outbound.Text event) {
        delivered.add(event);
    }

    /** The next event, which must be of this type. */
    public JsonObject next(String type) throws InterruptedException {
        JsonObject parsed = nextAny();
        assertEquals(type, parsed.getString("type"), parsed::toString);
        return parsed;
    }

    /** The next event, whatever its type. */
    public JsonObject nextAny() throws InterruptedException {
        Outbound.Text event = delivered.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertNotNull(event, "no event within " + WAIT.toSeconds() + " s");
        last = event;
        return JSON.readObject(event.text()).orElseThrow();
    }

    /** The event {@link #next} read last, as delivered: to tell whether members were handed one object. */
    public Outbound.Text lastDelivered() {
        return last;
    }

    public void assertNothingWithin(Duration quiet) throws InterruptedException {
        Outbound.Text event = delivered.poll(quiet.toMillis(), TimeUnit.MILLISECONDS);
        assertNull(event, () -> "unexpected event: " + event.text());
    }
}
