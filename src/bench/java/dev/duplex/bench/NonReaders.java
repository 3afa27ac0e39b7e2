package dev.duplex.bench;

import dev.duplex.bench.client.Listener;
import dev.duplex.bench.client.LoadConnection;
import dev.duplex.bench.client.NioClient;
import dev.duplex.testing.PrometheusText;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Echo clients that never read, beside clients that do. The readers echo with their window in
 * flight, alone and then while the others connect, send enough that the server can queue no more
 * for them, and never read; the readers' rate with them against without them, and what became of
 * them: the server's count of clients it closed for reading too slowly and of the closes it saw by
 * code (its /metrics), and the close each client finds once it reads again, after the measurement.
 *
 * <p>duplex only: the bare echo sends blocking, so each client that does not read would hold a
 * container thread until Tomcat's blocking send gives up (20 s), and with 200 of them every thread.
 */
final class NonReaders {

    /**
     * Each sends this much, in 64 KiB texts: more than duplex's outbox (4 MiB by default) and the
     * kernel's send buffer on the server's side (at most 4 MiB, net.ipv4.tcp_wmem here) hold together.
     */
    private static final int FLOOD_BYTES = 9 * 1024 * 1024;
    private static final int FLOOD_MESSAGE_BYTES = 64 * 1024;
    private static final int READERS = 16;
    private static final int NON_READERS = 200;
    private static final int BYTES = 32;
    /**
     * The readers' measurement beside the others lasts until {@code measure} after the server has seen
     * all their closes, or this long.
     */
    private static final Duration AT_MOST = Duration.ofSeconds(30);
    private static final Duration POLL = Duration.ofSeconds(1);
    private static final Pattern CLOSED = Pattern.compile(
            "duplex_connections_closed_total\\{code=\"([^\"]+)\",endpoint=\"echo\"}");
    private static final String CLOSED_SLOW = PrometheusText.series("duplex_connections_closed_slow_total", "endpoint",
            "echo");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /**
     * {@code besidePerSecond}: the readers' rate from the others' first message to the end;
     * {@code afterEndedPerSecond}: from when the server had seen every one of the others closed to
     * the end (NaN: it had not); {@code perSecond}: the readers' rate in each second beside the
     * others; {@code ended}: when the server had seen every close, from the start of their flood
     * ({@code null}: not within the run); {@code closedSlow}: those it closed for reading too slowly;
     * {@code clientCloses}: the code each one found once it read again (1006: the connection ended
     * without a close frame); {@code stillOpen}: those neither side had closed 60 s after that.
     */
    record Result(double alonePerSecond, double besidePerSecond, double afterEndedPerSecond, List<Double> perSecond,
            double besideSeconds, long closedSlow, Map<String, Long> serverCloses, Map<Integer, Long> clientCloses,
            Duration ended, int stillOpen) {
    }

    private NonReaders() {
    }

    /**
     * The rows: 16 readers of 32 B echoes, {@code inFlight} messages in flight over them as in the echo
     * part, alone and beside 200 that never read, and what the server did with the 200.
     */
    static void report(Report report, NioClient client, URI duplexBase, int inFlight, Duration warmUp,
            Duration measure) throws Exception {
        int readers = READERS;
        int nonReaders = NON_READERS;
        int window = Math.max(1, inFlight / readers);
        Result r = run(client, duplexBase, readers, BYTES, window, nonReaders, warmUp, measure, AT_MOST);
        String load = "echo, " + readers + " conn, " + BYTES + " B";
        report.row(load + ", alone (one run)", "msgs/s", Double.NaN, r.alonePerSecond(), "");
        String beside = load + ", beside " + nonReaders + " that never read";
        double slowest = r.perSecond().stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
        report.row(String.format(Locale.ROOT, "%s (one run of %.0f s from their first message)", beside,
                r.besideSeconds()), "msgs/s", Double.NaN, r.besidePerSecond(), String.format(Locale.ROOT,
                "%.2f× alone; slowest second %.2f× alone", r.besidePerSecond() / r.alonePerSecond(),
                slowest / r.alonePerSecond()));
        report.row(beside + ", once the server had closed all of them", "msgs/s", Double.NaN,
                r.afterEndedPerSecond(), Double.isNaN(r.afterEndedPerSecond()) ? "not all closed within the run"
                        : String.format(Locale.ROOT, "%.2f× alone", r.afterEndedPerSecond() / r.alonePerSecond()));
        report.row(nonReaders + " echo clients that never read, closed by the server for slowness", "clients",
                Double.NaN, r.closedSlow(), String.format(Locale.ROOT, "all %d closed %s after their first message;"
                        + " closes by code, as the server saw them %s, as the clients found them %s; still open %d",
                        nonReaders, since(r.ended()), r.serverCloses(), r.clientCloses(), r.stillOpen()));
        report.note("The readers beside the " + nonReaders + " that never read, second by second, × alone: "
                + r.perSecond().stream().map(rate -> String.format(Locale.ROOT, "%.2f", rate / r.alonePerSecond()))
                        .collect(Collectors.joining(", ")) + ".");
        report.note("The " + nonReaders + " that never read each connect with the smallest receive buffer the kernel"
                + " allows, then send " + FLOOD_BYTES / FLOOD_MESSAGE_BYTES + " texts of " + FLOOD_MESSAGE_BYTES / 1024
                + " KiB and read nothing until the measurement is over; then they read, to find their close (1006: none"
                + " came, the connection ended without it). Against duplex only, with its default outbox bounds; the"
                + " bare echo sends blocking, so each would hold a container thread until Tomcat gives up (20 s).");
        report.write();
    }

