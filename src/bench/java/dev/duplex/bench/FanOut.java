package dev.duplex.bench;

import dev.duplex.bench.client.Listener;
import dev.duplex.bench.client.LoadConnection;
import dev.duplex.bench.client.NioClient;
import dev.duplex.testing.RawSocket;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

/**
 * Room fan-out: one member sends {@code seq:nanoTime} texts (padded to a size if asked), every
 * member (the sender too) counts what it receives. Paced either by a window (at most so many
 * messages not yet received by every member: the rate the server sustains) or at a fixed rate (for
 * latency). Each member checks its sequence, so a message lost or received twice is counted as such.
 */
final class FanOut {

    /** What one run measured; latencies from the send to each member's receipt, in milliseconds. */
    record Result(int members, long messages, double deliveriesPerSecond, double p50Millis, double p99Millis,
            long lost, long duplicated) {
    }

    /** How the sender paces itself: {@code window} messages in flight, or {@code perSecond} messages. */
    record Pace(int window, int perSecond) {
        static Pace window(int messages) {
            return new Pace(messages, 0);
        }

        static Pace rate(int perSecond) {
            return new Pace(0, perSecond);
        }
    }

    private static final int MAX_MESSAGES = 1 << 21;
    private static final byte[] MESSAGE_EVENT = "{\"type\":\"message\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TEXT_FIELD = "\"text\":\"".getBytes(StandardCharsets.US_ASCII);

    private final int members;
    private final int textBytes;
    private final boolean withNonReader;
    private final AtomicIntegerArray receivedBy = new AtomicIntegerArray(MAX_MESSAGES);
    private final AtomicLong completed = new AtomicLong(); // messages every member has
    private final LongAdder deliveries = new LongAdder();
    private final LongAdder duplicated = new LongAdder();
    private final LongAdder texts = new LongAdder(); // anything, to see when the joins have settled
    private final Latencies latencies = new Latencies(1 << 22);
    private volatile boolean recording;

    private FanOut(int members, int textBytes, boolean withNonReader) {
        this.members = members;
        this.textBytes = textBytes;
        this.withNonReader = withNonReader;
    }

    /** Per member, touched only on its connection's selector thread. */
    private static final class Member {
        int last = -1;
    }

    /**
     * @param memberUri the URI member i connects to, e.g. a room on one node or alternately on two
     * @param json      whether the server wraps each text in duplex's message event
     */
    static Result run(NioClient client, IntFunction<URI> memberUri, int members, Pace pace, boolean json,
            Duration warmUp, Duration measure) throws Exception {
        return new FanOut(members, 0, false).measure(client, memberUri, pace, json, warmUp, measure);
    }

    /**
     * The same with texts padded to {@code textBytes} (0: not padded), and, if {@code withNonReader},
     * one more member that joins before the first message and never reads ({@link RawSocket#connectNotReading};
     * what it misses is not counted as lost). It is reset once the measurement ends, so that a
     * server stuck writing to it frees itself before the wait for every delivery.
     */
    static Result run(NioClient client, IntFunction<URI> memberUri, int members, Pace pace, boolean json,
            int textBytes, boolean withNonReader, Duration warmUp, Duration measure) throws Exception {
        return new FanOut(members, textBytes, withNonReader).measure(client, memberUri, pace, json, warmUp, measure);
    }

