package dev.duplex.bench;

import dev.duplex.bench.bare.BareEcho;
import dev.duplex.bench.bare.BareRoom;
import dev.duplex.testing.NodeProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.catalina.util.ServerInfo;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The servers {@link ServerBench} measures: the built WAR in a process of its own, on Tomcat (the
 * default) or Payara Micro, configured as the README's run command configures it, with the bare
 * endpoints beside it where a part compares against them.
 */
final class BenchServers {

    /** Every server's heap, on either container: G1, whose heap figure jcmd reports. */
    private static final List<String> HEAP = List.of("-Xmx3g", "-XX:+UseG1GC");
    /** {@code -Dduplex.bench.container=payara}: the same on Payara Micro (target/payara-micro.jar, from `mvn verify`). */
    static final boolean PAYARA = "payara".equals(System.getProperty("duplex.bench.container", "tomcat"));
    private static final List<String> SERVER_JVM = serverJvm();

    private BenchServers() {
    }

    /** A server for the benchmark, with the bare endpoints beside duplex unless {@code bareWar} is null. */
    static NodeProcess node(String name, Path bareWar, List<String> settings) throws Exception {
        String[] duplexSettings = settings.toArray(String[]::new);
        if (PAYARA) {
            List<String> options = new ArrayList<>(List.of("--prebootcommandfile", payaraForManyConnections().toString()));
            if (bareWar != null) {
                options.addAll(List.of("--deploy", bareWar.toString())); // at /bare
            }
            return NodeProcess.payara(name, payaraJvm(), options, duplexSettings);
        }
        return NodeProcess.tomcat(name, SERVER_JVM, bareWar == null ? List.of() : List.of("/bare=" + bareWar), duplexSettings);
    }

    /**
     * The servers' JVM: Tomcat configured as the README's run command configures it (the pom passes
     * the same values to both), G1 (whose heap figure jcmd reports), and no cache of closed
     * connections' sockets, whose buffers would otherwise be counted as some idle connections' and
     * not others'. {@code -Dduplex.bench.server-options="-XX:StartFlightRecording=..."} adds more.
     */
    private static List<String> serverJvm() {
        List<String> options = new ArrayList<>(HEAP);
        options.addAll(List.of(
                "-Dorg.apache.tomcat.websocket.DEFAULT_BUFFER_SIZE=" + pomProperty("tomcat.websocket.buffer"),
                "-Dtomcat.connector.socket.appReadBufSize=" + pomProperty("tomcat.socket.read-buffer"),
                "-Dtomcat.connector.socket.appWriteBufSize=" + pomProperty("tomcat.socket.write-buffer"),
                "-Dtomcat.connector.maxConnections=" + pomProperty("tomcat.max-connections"),
                "-Dtomcat.connector.socket.bufferPool=0"));
        options.addAll(moreServerOptions());
        return List.copyOf(options);
    }

    private static List<String> payaraJvm() {
        List<String> options = new ArrayList<>(HEAP);
        options.addAll(moreServerOptions());
        return List.copyOf(options);
    }

    /** {@code -Dduplex.bench.server-options}, for Tomcat and Payara alike. */
    private static List<String> moreServerOptions() {
        String more = System.getProperty("duplex.bench.server-options", "").strip();
        return more.isEmpty() ? List.of() : List.of(more.split("\\s+"));
    }

    /**
     * Payara's HTTP worker queue holds 4,096 tasks by default; when more connections than that have
     * something to read at once, Grizzly drops the rest (1006). The README gives the same command.
     */
    private static Path payaraForManyConnections() throws IOException {
        return Files.writeString(Path.of("target/bench/payara-pre-boot.asadmin").toAbsolutePath(),
                "set configs.config.server-config.thread-pools.thread-pool.http-thread-pool.max-queue-size=-1\n");
    }

    private static String pomProperty(String name) {
        String value = System.getProperty(name);
        if (value == null) {
            throw new IllegalStateException(name + " is not set: run the benchmark through Maven, see the class comment");
        }
        return value;
    }

    static Path bareWar(Path dir) {
        Path war = dir.resolve("bare.war");
        ShrinkWrap.create(WebArchive.class, "bare.war").addClasses(BareEcho.class, BareRoom.class)
                .addAsManifestResource(new StringAsset("""
                        <Context>
                          <JarScanner scanClassPath="false"><JarScanFilter tldSkip="*" pluggabilitySkip="*"/></JarScanner>
                        </Context>
                        """), "context.xml")
                .as(ZipExporter.class).exportTo(war.toFile(), true);
        return war;
    }

    /** The container and its JVM's options, for the report's machine line. */
    static String describe() {
        return PAYARA ? "Payara Micro with " + String.join(" ", payaraJvm()) + ", http-thread-pool max-queue-size=-1"
                : ServerInfo.getServerInfo() + " with " + String.join(" ", SERVER_JVM);
    }
}