    static Result run(NioClient client, URI duplexBase, int readers, int bytes, int window, int nonReaders,
            Duration warmUp, Duration measure, Duration atMost) throws Exception {
        URI echo = URI.create(duplexBase.resolve("echo").toString().replaceFirst("^http", "ws"));
        URI metrics = duplexBase.resolve("metrics");
        byte[] payload = new byte[bytes];
        Arrays.fill(payload, (byte) 'x');
        LongAdder answers = new LongAdder();
        AtomicBoolean stopped = new AtomicBoolean();
        Listener echoing = new Listener() {
            @Override
            public void onText(LoadConnection connection, ByteBuffer utf8) {
                answers.increment();
                if (!stopped.get()) {
                    connection.sendText(payload);
                }
            }
        };
        List<LoadConnection> open = client.connectAll(Collections.nCopies(readers, echo), i -> echoing, readers,
                Duration.ofSeconds(60));
        try {
            open.forEach(connection -> {
                for (int i = 0; i < window; i++) {
                    connection.sendText(payload);
                }
            });
            Thread.sleep(warmUp.toMillis());
            long before = answers.sum();
            long start = System.nanoTime();
            Thread.sleep(measure.toMillis());
            double alone = (answers.sum() - before) / ((System.nanoTime() - start) / 1e9);
            return beside(answers, alone, echo, metrics, nonReaders, measure, atMost);
        } finally {
            stopped.set(true);
            open.forEach(connection -> connection.close(1000, "done"));
            client.awaitClosed(Duration.ofSeconds(60));
        }
    }

    /** The others connect, flood and stall while the readers go on; then they read, to find their closes. */
    private static Result beside(LongAdder answers, double alone, URI echo, URI metrics, int nonReaders,
            Duration measure, Duration atMost) throws Exception {
        byte[] flood = new byte[FLOOD_MESSAGE_BYTES];
        Arrays.fill(flood, (byte) 'y');
        Map<Integer, Long> clientCloses = new ConcurrentSkipListMap<>();
        Listener notReading = new Listener() {
            @Override
            public void onOpen(LoadConnection connection) {
                connection.reading(false);
            }

            @Override
            public void onClose(LoadConnection connection, int code, String reason) {
                clientCloses.merge(code, 1L, Long::sum);
            }
        };
        NioClient.Options smallestReceiveBuffer = NioClient.Options.of(1).withSocketBuffers(1, 0);
        try (NioClient quiet = new NioClient(smallestReceiveBuffer)) {
            List<LoadConnection> stalled = quiet.connectAll(Collections.nCopies(nonReaders, echo), i -> notReading, 64,
                    Duration.ofSeconds(60));
            Map<String, Double> metricsBefore = samples(metrics);
            long before = answers.sum();
            long start = System.nanoTime();
            for (LoadConnection connection : stalled) {
                for (int sent = 0; sent < FLOOD_BYTES; sent += FLOOD_MESSAGE_BYTES) {
                    connection.sendText(flood);
                }
            }
            List<Double> perSecond = new ArrayList<>();
            Duration ended = null;
            long lastAnswers = before;
            long lastAt = start;
            long answersAtEnded = 0;
            long endedAt = 0;
            while (true) {
                Thread.sleep(POLL.toMillis());
                long now = System.nanoTime();
                long answered = answers.sum();
                perSecond.add((answered - lastAnswers) / ((now - lastAt) / 1e9));
                lastAnswers = answered;
                lastAt = now;
                Map<String, Double> sample = samples(metrics);
                Duration since = Duration.ofNanos(now - start);
                if (ended == null && total(closes(metricsBefore, sample)) >= nonReaders) {
                    ended = since;
                    answersAtEnded = answered;
                    endedAt = now;
                }
                boolean measuredAfterEnded = ended != null && since.minus(ended).compareTo(measure) >= 0;
                if (since.compareTo(atMost) >= 0 || measuredAfterEnded) {
                    break;
                }
            }
            double seconds = (lastAt - start) / 1e9;
            double beside = (lastAnswers - before) / seconds;
            double afterEnded = ended == null || lastAt == endedAt ? Double.NaN
                    : (lastAnswers - answersAtEnded) / ((lastAt - endedAt) / 1e9);
            stalled.forEach(connection -> connection.reading(true));
            quiet.awaitClosed(Duration.ofSeconds(60));
            int stillOpen = quiet.liveConnections();
            Map<String, Double> metricsAfter = samples(metrics);
            return new Result(alone, beside, afterEnded, List.copyOf(perSecond), seconds,
                    closedSlow(metricsBefore, metricsAfter), closes(metricsBefore, metricsAfter),
                    new TreeMap<>(clientCloses), ended, stillOpen);
        }
    }

    private static long closedSlow(Map<String, Double> before, Map<String, Double> after) {
        return Math.round(after.getOrDefault(CLOSED_SLOW, 0.0) - before.getOrDefault(CLOSED_SLOW, 0.0));
    }

    /** The /echo closes the server saw between the two samples, by close code. */
    private static Map<String, Long> closes(Map<String, Double> before, Map<String, Double> after) {
        Map<String, Long> closes = new TreeMap<>();
        after.forEach((series, value) -> {
            Matcher closed = CLOSED.matcher(series);
            if (closed.matches()) {
                long count = Math.round(value - before.getOrDefault(series, 0.0));
                if (count > 0) {
                    closes.put(closed.group(1), count);
                }
            }
        });
        return closes;
    }

    private static long total(Map<String, Long> counts) {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    private static Map<String, Double> samples(URI metrics) throws Exception {
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(metrics).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("GET " + metrics + ": " + answer.statusCode());
        }
        return PrometheusText.samples(answer.body());
    }

    private static String since(Duration at) {
        return at == null ? "not within the run" : String.format(Locale.ROOT, "by %.0f s", at.toMillis() / 1e3);
    }
}
