package dev.duplex.socket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class OutboxTest {

    private static final EndpointMeters METERS = EndpointMeters.register(new SimpleMeterRegistry(), "test");


    /** A sink that completes each send only when the test says so, and records overlap. */
    private static final class ManualSink implements Sink {
        final List<String> sent = new ArrayList<>();
        final List<Consumer<Throwable>> pending = new ArrayList<>();
        final AtomicInteger inFlight = new AtomicInteger();
        volatile boolean overlapped;
        volatile String closedWith;

        @Override
        public synchronized void send(Outbound message, Consumer<Throwable> done) {
            if (inFlight.incrementAndGet() > 1) {
                overlapped = true;
            }
            sent.add(message instanceof Outbound.Text text ? text.text() : message.toString());
            pending.add(done);
        }

        void completeNext(Throwable error) {
            Consumer<Throwable> done;
            synchronized (this) {
                done = pending.remove(0);
            }
            inFlight.decrementAndGet();
            done.accept(error);
        }

        @Override
        public void close(int code, String reason) {
            closedWith = code + " " + reason;
        }
    }

    @Test
    void aSecondMessageWaitsUntilTheFirstWriteCompletes() {
        ManualSink sink = new ManualSink();
        Outbox outbox = Outbox.closingWhenFull(sink, 10, 1000, METERS);
        outbox.send(text("one"));
        outbox.send(text("two"));
        assertEquals(List.of("one"), sink.sent);
        sink.completeNext(null);
        assertEquals(List.of("one", "two"), sink.sent);
        assertTrue(!sink.overlapped);
    }

    @Test
    void writesThatCompleteInlineDrainTheQueueWithoutRecursion() {
        List<String> sent = new ArrayList<>();
        Sink inline = new Sink() {
            @Override
            public void send(Outbound message, Consumer<Throwable> done) {
                sent.add(((Outbound.Text) message).text());
                done.accept(null);
            }

            @Override
            public void close(int code, String reason) {
            }
        };
        Outbox outbox = Outbox.closingWhenFull(inline, 200_000, Long.MAX_VALUE, METERS);
        for (int i = 0; i < 100_000; i++) {
            outbox.send(text("m" + i));
        }
        assertEquals(100_000, sent.size());
        assertEquals("m99999", sent.get(99_999));
    }

    @Test
    void aClientThatFallsTooFarBehindIsClosedWith1008() {
        ManualSink sink = new ManualSink();
        Outbox outbox = Outbox.closingWhenFull(sink, 2, 1000, METERS);
        outbox.send(text("in flight"));
        outbox.send(text("queued 1"));
        outbox.send(text("queued 2"));
        outbox.send(text("one too many"));
        assertTrue(sink.closedWith.startsWith("1008 client too slow"), sink.closedWith);
        sink.completeNext(null);
        assertEquals(List.of("in flight"), sink.sent, "nothing more is written after the close");
    }

    @Test
    void theByteBoundCountsWhatIsQueuedBehindTheWriteInFlight() {
        ManualSink sink = new ManualSink();
        Outbox outbox = Outbox.closingWhenFull(sink, 100, 10, METERS);
        outbox.send(text("first")); // in flight: no longer counted
        outbox.send(text("123456"));
        outbox.send(text("1234"));
        assertEquals(null, sink.closedWith, "10 bytes queued: at the bound, not over it");
        outbox.send(text("x"));
        assertTrue(sink.closedWith != null && sink.closedWith.startsWith("1008"), String.valueOf(sink.closedWith));
    }

    private static Outbound.Text text(String text) {
        return new Outbound.Text(text);
    }

    private static Outbox skipping(ManualSink sink, int maxMessages, long maxSkipped) {
        return Outbox.skippingWhenFull(sink, maxMessages, 1000, maxSkipped,
                missed -> new Outbound.Text("skipped " + missed), METERS);
    }

    private static void completeAll(ManualSink sink) {
        while (!sink.pending.isEmpty()) {
            sink.completeNext(null);
        }
    }

    @Test
    void aMemberThatFallsBehindIsToldHowManyItMissedWhereTheGapIs() {
        ManualSink sink = new ManualSink();
        Outbox outbox = skipping(sink, 4, 100);
        for (String message : List.of("in flight", "q1", "q2", "q3", "q4", "dropped 1", "dropped 2", "dropped 3")) {
            outbox.send(text(message));
        }
        sink.completeNext(null);
        sink.completeNext(null);
        sink.completeNext(null); // q2 done: two waiting, half the bound, so it has caught up
        outbox.send(text("after the gap"));
        completeAll(sink);
        assertEquals(List.of("in flight", "q1", "q2", "q3", "q4", "skipped 3", "after the gap"), sink.sent);
        assertEquals(null, sink.closedWith);
    }

    @Test
    void aMemberThatStaysBehindIsClosedWith1008() {
        ManualSink sink = new ManualSink();
        Outbox outbox = skipping(sink, 2, 5);
        for (int i = 0; i < 3 + 5; i++) {
            outbox.send(text("m" + i)); // one in flight, two queued, five missed: still within the bound
        }
        assertEquals(null, sink.closedWith);
        outbox.send(text("one more missed"));
        assertEquals("1008 client too slow: missed more than 5 messages", sink.closedWith);
    }

    @Test
    void pingsGoOutEvenWhenTheQueueIsFullAndAreNotCountedAsMessages() {
        ManualSink sink = new ManualSink();
        Outbox outbox = Outbox.closingWhenFull(sink, 1, 1000, METERS);
        outbox.send(text("in flight"));
        outbox.send(text("queued"));
        outbox.send(new Outbound.Ping());
        assertEquals(null, sink.closedWith, "a ping does not overflow the queue");
        completeAll(sink);
        assertEquals(List.of("in flight", "queued", "Ping[]"), sink.sent);
    }

    @Test
    void aFailedWriteDropsTheRestAndClosesWith1011() {
        ManualSink sink = new ManualSink();
        Outbox outbox = Outbox.closingWhenFull(sink, 10, 1000, METERS);
        outbox.send(text("one"));
        outbox.send(text("two"));
        sink.completeNext(new java.io.IOException("connection reset"));
        outbox.send(text("three"));
        assertEquals(List.of("one"), sink.sent);
        assertEquals("1011 send failed", sink.closedWith);
    }

    @Test
    void sendsFromManyThreadsNeverOverlapAndAllArrive() throws Exception {
        ManualSink sink = new ManualSink();
        Outbox outbox = Outbox.closingWhenFull(sink, 100_000, Long.MAX_VALUE, METERS);
        ExecutorService senders = Executors.newFixedThreadPool(4);
        CountDownLatch done = new CountDownLatch(4);
        for (int t = 0; t < 4; t++) {
            int thread = t;
            senders.execute(() -> {
                for (int i = 0; i < 1_000; i++) {
                    outbox.send(text(thread + ":" + i));
                }
                done.countDown();
            });
        }
        // The test thread plays the network: it completes writes as they come.
        int completed = 0;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (completed < 4_000 && System.nanoTime() < deadline) {
            boolean any;
            synchronized (sink) {
                any = !sink.pending.isEmpty();
            }
            if (any) {
                sink.completeNext(null);
                completed++;
            } else {
                Thread.onSpinWait();
            }
        }
        assertEquals(4_000, completed, "writes completed before the deadline");
        assertTrue(done.await(10, TimeUnit.SECONDS));
        senders.shutdown();
        assertEquals(4_000, sink.sent.size());
        assertTrue(!sink.overlapped, "two writes were in flight at once");
    }

    @Test
    void aMessageBiggerThanTheByteBoundIsSentWhenNothingWaits() {
        ManualSink sink = new ManualSink();
        Outbox outbox = skipping(sink, 10, 100);
        String welcomeWithLongHistory = "w".repeat(5_000); // the bound in these tests is 1000 bytes
        outbox.send(text(welcomeWithLongHistory));
        outbox.send(text("next"));
        completeAll(sink);
        assertEquals(List.of(welcomeWithLongHistory, "next"), sink.sent);
        assertEquals(null, sink.closedWith);
    }

    @Test
    void everyMessageAMemberMissesIsCountedSkipped() {
        EndpointMeters meters = EndpointMeters.register(new SimpleMeterRegistry(), "room");
        Outbox outbox = Outbox.skippingWhenFull(new ManualSink(), 2, 1000, 100,
                missed -> new Outbound.Text("skipped " + missed), meters);
        for (int i = 0; i < 3 + 4; i++) {
            outbox.send(text("m" + i)); // one in flight, two queued, four missed
        }
        assertEquals(4, meters.skipped().count());
        assertEquals(0, meters.closedSlow().count());
    }

    @Test
    void finishingWritesWhatIsQueuedThenRunsItsActionAndTakesNothingMore() {
        ManualSink sink = new ManualSink();
        Outbox outbox = Outbox.closingWhenFull(sink, 10, 1000, METERS);
        List<String> order = new ArrayList<>();
        outbox.send(text("in flight"));
        outbox.send(text("queued"));
        outbox.finish(() -> order.add("close after " + sink.sent));
        outbox.send(text("too late"));
        assertEquals(List.of(), order, "the close waits for the queue");
        completeAll(sink);
        assertEquals(List.of("in flight", "queued"), sink.sent);
        assertEquals(List.of("close after [in flight, queued]"), order);
    }

    @Test
    void finishingWithNothingQueuedRunsItsActionAtOnce() {
        Outbox outbox = Outbox.closingWhenFull(new ManualSink(), 10, 1000, METERS);
        List<String> order = new ArrayList<>();
        outbox.finish(() -> order.add("closed"));
        assertEquals(List.of("closed"), order);
    }

    @Test
    void aQueueDiscardedWhileFinishingRunsTheActionOnce() {
        ManualSink sink = new ManualSink();
        Outbox outbox = Outbox.closingWhenFull(sink, 10, 1000, METERS);
        List<String> order = new ArrayList<>();
        outbox.send(text("in flight"));
        outbox.send(text("queued"));
        outbox.finish(() -> order.add("closed"));
        outbox.discard(); // the container reported the connection closed, say
        completeAll(sink);
        assertEquals(List.of("in flight"), sink.sent);
        assertEquals(List.of("closed"), order);
    }

    @Test
    void aWriteThatFailsWhileFinishingStillRunsTheAction() {
        ManualSink sink = new ManualSink();
        Outbox outbox = Outbox.closingWhenFull(sink, 10, 1000, METERS);
        List<String> order = new ArrayList<>();
        outbox.send(text("in flight"));
        outbox.send(text("queued"));
        outbox.finish(() -> order.add("closed"));
        sink.completeNext(new java.io.IOException("connection reset"));
        assertEquals(List.of("in flight"), sink.sent);
        assertEquals(List.of("closed"), order);
    }

    @Test
    void aClientClosedForSlownessIsCountedOnce() {
        EndpointMeters meters = EndpointMeters.register(new SimpleMeterRegistry(), "echo");
        ManualSink sink = new ManualSink();
        Outbox outbox = Outbox.closingWhenFull(sink, 1, 1000, meters);
        for (int i = 0; i < 5; i++) {
            outbox.send(text("m" + i)); // one in flight, one queued, then full: closed, the rest refused
        }
        assertTrue(sink.closedWith.startsWith("1008"), sink.closedWith);
        assertEquals(1, meters.closedSlow().count());
    }
}
