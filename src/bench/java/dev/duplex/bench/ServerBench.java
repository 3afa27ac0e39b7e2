package dev.duplex.bench;

import dev.duplex.bench.client.NioClient;
import dev.duplex.testing.DelayingProxy;
import dev.duplex.testing.NodeProcess;
import dev.duplex.testing.RedisServer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * duplex against the bare container: the built WAR and a bare echo and broadcast endpoint
 * ({@link dev.duplex.bench.bare.BareEcho}, {@link dev.duplex.bench.bare.BareRoom}) deployed side
 * by side in one Tomcat 10.1 process ({@link BenchServers}), driven over loopback by
 * {@link NioClient} from this JVM, one scenario at a time. Then the room scenarios across two
 * duplex nodes sharing a real Redis.
 *
 * <p>A measurement, not a test: it asserts nothing and runs only when asked, with
 * {@code mvn -B package -DskipTests failsafe:integration-test@bench}. It writes
 * {@code target/bench/report.md} and {@code target/bench/report.json}, after each part, and with
 * {@code -Dduplex.bench.publish=true} the report's body into docs/benchmark.md at the end.
 */
class ServerBench {

    private static final Duration WARM_UP = Duration.ofSeconds(1);
    private static final Duration MEASURE = Duration.ofSeconds(3);
    private static final Duration CHAT = Duration.ofSeconds(20);
    private static final Duration CHAT_WARM_UP = Duration.ofSeconds(3); // 60 messages through a fresh room
    private static final Duration SETTLE = Duration.ofSeconds(2);
    /**
     * Long enough for a bare room of 100 to fill the kernel's send buffer for the member that stops
     * reading (megabytes on loopback) before the measurement, short enough that the measurement ends
     * before Tomcat's blocking send gives up on it (20 s).
     */
    private static final Duration STALL_WARM_UP = Duration.ofSeconds(10);
    private static final String CHAT_RUN = "one run of " + CHAT.toSeconds() + " s after " + CHAT_WARM_UP.toSeconds()
            + " s, on collected servers";
    private static final int RUNS = Integer.getInteger("duplex.bench.runs", 3);
    private static final Set<String> ALL_PARTS = Set.of("echo", "latency", "rooms", "chat", "slow", "nonreaders", "idle",
            "nodes", "redis-latency");
    /** The parts to run, e.g. {@code -Dduplex.bench.parts=idle}; all of {@link #ALL_PARTS} by default. */
    private static final Set<String> PARTS = Set.of(System.getProperty("duplex.bench.parts",
            String.join(",", ALL_PARTS)).split(","));
    /**
     * {@code -Dduplex.bench.publish=true}: the report also goes into docs/benchmark.md, between its
     * report markers, once every part asked for has run (checked before the first starts).
     */
    private static final boolean PUBLISH = Boolean.getBoolean("duplex.bench.publish");
    private static final Path PUBLISHED = Path.of("docs/benchmark.md");
    private static final int[] ECHO_CONNECTIONS = Arrays.stream(System.getProperty("duplex.bench.echo-connections",
            "1,16,256").split(",")).mapToInt(Integer::parseInt).toArray();
    /** Messages in flight per echo run, over all its connections (at least one each). */
    private static final int ECHO_IN_FLIGHT = 128;
    /** Room messages in flight: sent, not yet received by every member. */
    private static final int FAN_OUT_WINDOW = 16;
    /**
     * The redis-latency part: a room of 10, one sender with 64 of its messages in flight (or
     * -Dduplex.bench.pipelined-in-flight), Redis 1 ms away each way.
     */
    private static final int PIPELINED_MEMBERS = 10;
    private static final int PIPELINED_IN_FLIGHT = Integer.getInteger("duplex.bench.pipelined-in-flight", 64);
    private static final Duration REDIS_DELAY = Duration.ofMillis(1);
    /**
     * Only the sender's own messages pace it, so another member may fall behind by more than the
     * 1,000 messages an outbox holds by default, and miss some (105 once, in memory): each member's
     * outbox holds a whole run.
     */
    private static final List<String> PIPELINED_SETTINGS = List.of("duplex.outbox.max-messages=1000000",
            "duplex.outbox.max-bytes=" + 1024 * 1024 * 1024);
    private static final int IDLE = 10_000;
    private static final int IDLE_MOST = 19_000; // the client's own limit is 20,000 open files
    /**
     * duplex's settings beyond the defaults: more connections than 10,000, a sender that may flood its
     * room, and a member that does not read kept (skipped) for as long as the slow-member run lasts.
     */
    private static final List<String> DUPLEX_SETTINGS = List.of("duplex.max-connections=20000",
            "duplex.room.rate-per-second=1000000", "duplex.room.rate-burst=1000000",
            "duplex.outbox.max-skipped=100000000");

