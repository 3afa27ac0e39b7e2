package dev.duplex.it;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;
import org.jboss.shrinkwrap.api.Node;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** What the integration tests deploy, and where they find it. */
public final class Deployments {

    private static final File BUILT_WAR = new File("target/duplex.war");

    private Deployments() {
    }

    /** The WAR that `mvn package` built, unchanged: the tests check what users deploy. */
    public static WebArchive builtWar() {
        if (!BUILT_WAR.isFile()) {
            throw new IllegalStateException(BUILT_WAR + " is missing: run the integration tests through `mvn verify`");
        }
        return ShrinkWrap.createFromZipFile(WebArchive.class, BUILT_WAR);
    }

    /**
     * The built WAR as {@code duplex-tuned.war} (context root /duplex-tuned), configured the way a
     * user would: {@code settings} as context parameters added to its WEB-INF/web.xml.
     */
    public static WebArchive tunedWar(Map<String, String> settings) {
        return configuredWar("duplex-tuned", settings);
    }

    /**
     * The built WAR as {@code <name>.war} (context root /name) with {@code settings} as context
     * parameters added to its WEB-INF/web.xml, as a user would configure it.
     */
    public static WebArchive configuredWar(String name, Map<String, String> settings) {
        String parameters = settings.entrySet().stream()
                .map(setting -> "  <context-param><param-name>%s</param-name><param-value>%s</param-value></context-param>"
                        .formatted(setting.getKey(), setting.getValue()))
                .collect(Collectors.joining("\n"));
        WebArchive built = builtWar();
        String webXml = webXml(built).replace("</web-app>", parameters + "\n</web-app>");
        WebArchive tuned = ShrinkWrap.create(WebArchive.class, name + ".war").merge(built);
        tuned.delete(WEB_XML);
        return tuned.setWebXML(new StringAsset(webXml));
    }

    private static final String WEB_XML = "WEB-INF/web.xml";

    private static String webXml(WebArchive war) {
        Node node = war.get(WEB_XML);
        if (node == null) {
            throw new IllegalStateException(BUILT_WAR + " has no " + WEB_XML);
        }
        try (InputStream in = node.getAsset().openStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The deployment's URL with the host replaced by 127.0.0.1: Payara Micro reports the machine's
     * network address, and the tests talk to loopback only.
     */
    public static URI loopbackUri(URL deployed) {
        try {
            return loopback(deployed).toURI();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public static URL loopback(URL deployed) {
        try {
            URI uri = deployed.toURI();
            String path = uri.getPath().endsWith("/") ? uri.getPath() : uri.getPath() + "/";
            return new URI(uri.getScheme(), null, "127.0.0.1", uri.getPort(), path, null, null).toURL();
        } catch (URISyntaxException | MalformedURLException e) {
            throw new IllegalArgumentException("not a deployment URL: " + deployed, e);
        }
    }
}
