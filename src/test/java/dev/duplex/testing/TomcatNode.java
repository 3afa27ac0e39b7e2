package dev.duplex.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.catalina.startup.Tomcat;

/**
 * A duplex node in a JVM of its own: embedded Tomcat serving a WAR at {@code /duplex} on
 * 127.0.0.1. {@link NodeProcess} runs it, so that a test can stop it cleanly or kill it outright.
 * Arguments: port, WAR, then any more web applications as {@code /context=path/to.war}. Settings
 * come as system properties, as a user would pass them; {@code -Dtomcat.connector.X=Y} sets the
 * connector's attribute X as server.xml would.
 */
public final class TomcatNode {

    private static final String CONNECTOR = "tomcat.connector.";

    private TomcatNode() {
    }

    public static void main(String[] args) throws Exception {
        Tomcat tomcat = new Tomcat();
        Path base = Files.createTempDirectory("duplex-node-");
        Files.createDirectories(base.resolve("webapps"));
        tomcat.setBaseDir(base.toString());
        tomcat.setPort(Integer.parseInt(args[0]));
        tomcat.getConnector().setProperty("address", "127.0.0.1");
        for (String key : System.getProperties().stringPropertyNames()) {
            if (key.startsWith(CONNECTOR)
                    && !tomcat.getConnector().setProperty(key.substring(CONNECTOR.length()), System.getProperty(key))) {
                throw new IllegalArgumentException("the connector has no attribute " + key.substring(CONNECTOR.length()));
            }
        }
        tomcat.addWebapp("/duplex", Path.of(args[1]).toAbsolutePath().toString());
        for (int i = 2; i < args.length; i++) {
            String[] webapp = args[i].split("=", 2);
            tomcat.addWebapp(webapp[0], Path.of(webapp[1]).toAbsolutePath().toString());
        }
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