    @Test
    void duplexAgainstTheBareContainer() throws Exception {
        if (PUBLISH) {
            MarkedSection.check(PUBLISHED); // now, not after an hour of measuring
        }
        Path dir = Files.createDirectories(Path.of("target/bench"));
        Report report = new Report(machine(), Provenance.commit(), dir.resolve("report.md"), dir.resolve("report.json"));
        try (NodeProcess node = BenchServers.node("bench", BenchServers.bareWar(dir), DUPLEX_SETTINGS);
                NioClient client = new NioClient(2)) {
            ServerUsage server = new ServerUsage(node.pid());
            URI duplex = node.base();
            URI bare = duplex.resolve("/bare/");
            if (PARTS.contains("echo")) {
                echo(report, client, server, duplex, bare);
            }
            if (PARTS.contains("latency")) {
                RoundTrips.report(report, client, server, ws(bare, "echo"), ws(duplex, "echo"), RUNS);
            }
            if (PARTS.contains("rooms")) {
                fanOut(report, client, duplex, bare);
            }
            if (PARTS.contains("chat")) {
                chat(report, client, server, duplex, bare);
            }
            if (PARTS.contains("slow")) {
                slowMember(report, client, duplex, bare);
            }
            if (PARTS.contains("nonreaders")) {
                NonReaders.report(report, client, duplex, ECHO_IN_FLIGHT, WARM_UP, MEASURE);
            }
            if (PARTS.contains("idle")) {
                idle(report, client, server, duplex, bare);
            }
        }
        if (PARTS.contains("nodes")) {
            acrossTwoNodes(report);
        }
        if (PARTS.contains("redis-latency")) {
            redisLatency(report);
        }
        if (PUBLISH) {
            report.publish(PUBLISHED);
        }
    }

    private void echo(Report report, NioClient client, ServerUsage server, URI duplex, URI bare) throws Exception {
        for (int connections : ECHO_CONNECTIONS) {
            for (int bytes : new int[] {32, 4096}) {
                int window = Math.max(1, ECHO_IN_FLIGHT / connections);
                EchoLoad.Result bareEcho = echoMedian(client, server, ws(bare, "echo"), connections, bytes, window);
                EchoLoad.Result duplexEcho = echoMedian(client, server, ws(duplex, "echo"), connections, bytes, window);
                EchoLoad.Result rewrite = echoMedian(client, server, ws(duplex, "rewrite"), connections, bytes, window);
                String load = connections + " conn, " + bytes + " B";
                report.row("echo, " + load, "msgs/s", bareEcho.perSecond(), duplexEcho.perSecond(), cpu(bareEcho, duplexEcho));
                report.row("rewrite (vs bare echo), " + load, "msgs/s", bareEcho.perSecond(), rewrite.perSecond(),
                        cpu(bareEcho, rewrite));
            }
        }
        report.write();
    }

    private static EchoLoad.Result echoMedian(NioClient client, ServerUsage server, URI endpoint, int connections,
            int bytes, int window) throws Exception {
        return median(RUNS, () -> EchoLoad.run(client, server, endpoint, connections, bytes, window, WARM_UP, MEASURE),
                Comparator.comparingDouble(EchoLoad.Result::perSecond));
    }

    private static String cpu(EchoLoad.Result bare, EchoLoad.Result duplex) {
        return String.format(Locale.ROOT, "server CPU µs/msg %.1f → %.1f; client %.1f", bare.serverCpuMicros(),
                duplex.serverCpuMicros(), duplex.clientCpuMicros());
    }

    private void fanOut(Report report, NioClient client, URI duplex, URI bare) throws Exception {
        for (int members : new int[] {1, 100, 1_000, 5_000, 10_000}) {
            int runs = members <= 1_000 ? RUNS : 1;
            FanOut.Result bareRoom = fanOutMedian(runs, () -> FanOut.run(client, bareRoom(bare), members,
                    FanOut.Pace.window(FAN_OUT_WINDOW), false, WARM_UP, MEASURE));
            String scenario = "room of " + members + (runs == 1 ? " (one run)" : "");
            FanOut.Result duplexRoom = fanOutMedian(runs, () -> FanOut.run(client, duplexRoom(duplex), members,
                    FanOut.Pace.window(FAN_OUT_WINDOW), true, WARM_UP, MEASURE));
            report.row(scenario, "deliveries/s", bareRoom.deliveriesPerSecond(), duplexRoom.deliveriesPerSecond(),
                    losses(bareRoom, duplexRoom));
        }
        report.note("duplex runs with its default presence limit of 100: rooms above it announce no joins or leaves"
                + " (filling a room of n would otherwise cost n²/2 deliveries).");
        report.write();
    }

