package dev.duplex.web;

import static dev.duplex.testing.Urls.ws;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duplex.it.Deployments;
import dev.duplex.testing.LogWatch;
import dev.duplex.testing.TestSocket;
import jakarta.websocket.CloseReason;
import java.net.URI;
import java.net.URL;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Undeploying duplex (on Payara Micro, whose Arquillian adapter undeploys by stopping the server,
 * a server stop) closes every open session with 1001 and a reason, and logs nothing at ERROR.
 * The test deploys and undeploys by itself; the URL is only known once deployed, hence two steps.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ShutdownIT {

    private static final String GOODBYE = "goodbye";

    @Deployment(name = GOODBYE, managed = false, testable = false)
    static WebArchive war() {
        return ShrinkWrap.create(WebArchive.class, "duplex-goodbye.war").merge(Deployments.builtWar());
    }

    @ArquillianResource
    private Deployer deployer;

    @Test
    @Order(1)
    void deploy() {
        deployer.deploy(GOODBYE);
    }

    @Test
    @Order(2)
    void undeployClosesEveryOpenSessionWith1001AndLogsNoError(@ArquillianResource @OperateOnDeployment(GOODBYE) URL url)
            throws Exception {
        URI base = Deployments.loopbackUri(url);
        try (TestSocket echo = TestSocket.connect(ws(base, "echo"));
                TestSocket rewrite = TestSocket.connect(ws(base, "rewrite"));
                TestSocket room = TestSocket.connect(ws(base, "room/goodbye?name=ann"));
                LogWatch log = LogWatch.start()) {
            room.nextEvent("welcome");
            deployer.undeploy(GOODBYE);
            for (TestSocket client : new TestSocket[] {echo, rewrite, room}) {
                CloseReason close = client.awaitClose();
                assertEquals(1001, close.getCloseCode().getCode(), close::toString);
                assertFalse(close.getReasonPhrase().isBlank(), close::toString);
            }
            assertTrue(log.errors().isEmpty(), () -> "logged at ERROR: " + log.errors());
        }
    }
}