    private Result measure(NioClient client, IntFunction<URI> memberUri, Pace pace, boolean json, Duration warmUp,
            Duration measure) throws Exception {
        Listener listener = new Listener() {
            @Override
            public void onText(LoadConnection connection, ByteBuffer utf8) {
                texts.increment();
                received(connection, utf8, json);
            }
        };
        List<URI> uris = IntStream.range(0, members).mapToObj(memberUri).toList();
        List<LoadConnection> room = client.connectAll(uris, i -> listener, 64, Duration.ofSeconds(300));
        room.forEach(connection -> connection.attach(new Member()));
        awaitQuiet(Duration.ofMillis(500), Duration.ofSeconds(300)); // joins and welcomes delivered
        RawSocket nonReader = null;
        Sender sender = new Sender(room.get(0), pace);
        Thread thread = new Thread(sender, "bench-sender");
        try {
            if (withNonReader) {
                nonReader = RawSocket.connectNotReading(memberUri.apply(members));
            }
            thread.start();
            Thread.sleep(warmUp.toMillis());
            long before = deliveries.sum();
            recording = true;
            long start = System.nanoTime();
            Thread.sleep(measure.toMillis());
            recording = false;
            double seconds = (System.nanoTime() - start) / 1e9;
            double perSecond = (deliveries.sum() - before) / seconds;
            sender.stop = true;
            thread.join();
            if (nonReader != null) {
                nonReader.close(); // a server stuck writing to it moves on, and delivers the rest
            }
            awaitAllDelivered(sender.sent, Duration.ofSeconds(30));
            long expected = sender.sent * members;
            long lost = Math.max(0, expected - (deliveries.sum() - duplicated.sum()));
            return new Result(members, sender.sent, perSecond, latencies.percentileMillis(50),
                    latencies.percentileMillis(99), lost, duplicated.sum());
        } finally {
            sender.stop = true;
            try {
                if (nonReader != null) {
                    nonReader.close();
                }
            } finally {
                room.forEach(connection -> connection.close(1000, "done"));
                client.awaitClosed(Duration.ofSeconds(60)); // the next run starts from none
            }
        }
    }

    private void received(LoadConnection connection, ByteBuffer utf8, boolean json) {
        Member member = (Member) connection.attachment();
        int at = json ? textAt(utf8) : utf8.position();
        if (member == null || at < 0) {
            return; // a join, a welcome: not a message
        }
        int colon = at;
        while (colon < utf8.limit() && utf8.get(colon) != ':') {
            colon++;
        }
        long seq = Utf8Scan.digits(utf8, at);
        long sentAt = Utf8Scan.digits(utf8, colon + 1);
        deliveries.increment();
        if (seq <= member.last) {
            duplicated.increment();
            return;
        }
        member.last = (int) seq;
        if (recording) {
            latencies.record(System.nanoTime() - sentAt);
        }
        if (receivedBy.incrementAndGet((int) seq) == members) {
            completed.incrementAndGet();
        }
    }

    /** Where a message event's text starts, or -1 for another event. */
    private static int textAt(ByteBuffer utf8) {
        int start = utf8.position();
        if (!Utf8Scan.startsWith(utf8, start, MESSAGE_EVENT)) {
            return -1;
        }
        for (int i = start; i + TEXT_FIELD.length <= utf8.limit(); i++) {
            if (Utf8Scan.startsWith(utf8, i, TEXT_FIELD)) {
                return i + TEXT_FIELD.length;
            }
        }
        return -1;
    }



    private void awaitQuiet(Duration quiet, Duration atMost) throws InterruptedException {
        long deadline = System.nanoTime() + atMost.toNanos();
        long seen = -1;
        while (System.nanoTime() < deadline && texts.sum() != seen) {
            seen = texts.sum();
            Thread.sleep(quiet.toMillis());
        }
    }

    private void awaitAllDelivered(long sent, Duration atMost) throws InterruptedException {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (completed.get() < sent && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    /** {@code seq:nanoTime}, then {@code :xxx…} up to the text size. */
    private byte[] text(String stamp) {
        byte[] text = stamp.getBytes(StandardCharsets.US_ASCII);
        if (text.length >= textBytes) {
            return text;
        }
        byte[] padded = Arrays.copyOf(text, textBytes);
        padded[text.length] = ':';
        Arrays.fill(padded, text.length + 1, textBytes, (byte) 'x');
        return padded;
    }

    /** Sends {@code seq:nanoTime} texts from one member, padded to the text size if one is set, within the pace. */
    private final class Sender implements Runnable {
        private final LoadConnection from;
        private final Pace pace;
        volatile boolean stop;
        volatile long sent;

        Sender(LoadConnection from, Pace pace) {
            this.from = from;
            this.pace = pace;
        }

        @Override
        public void run() {
            long next = System.nanoTime();
            while (!stop && sent < MAX_MESSAGES) {
                if (pace.window() > 0) {
                    if (sent - completed.get() >= pace.window()) {
                        LockSupport.parkNanos(20_000);
                        continue;
                    }
                } else {
                    long wait = next - System.nanoTime();
                    if (wait > 0) {
                        LockSupport.parkNanos(wait);
                        continue;
                    }
                    next += TimeUnit.SECONDS.toNanos(1) / pace.perSecond();
                }
                from.sendText(text(sent + ":" + System.nanoTime()));
                sent++;
            }
        }
    }
}