    private void chat(Report report, NioClient client, ServerUsage server, URI duplex, URI bare) throws Exception {
        settle(server);
        FanOut.Result bareChat = FanOut.run(client, bareRoom(bare), 100, FanOut.Pace.rate(20), false, CHAT_WARM_UP, CHAT);
        settle(server);
        FanOut.Result duplexChat = FanOut.run(client, duplexRoom(duplex), 100, FanOut.Pace.rate(20), true, CHAT_WARM_UP,
                CHAT);
        String chat = "room of 100 at 20 msg/s (" + CHAT_RUN + ")";
        report.row(chat + ", delivery p50", "ms", bareChat.p50Millis(), duplexChat.p50Millis(),
                losses(bareChat, duplexChat));
        report.row(chat + ", delivery p99", "ms", bareChat.p99Millis(), duplexChat.p99Millis(), "");
        report.write();
    }

    /**
     * What the bare room's speed costs: it sends blocking, one member after the other, so a member
     * that stops reading holds up everyone behind it once the server's socket buffer for it is full.
     * The same room with every member reading is the reference. 512 B texts, so that duplex's message
     * event still fits Tomcat's 1 KiB send buffer, as the bare text does.
     */
    private void slowMember(Report report, NioClient client, URI duplex, URI bare) throws Exception {
        int textBytes = 512;
        FanOut.Pace pace = FanOut.Pace.window(FAN_OUT_WINDOW);
        boolean bareTexts = false;
        boolean messageEvents = true;
        boolean allRead = false;
        boolean oneStopsReading = true;
        // 99 readers and the one that stops: 100 members, within duplex's presence limit like the reference.
        FanOut.Result bareReading = FanOut.run(client, bareRoom(bare), 100, pace, bareTexts, textBytes, allRead,
                WARM_UP, MEASURE);
        FanOut.Result duplexReading = FanOut.run(client, duplexRoom(duplex), 100, pace, messageEvents, textBytes,
                allRead, WARM_UP, MEASURE);
        FanOut.Result bareStalled = FanOut.run(client, bareRoom(bare), 99, pace, bareTexts, textBytes, oneStopsReading,
                STALL_WARM_UP, MEASURE);
        FanOut.Result duplexStalled = FanOut.run(client, duplexRoom(duplex), 99, pace, messageEvents, textBytes,
                oneStopsReading, STALL_WARM_UP, MEASURE);
        String room = "room of 100, " + textBytes + " B texts";
        report.row(room + ", all reading (one run)", "deliveries/s", bareReading.deliveriesPerSecond(),
                duplexReading.deliveriesPerSecond(), losses(bareReading, duplexReading));
        report.row(room + ", 1 stops reading (one run of " + MEASURE.toSeconds() + " s after "
                + STALL_WARM_UP.toSeconds() + " s)", "deliveries/s", bareStalled.deliveriesPerSecond(),
                duplexStalled.deliveriesPerSecond(), losses(bareStalled, duplexStalled));
        String bareWaits = BenchServers.PAYARA
                ? "The bare room sends blocking; how long that waits on a member that does not read is the container's."
                : "The bare room waits on it, each message, until Tomcat's blocking send gives up (20 s).";
        report.note("The member that stops reading is not counted: deliveries/s and losses are the 99 others'. "
                + bareWaits + " duplex skips what that member cannot take once its outbox is full (the benchmark lets"
                + " it skip without limit, so that it is still a member while measured; by default it is closed with"
                + " 1008 after 1,000 skipped).");
        report.write();
    }

    /**
     * The servers and this client collect what the scenarios before left, then all rest a moment, so
     * that a latency run does not meet the pauses that would otherwise clean up after them.
     */
    private static void settle(ServerUsage... servers) throws Exception {
        System.gc();
        for (ServerUsage server : servers) {
            server.collect();
        }
        Thread.sleep(SETTLE.toMillis());
    }

