package dev.duplex.it;

import dev.duplex.testing.TunedSettings;
import java.net.URI;
import java.net.URL;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.extension.ExtendWith;

/** Like {@link DeployedWar}, with the WAR configured by {@link TunedSettings}. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
public abstract class TunedWar {

    @Deployment(testable = false)
    public static WebArchive war() {
        return Deployments.tunedWar(TunedSettings.SETTINGS);
    }

    @ArquillianResource
    private URL deployed;

    /** {@code http://127.0.0.1:port/duplex-tuned/} of the running deployment. */
    public URI base() {
        return Deployments.loopbackUri(deployed);
    }
}
