package dev.duplex.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.catalina.startup.Tomcat;

/**
 * A duplex node in a JVM of its own: embedded Tomcat serving a WAR at {@code /duplex} on
 * 127.0.0.1. {@link NodeProcess} runs it, so that a test can stop it cleanly or kill it outright.
 * Arguments: port, WAR. Settings come as system properties, as a user would pass them.
 */
public final class TomcatNode {

    private TomcatNode() {
    }

    public static void main(String[] args) throws Exception {
        Tomcat tomcat = new Tomcat();
        Path base = Files.createTempDirectory("duplex-node-");
        Files.createDirectories(base.resolve("webapps"));
        tomcat.setBaseDir(base.toString());
        tomcat.setPort(Integer.parseInt(args[0]));
        tomcat.getConnector().setProperty("address", "127.0.0.1");
        tomcat.addWebapp("/duplex", Path.of(args[1]).toAbsolutePath().toString());
        tomcat.start();
        // SIGTERM is a clean stop: the WAR's listener says goodbye to its clients and to Redis.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                tomcat.stop();
                tomcat.destroy();
            } catch (Exception e) {
                e.printStackTrace();
            }
        }));
        tomcat.getServer().await();
    }
}
