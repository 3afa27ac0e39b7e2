package dev.duplex.it;

import java.net.URI;
import java.net.URL;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Base of the integration tests: Arquillian deploys the built WAR into the container the failsafe
 * execution chose (Tomcat or Payara Micro), and the test talks to it from outside, as a client.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
public abstract class DeployedWar {

    /**
     * The system property in which each failsafe execution names its container ({@code tomcat-10.1},
     * {@code tomcat-11}, {@code payara-6}, {@code payara-7}), for the few behaviours that are the
     * container's own and differ.
     */
    public static final String CONTAINER = "duplex.it.container";

    @Deployment(testable = false)
    public static WebArchive war() {
        return Deployments.builtWar();
    }

    @ArquillianResource
    private URL deployed;

    /** {@code http://127.0.0.1:port/duplex/} of the running deployment. */
    public URI base() {
        return Deployments.loopbackUri(deployed);
    }
}