    private static FanOut.Result fanOutMedian(int runs, Callable<FanOut.Result> run) throws Exception {
        return median(runs, run, Comparator.comparingDouble(FanOut.Result::deliveriesPerSecond));
    }

    private static String losses(FanOut.Result bare, FanOut.Result duplex) {
        return "bare " + losses(bare) + "; duplex " + losses(duplex);
    }

    private static String losses(FanOut.Result result) {
        return "lost " + result.lost() + ", duplicated " + result.duplicated();
    }

    private static <T> T median(int runs, Callable<T> run, Comparator<T> order) throws Exception {
        List<T> results = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            results.add(run.call());
        }
        results.sort(order);
        return results.get(runs / 2);
    }

    private void idle(Report report, NioClient client, ServerUsage server, URI duplex, URI bare) throws Exception {
        IdleConnections.hold(client, server, ws(bare, "echo"), 1_000); // warm-up: classes loaded, pools grown
        IdleConnections.hold(client, server, ws(duplex, "echo"), 1_000);
        IdleConnections.Result bareIdle = IdleConnections.hold(client, server, ws(bare, "echo"), IDLE);
        IdleConnections.Result duplexIdle = IdleConnections.hold(client, server, ws(duplex, "echo"), IDLE);
        report.row(IDLE + " idle connections (one run), live heap", "KiB/conn", bareIdle.heapBytesPerConnection() / 1024,
                duplexIdle.heapBytesPerConnection() / 1024, "bare " + bareIdle.answers() + "; duplex " + duplexIdle.answers());
        IdleConnections.Result most = IdleConnections.hold(client, server, ws(duplex, "echo"), IDLE_MOST);
        report.row(IDLE_MOST + " idle connections on duplex (one run), live heap", "KiB/conn", Double.NaN,
                most.heapBytesPerConnection() / 1024, most.answers());
        report.note("Live heap per idle duplex connection by class (the 12 largest): "
                + String.join(", ", duplexIdle.heaviest()) + ".");
        report.note(String.format(Locale.ROOT, "At %.1f KiB of live heap per idle connection, a 1 GiB heap holds about"
                + " %,d duplex connections.", duplexIdle.heapBytesPerConnection() / 1024,
                (long) (1024.0 * 1024 * 1024 / duplexIdle.heapBytesPerConnection())));
        report.write();
    }

    private void acrossTwoNodes(Report report) throws Exception {
        RedisServer redis = new RedisServer();
        redis.start();
        List<String> settings = new ArrayList<>(DUPLEX_SETTINGS);
        settings.add(redis.property());
        try (NodeProcess a = BenchServers.node("bench-a", null, settings); NodeProcess b = BenchServers.node("bench-b", null, settings);
                NioClient client = new NioClient(2)) {
            FanOut.Result oneThousand = fanOutMedian(RUNS, () -> FanOut.run(client, acrossNodes(a, b), 1_000,
                    FanOut.Pace.window(FAN_OUT_WINDOW), true, WARM_UP, MEASURE));
            settle(new ServerUsage(a.pid()), new ServerUsage(b.pid()));
            FanOut.Result chat = FanOut.run(client, acrossNodes(a, b), 100, FanOut.Pace.rate(20), true, CHAT_WARM_UP,
                    CHAT);
            report.row("two nodes over Redis, room of 1000", "deliveries/s", Double.NaN, oneThousand.deliveriesPerSecond(),
                    losses(oneThousand));
            String scenario = "two nodes over Redis, room of 100 at 20 msg/s (" + CHAT_RUN + ")";
            report.row(scenario + ", p50", "ms", Double.NaN, chat.p50Millis(), losses(chat));
            report.row(scenario + ", p99", "ms", Double.NaN, chat.p99Millis(), "");
        } finally {
            redis.stop();
        }
        report.write();
    }

    /**
     * What Redis's distance costs one room: a sender that keeps 64 messages in flight ({@link PipelinedRoom})
     * in a room of 10, on a node with rooms in memory, on one with rooms on a Redis next door, and on
     * one whose Redis is 1 ms away each way (a {@link DelayingProxy} in this JVM between it and the
     * same Redis). A node at a time; each is warmed up with one run that is not counted.
     */
    private void redisLatency(Report report) throws Exception {
        RedisServer redis = new RedisServer();
        redis.start();
        PipelinedRoom.Result memory;
        PipelinedRoom.Result direct;
        PipelinedRoom.Result away;
        try (DelayingProxy proxy = new DelayingProxy(redis.address(), REDIS_DELAY).start();
                NioClient client = new NioClient(2)) {
            try (NodeProcess node = BenchServers.node("bench-memory", null, pipelinedSettings(List.of()))) {
                memory = pipelinedMedian(client, node);
            }
            try (NodeProcess node = BenchServers.node("bench-redis", null, pipelinedSettings(List.of(redis.property())))) {
                direct = pipelinedMedian(client, node);
            }
            try (NodeProcess node = BenchServers.node("bench-redis-away", null,
                    pipelinedSettings(List.of(redis.propertyVia(proxy.address()))))) {
                away = pipelinedMedian(client, node);
            }
        } finally {
            redis.stop();
        }
        String room = "room of " + PIPELINED_MEMBERS + ", 1 sender with " + PIPELINED_IN_FLIGHT + " in flight, ";
        report.row(room + "in memory", "msgs/s", Double.NaN, memory.messagesPerSecond(), memory.losses());
        report.row(room + "Redis direct", "msgs/s", Double.NaN, direct.messagesPerSecond(),
                String.format(Locale.ROOT, "%.2f× in memory; %s", direct.messagesPerSecond() / memory.messagesPerSecond(),
                        direct.losses()));
        report.row(room + "Redis " + REDIS_DELAY.toMillis() + " ms away", "msgs/s", Double.NaN, away.messagesPerSecond(),
                String.format(Locale.ROOT, "%.2f× Redis direct; %s", away.messagesPerSecond() / direct.messagesPerSecond(),
                        away.losses()));
        report.note("The room of " + PIPELINED_MEMBERS + " with " + PIPELINED_IN_FLIGHT + " in flight: its sender sends"
                + " the next message each time one of its own comes back; msgs/s are messages every member received,"
                + " each a median of the usual runs after one run that warms the node up. Redis " + REDIS_DELAY.toMillis()
                + " ms away is the same Redis behind a proxy in the client's JVM that delays everything by that much"
                + " each way (DelayingProxy).");
        report.write();
    }

    private static PipelinedRoom.Result pipelinedMedian(NioClient client, NodeProcess node) throws Exception {
        Callable<PipelinedRoom.Result> run = () -> PipelinedRoom.during(client, duplexRoom(node.base()),
                PIPELINED_MEMBERS, PIPELINED_IN_FLIGHT, WARM_UP, MEASURE, Duration.ofSeconds(60));
        run.call(); // the node's first: not counted
        return median(RUNS, run, Comparator.comparingDouble(PipelinedRoom.Result::messagesPerSecond));
    }

    /** The benchmark's settings, the part's, and {@code more}. */
    private static List<String> pipelinedSettings(List<String> more) {
        List<String> settings = new ArrayList<>(DUPLEX_SETTINGS);
        settings.addAll(PIPELINED_SETTINGS);
        settings.addAll(more);
        return settings;
    }

    /** A new room with its members alternately on node a and node b. */
    private static IntFunction<URI> acrossNodes(NodeProcess a, NodeProcess b) {
        String room = "bench-" + UUID.randomUUID();
        return i -> ws(i % 2 == 0 ? a.base() : b.base(), "room/" + room + "?name=m" + i);
    }

    private static IntFunction<URI> bareRoom(URI bare) {
        String room = "bench-" + UUID.randomUUID();
        return i -> ws(bare, "room/" + room);
    }

    private static IntFunction<URI> duplexRoom(URI duplex) {
        String room = "bench-" + UUID.randomUUID();
        return i -> ws(duplex, "room/" + room + "?name=m" + i);
    }

    private static URI ws(URI base, String path) {
        return URI.create(base.resolve(path).toString().replaceFirst("^http", "ws"));
    }

    /** Three paragraphs: the hardware, the server and how it ran. */
    private static String machine() throws Exception {
        String parts = PARTS.equals(ALL_PARTS) ? "" : "; parts run: " + String.join(", ", PARTS.stream().sorted().toList());
        String runs = RUNS == 1 ? "one run" : "medians of " + RUNS + " runs";
        return String.format(Locale.ROOT, "Machine: %s.%n%nServer: %s.%n%nMethod: client and servers on one machine over"
                + " loopback; throughput rows are %s of %d s after %d s of warm-up, other rows say how they ran. For"
                + " throughput duplex ÷ bare above 1 is better; for latency and memory, below 1%s.", Provenance.hardware(),
                BenchServers.describe(), runs, MEASURE.toSeconds(), WARM_UP.toSeconds(), parts);
    }
}
