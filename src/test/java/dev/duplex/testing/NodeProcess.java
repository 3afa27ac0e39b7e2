package dev.duplex.testing;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A duplex node as its own process, serving the built WAR ({@code target/duplex.war}) at
 * {@code /duplex} on a free loopback port: on embedded Tomcat ({@link TomcatNode}) or on Payara
 * Micro ({@code target/payara-micro.jar}). Closing it stops it cleanly; {@link #kill} does not.
 */
public final class NodeProcess implements AutoCloseable {

    private static final Path WAR = Path.of("target/duplex.war");
    private static final Path PAYARA_MICRO = Path.of("target/payara-micro.jar");
    private static final Duration START_WAIT = Duration.ofSeconds(180);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final Process process;
    private final int port;
    private final Path log;

    private NodeProcess(String name, List<String> command, int port) throws IOException {
        this.name = name;
        this.port = port;
        this.log = Files.createTempFile("duplex-" + name + "-", ".log");
        this.process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /** A Tomcat node with these settings ({@code duplex.*} system properties), once it answers. */
    public static NodeProcess tomcat(String name, String... settings) throws Exception {
        return tomcat(name, freePort(), settings);
    }

    /** The same on a given port: for a node that comes back where its clients expect it. */
    public static NodeProcess tomcat(String name, int port, String... settings) throws Exception {
        List<String> command = java(settings);
        command.addAll(List.of("-cp", tomcatClasspath(), TomcatNode.class.getName(), Integer.toString(port), war()));
        return started(new NodeProcess(name, command, port));
    }

    /**
     * A Tomcat node for measurements: {@code jvmOptions} after the usual ones (a later -Xmx wins),
     * and {@code webapps} ({@code /context=path/to.war}) deployed beside duplex.
     */
    public static NodeProcess tomcat(String name, List<String> jvmOptions, List<String> webapps, String... settings)
            throws Exception {
        int port = freePort();
        List<String> command = java(settings);
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", tomcatClasspath(), TomcatNode.class.getName(), Integer.toString(port), war()));
        command.addAll(webapps);
        return started(new NodeProcess(name, command, port));
    }

    /** The node's process id, for jcmd and /proc. */
    public long pid() {
        return process.pid();
    }

    /** A Payara Micro node with these settings, once it answers; without clustering, as everywhere here. */
    public static NodeProcess payara(String name, String... settings) throws Exception {
        return started(payaraLaunched(name, List.of(), settings));
    }

    /** A Payara Micro node just launched, with {@code options} added to its command line. */
    public static NodeProcess payaraLaunched(String name, List<String> options, String... settings) throws Exception {
        return payaraLaunched(name, List.of(), options, settings);
    }

    /**
     * A Payara Micro node for measurements, once it answers: {@code jvmOptions} after the usual ones
     * (a later -Xmx wins), {@code options} after Payara Micro's, e.g. {@code --deploy another.war}.
     */
    public static NodeProcess payara(String name, List<String> jvmOptions, List<String> options, String... settings)
            throws Exception {
        return started(payaraLaunched(name, jvmOptions, options, settings));
    }

    private static NodeProcess payaraLaunched(String name, List<String> jvmOptions, List<String> options,
            String... settings) throws Exception {
        if (!Files.isRegularFile(PAYARA_MICRO)) {
            throw new IllegalStateException(PAYARA_MICRO + " is missing: run the integration tests through `mvn verify`");
        }
        int port = freePort();
        List<String> command = java(settings);
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", PAYARA_MICRO.toString(), "--nocluster", "--port", Integer.toString(port),
                "--deploy", war(), "--contextroot", "duplex"));
        command.addAll(options);
        return new NodeProcess(name, command, port);
    }

    /** The built WAR, for commands that deploy it again. */
    public static Path builtWar() {
        return Path.of(war());
    }

    /** What the node has printed so far. */
    public String log() throws IOException {
        return Files.readString(log);
    }

    /** The names of the node's threads now. */
    public List<String> threadNames() {
        return ServerThreads.namesOf(process.toHandle()).toList();
    }

    private static List<String> java(String... settings) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir")));
        Arrays.stream(settings).map(setting -> "-D" + setting).forEach(command::add);
        return command;
    }

    private static String war() {
        if (!Files.isRegularFile(WAR)) {
            throw new IllegalStateException(WAR + " is missing: run the integration tests through `mvn verify`");
        }
        return WAR.toAbsolutePath().toString();
    }

    /** Tomcat's own jars and this class: the WAR brings duplex and its libraries itself. */
    private static String tomcatClasspath() throws Exception {
        String tests = Path.of(TomcatNode.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        String tomcat = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> entry.contains("tomcat-embed") || entry.contains("tomcat-annotations"))
                .collect(Collectors.joining(File.pathSeparator));
        if (tomcat.isEmpty()) {
            throw new IllegalStateException("no embedded Tomcat on the test classpath");
        }
        return tests + File.pathSeparator + tomcat;
    }

    private static NodeProcess started(NodeProcess node) throws Exception {
        long deadline = System.nanoTime() + START_WAIT.toNanos();
        while (true) {
            if (!node.process.isAlive()) {
                throw new IllegalStateException(node.name + " did not start:\n" + Files.readString(node.log));
            }
            try {
                int status = node.health().statusCode();
                if (status == 200 || status == 503) {
                    return node;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            if (System.nanoTime() > deadline) {
                node.kill();
                throw new IllegalStateException(node.name + " did not answer within " + START_WAIT + ":\n" + Files.readString(node.log));
            }
            Thread.sleep(200);
        }
    }

    public int port() {
        return port;
    }

    /** {@code http://127.0.0.1:port/duplex/} */
    public URI base() {
        return URI.create("http://127.0.0.1:" + port + "/duplex/");
    }

    public HttpResponse<String> health() throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(base().resolve("health")).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Waits until {@code /health} answers with {@code status}. */
    public void awaitHealth(int status, Duration wait) throws Exception {
        long deadline = System.nanoTime() + wait.toNanos();
        int last = 0;
        while (System.nanoTime() < deadline) {
            last = health().statusCode();
            if (last == status) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError(name + ": /health still answers " + last + ", not " + status + ", after " + wait);
    }

    /** Ends the process at once, as a crash or a pulled plug would: no goodbye to anyone. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** Stops every node given that was started (nulls are those that never were). */
    public static void closeAll(NodeProcess... nodes) throws Exception {
        for (NodeProcess node : nodes) {
            if (node != null) {
                node.close();
            }
        }
    }

    @Override
    public void close() throws Exception {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                kill();
            }
        }
    }

    @Override
    public String toString() {
        return name + " at " + base();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
