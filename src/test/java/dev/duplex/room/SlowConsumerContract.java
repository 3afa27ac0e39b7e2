package dev.duplex.room;

import static dev.duplex.testing.Urls.ws;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duplex.testing.RawSocket;
import dev.duplex.testing.ServerThreads;
import dev.duplex.testing.Rooms;
import dev.duplex.testing.TestSocket;
import dev.duplex.testing.TunedSettings;
import jakarta.json.JsonObject;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A room member that never reads, on any server that runs duplex with {@link TunedSettings} (a
 * rate limit high enough for one sender to send 10,000 messages at once).
 */
public interface SlowConsumerContract {

    int MESSAGES = 10_000;
    String PADDING = "x".repeat(2_000);
    int WINDOW = 500; // half the outbox's 1,000 messages

    URI base();

    /** What one well-behaved member saw. */
    record Delivery(String name, int messages, boolean inOrder, long lastAfterMillis, boolean sawSlowLeave) {
    }

    @Test
    default void aMemberThatNeverReadsDoesNotStallItsRoomAndIsClosed() throws Exception {
        String room = Rooms.newRoom("slow");
        long heapBefore = usedHeapAfterGc();
        List<String> names = List.of("ann", "bob", "cai", "sender");
        List<TestSocket> members = new ArrayList<>();
        // A thread for each member's reader, as they all block at once. Not the common pool: on Java
        // 25 with two CPUs it has one thread, so only the first member would ever be read.
        ExecutorService readers = Executors.newFixedThreadPool(names.size());
        try (RawSocket slow = RawSocket.connectNotReading(ws(base(), "room/" + room + "?name=slow"))) {
            for (String name : names) {
                TestSocket member = Rooms.entered(base(), room, name);
                members.add(member);
            }
            long start = System.nanoTime();
            List<CompletableFuture<Delivery>> deliveries = new ArrayList<>();
            List<AtomicInteger> progress = new ArrayList<>();
            for (int i = 0; i < members.size(); i++) {
                TestSocket member = members.get(i);
                String name = names.get(i);
                AtomicInteger received = new AtomicInteger();
                progress.add(received);
                deliveries.add(CompletableFuture.supplyAsync(() -> collect(name, member, received, start), readers));
            }
            TestSocket sender = members.get(members.size() - 1);
            for (int i = 0; i < MESSAGES; i++) {
                awaitWindow(i, progress);
                sender.send(i + " " + PADDING);
            }
            System.out.printf("slow consumer test: %d messages sent in %d ms%n", MESSAGES,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
            for (CompletableFuture<Delivery> future : deliveries) {
                Delivery delivery = future.get(TestSocket.WAIT.toSeconds() * 3, TimeUnit.SECONDS);
                System.out.println("slow consumer test: " + delivery);
                assertEquals(MESSAGES, delivery.messages(), delivery::toString);
                assertTrue(delivery.inOrder(), delivery::toString);
                assertTrue(delivery.sawSlowLeave(), "the slow member was never closed: " + delivery);
            }
        } finally {
            for (TestSocket member : members) {
                member.close();
            }
            readers.shutdownNow();
        }
        if (ServerThreads.serverInThisJvm()) {
            long heapAfter = usedHeapAfterGc();
            System.out.printf("slow consumer test: heap used after GC %d MiB before, %d MiB after%n",
                    heapBefore >> 20, heapAfter >> 20);
            assertTrue(heapAfter - heapBefore < 64L << 20, "the heap kept " + ((heapAfter - heapBefore) >> 20) + " MiB");
        }
    }

    /**
     * The sender keeps at most {@link #WINDOW} messages in flight to the well-behaved members, as a
     * real client does with its own flow control. A sender that sends faster than the server can
     * write to its members makes every member fall behind, not only the one that never reads.
     */
    private static void awaitWindow(int sent, List<AtomicInteger> progress) throws InterruptedException {
        long deadline = System.nanoTime() + TestSocket.WAIT.toNanos();
        while (progress.stream().mapToInt(AtomicInteger::get).min().orElse(sent) < sent - WINDOW) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("well-behaved members stalled at " + progress + " of " + sent);
            }
            Thread.sleep(1);
        }
    }

    /** Reads until all messages arrived and the slow member left, or the wait runs out. */
    private static Delivery collect(String name, TestSocket member, AtomicInteger received, long start) {
        int messages = 0;
        boolean inOrder = true;
        long lastAt = 0;
        boolean slowLeft = false;
        try {
            while (messages < MESSAGES || !slowLeft) {
                JsonObject event = member.nextJson();
                switch (event.getString("type")) {
                    case "message" -> {
                        String text = event.getString("text");
                        inOrder &= text.startsWith(messages + " ");
                        messages++;
                        received.set(messages);
                        lastAt = System.nanoTime();
                    }
                    case "leave" -> slowLeft |= event.getJsonObject("member").getString("name").equals("slow");
                    default -> { }
                }
            }
        } catch (AssertionError | InterruptedException timedOut) {
            // report what arrived
        }
        return new Delivery(name, messages, inOrder, TimeUnit.NANOSECONDS.toMillis(lastAt - start), slowLeft);
    }

    private static long usedHeapAfterGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
