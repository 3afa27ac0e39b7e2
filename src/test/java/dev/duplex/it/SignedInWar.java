package dev.duplex.it;

import dev.duplex.testing.Tokens;
import java.net.URI;
import java.net.URL;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.extension.ExtendWith;

/** Like {@link DeployedWar}, with the WAR in token mode and the API on: {@link Tokens#SETTINGS}. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
public abstract class SignedInWar {

    @Deployment(testable = false)
    public static WebArchive war() {
        return Deployments.configuredWar("duplex-signed", Tokens.SETTINGS);
    }

    @ArquillianResource
    private URL deployed;

    /** {@code http://127.0.0.1:port/duplex-signed/} of the running deployment. */
    public URI base() {
        return Deployments.loopbackUri(deployed);
    }
}
