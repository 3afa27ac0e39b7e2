package dev.duplex.room;

import static dev.duplex.testing.Urls.ws;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.duplex.it.Deployments;
import dev.duplex.testing.RedisServer;
import dev.duplex.testing.ServerThreads;
import dev.duplex.testing.TestSocket;
import java.net.URL;
import java.util.Map;
import java.util.TreeMap;
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
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Redeploying duplex with rooms in Redis leaves no thread behind: Lettuce's event loops and timer
 * and duplex's own threads end with the application. Tomcat only (the it-payara execution leaves
 * it out): Payara Micro's Arquillian adapter undeploys by stopping the whole server.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RedeployIT {

    private static final String SHARED = "shared";

    @RegisterExtension
    @Order(1)
    static final RedisServer REDIS = new RedisServer();

    @Deployment(name = SHARED, managed = false, testable = false)
    static WebArchive war() {
        return ShrinkWrap.create(WebArchive.class, "duplex-redeploy.war")
                .merge(Deployments.tunedWar(REDIS.setting()));
    }

    @ArquillianResource
    private Deployer deployer;

    @Test
    @Order(1)
    void deploy() {
        deployer.deploy(SHARED); // the URL is known once deployed: the next test gets it
    }

    @Test
    @Order(2)
    void threeRedeploysWithRoomsInRedisLeaveNoThreadBehind(@ArquillianResource @OperateOnDeployment(SHARED) URL url)
            throws Exception {
        Map<String, Long> before = ServerThreads.byName();
        for (int round = 1; round <= 3; round++) {
            if (round > 1) {
                deployer.deploy(SHARED);
            }
            try (TestSocket member = TestSocket.connect(ws(Deployments.loopbackUri(url), "room/redeploy?name=ann"))) {
                member.nextEvent("welcome");
                member.send("round " + round);
                assertEquals("round " + round, member.nextEvent("message").getString("text"));
            }
            deployer.undeploy(SHARED);
        }
        Thread.sleep(1000); // threads told to stop may still be finishing
        Map<String, Long> after = new TreeMap<>(ServerThreads.byName());
        after.keySet().removeIf(name -> !name.contains("lettuce") && !name.startsWith("duplex"));
        assertEquals(Map.of(), after, () -> "left behind; before: " + before);
    }
}
