package dev.duplex.it;

import java.io.File;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import org.jboss.shrinkwrap.api.ShrinkWrap;
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
     * The deployment's URL with the host replaced by 127.0.0.1: Payara Micro reports the machine's
     * network address, and the tests talk to loopback only.
     */
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
