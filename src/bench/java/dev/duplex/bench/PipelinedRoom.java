package dev.duplex.bench;

import dev.duplex.bench.client.Listener;
import dev.duplex.bench.client.LoadConnection;
import dev.duplex.bench.client.NioClient;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

/**
 * How many messages a second one sender gets through a room when it keeps a window of them in
 * flight: it sends {@code 0}, {@code 1}, {@code 2}, … and sends the next each time one of its own
 * comes back, so the room's pace, not the sender's, sets the rate. Every member (the sender too)
 * must receive every message, in the order sent; what it receives otherwise is reported.
 *
 * <p>The benchmark's {@code redis-latency} part measures with it, and {@code RedisLatencyThroughputTest}
 * asserts on it. It runs on {@link NioClient}, which costs the server's machine little per message.
 */
public final class PipelinedRoom {

    /**
     * What one run saw: {@code messages} sent; {@code lost}, deliveries that never came (over all
     * members); {@code problems}, the first few messages that came out of order, twice, or events that
     * should not come (an error, a skip, an unexpected close), each naming its member.
     */
    public record Result(int members, long messages, double messagesPerSecond, long lost, long disordered,
            List<String> problems) {

        public boolean clean() {
            return lost == 0 && disordered == 0 && problems.isEmpty();
        }

        /** "lost 0, out of order 0", and the first problems if there are any. */
        public String losses() {
            return "lost " + lost + ", out of order " + disordered + (problems.isEmpty() ? "" : "; " + problems);
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%,.0f msgs/s over %,d messages to %d members (%s)", messagesPerSecond,
                    messages, members, losses());
        }
    }

    private static final int MAX_PROBLEMS = 10;
    private static final Duration OPEN_WAIT = Duration.ofSeconds(60);
    private static final byte[] TYPE = "{\"type\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] MESSAGE = "{\"type\":\"message\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TEXT = "\"text\":\"".getBytes(StandardCharsets.US_ASCII);

    private final int members;
    private final int window;
    private final Member[] room;
    private final CountDownLatch welcomed;
    private final CountDownLatch done;
    private final AtomicLong disordered = new AtomicLong();
    private final List<String> problems = Collections.synchronizedList(new ArrayList<>());
    private volatile long limit; // the sender sends messages 0 to limit - 1
    private volatile boolean closing;
    private long sent; // guarded by this
    private LoadConnection sender;
    private long startNanos;

    private PipelinedRoom(int members, int window, long limit) {
        this.members = members;
        this.window = window;
        this.limit = limit;
        this.room = IntStream.range(0, members).mapToObj(Member::new).toArray(Member[]::new);
        this.welcomed = new CountDownLatch(members);
        this.done = new CountDownLatch(members);
    }

    /**
     * {@code count} messages; the rate is over all of them, from the first send to the moment the
     * last member has the last one. Fails if that takes longer than {@code atMost}.
     *
     * @param memberUri the address member i enters the room at; member 0 sends
     */
    public static Result messages(NioClient client, IntFunction<URI> memberUri, int members, int window, int count,
            Duration atMost) throws Exception {
        PipelinedRoom run = new PipelinedRoom(members, window, count);
        List<LoadConnection> connections = run.enter(client, memberUri);
        try {
            run.start();
            run.awaitDone(atMost);
            long end = run.lastDoneNanos();
            return run.result(count / ((end - run.startNanos) / 1e9));
        } finally {
            run.leave(client, connections);
        }
    }

    /**
     * Messages for {@code warmUp} and then {@code measure}; the rate is of the messages that every
     * member received within {@code measure}. Then the sender stops, and what it sent must arrive
     * within {@code atMost}.
     */
    public static Result during(NioClient client, IntFunction<URI> memberUri, int members, int window,
            Duration warmUp, Duration measure, Duration atMost) throws Exception {
        PipelinedRoom run = new PipelinedRoom(members, window, Long.MAX_VALUE);
        List<LoadConnection> connections = run.enter(client, memberUri);
        try {
            run.start();
            Thread.sleep(warmUp.toMillis());
            long before = run.everyoneHas();
            long from = System.nanoTime();
            Thread.sleep(measure.toMillis());
            long after = run.everyoneHas();
            double seconds = (System.nanoTime() - from) / 1e9;
            run.stop();
            run.awaitDone(atMost);
            return run.result((after - before) / seconds);
        } finally {
            run.leave(client, connections);
        }
    }

    private List<LoadConnection> enter(NioClient client, IntFunction<URI> memberUri) throws Exception {
        List<URI> uris = IntStream.range(0, members).mapToObj(memberUri).toList();
        List<LoadConnection> connections = client.connectAll(uris, i -> room[i], 64, OPEN_WAIT);
        if (!welcomed.await(OPEN_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
            connections.forEach(LoadConnection::abort);
            throw new IllegalStateException(welcomed.getCount() + " of " + members + " members were not welcomed within "
                    + OPEN_WAIT + "; " + problems);
        }
        sender = connections.get(0);
        return connections;
    }

    private void start() {
        startNanos = System.nanoTime();
        for (int i = 0; i < window; i++) {
            sendNext();
        }
    }

    /**
     * The next message, if any is left. Under the lock: the first window goes from the caller's
     * thread while returns already trigger sends on the sender's selector thread, and a number must
     * never overtake the one before it on the way to the queue.
     */
    private synchronized void sendNext() {
        if (sent < limit) {
            sender.sendText(Long.toString(sent));
            sent++;
        }
    }

    /** No new messages; those sent must still arrive. */
    private void stop() {
        synchronized (this) {
            limit = sent;
        }
        for (Member member : room) {
            member.checkDone(); // one that already has them all receives nothing more to tell it
        }
    }

    private void awaitDone(Duration atMost) throws InterruptedException {
        if (!done.await(atMost.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException(done.getCount() + " of " + members + " members did not get all "
                    + limit + " messages within " + atMost + ": " + result(Double.NaN));
        }
    }

    /** How many messages every member has (each in order: the first that many). */
    private long everyoneHas() {
        long least = Long.MAX_VALUE;
        for (Member member : room) {
            least = Math.min(least, member.next);
        }
        return least;
    }

    private long lastDoneNanos() {
        long last = startNanos;
        for (Member member : room) {
            last = Math.max(last, member.doneNanos);
        }
        return last;
    }

    private Result result(double perSecond) {
        long lost = 0;
        for (Member member : room) {
            lost += member.skipped.get() + Math.max(0, limit - member.next);
        }
        synchronized (problems) {
            return new Result(members, limit, perSecond, lost, disordered.get(), List.copyOf(problems));
        }
    }

    private void leave(NioClient client, List<LoadConnection> connections) throws InterruptedException {
        closing = true;
        connections.forEach(connection -> connection.close(1000, "done"));
        client.awaitClosed(Duration.ofSeconds(30)); // the next run starts from none
    }

    private void problem(String problem) {
        synchronized (problems) {
            if (problems.size() < MAX_PROBLEMS) {
                problems.add(problem);
            }
        }
    }

    /** One member; its callbacks all run on its connection's selector thread. */
    private final class Member implements Listener {
        private final int index;
        private final AtomicLong skipped = new AtomicLong();
        private volatile long next; // the number it expects next: it has 0 to next - 1
        private volatile long doneNanos;
        private boolean counted;

        Member(int index) {
            this.index = index;
        }

        @Override
        public void onText(LoadConnection connection, ByteBuffer utf8) {
            if (Utf8Scan.startsWith(utf8, utf8.position(), MESSAGE)) { // most of what arrives: no allocation for it
                received(number(utf8));
                return;
            }
            switch (type(utf8)) {
                case "welcome" -> welcomed.countDown();
                case "join", "leave", "members" -> {
                    // presence: not what is measured
                }
                default -> problem("member " + index + " got " + Listener.text(utf8));
            }
        }

        private void received(long number) {
            if (number == next) {
                next = number + 1;
            } else if (number > next) {
                disordered.incrementAndGet();
                skipped.addAndGet(number - next);
                problem("member " + index + " got " + number + " when " + next + " was next");
                next = number + 1;
            } else {
                disordered.incrementAndGet();
                problem("member " + index + " got " + number + " again or late, after " + (next - 1));
            }
            if (index == 0) {
                sendNext(); // one of its own came back: the next one goes
            }
            checkDone();
        }

        /** Counts this member done once it has every message; from its thread or from {@link #stop}. */
        synchronized void checkDone() {
            if (!counted && next >= limit) {
                counted = true;
                doneNanos = System.nanoTime();
                done.countDown();
            }
        }

        @Override
        public void onClose(LoadConnection connection, int code, String reason) {
            if (!closing) {
                problem("member " + index + " closed: " + code + " " + reason);
            }
        }

        @Override
        public void onError(LoadConnection connection, Throwable error) {
            if (!closing) {
                problem("member " + index + " failed: " + error);
            }
        }
    }

    /** The event's type: its first field, as duplex writes every event. */
    private static String type(ByteBuffer utf8) {
        int at = utf8.position() + TYPE.length;
        if (!Utf8Scan.startsWith(utf8, utf8.position(), TYPE)) {
            return "";
        }
        int end = at;
        while (end < utf8.limit() && utf8.get(end) != '"') {
            end++;
        }
        byte[] name = new byte[end - at];
        utf8.get(at, name);
        return new String(name, StandardCharsets.US_ASCII);
    }

    /** The number in a message event's text. */
    private static long number(ByteBuffer utf8) {
        for (int i = utf8.position(); i + TEXT.length <= utf8.limit(); i++) {
            if (Utf8Scan.startsWith(utf8, i, TEXT)) {
                return Utf8Scan.digits(utf8, i + TEXT.length);
            }
        }
        return -1;
    }

}
